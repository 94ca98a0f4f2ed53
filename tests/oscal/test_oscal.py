"""`smm report --format oscal` read by a real OSCAL implementation: compliance-trestle (PyPI;
its pydantic models are generated from NIST's OSCAL JSON schemas, OSCAL 1.2.1 for trestle
5.2.0) loads the document of the repository's examples into its AssessmentResults model, and
trestle's own validators (those of `trestle validate -m all`: duplicate UUIDs, references,
back-matter links) pass it. The model and the validators are first shown to reject broken
documents, so that a validator that never ran cannot pass.

NIST's JSON schema itself (oscal_assessment-results_schema.json) ships in no registry package
we found (compliance-trestle's wheel and sdist hold the generated models only; the `oscal`
package holds a database of processed metaschema; oscal-bindings holds generated models), so
the document is not checked with jsonschema.

compliance-trestle comes from tests/requirements.txt. Without it these tests are skipped, and
fail with CI=true. Run from the repository root after `cargo build` (scripts/test does both);
SMM_BIN names the binary to test (default: target/debug/smm).
"""

import copy
import json
import os
import re
import shutil
import subprocess
from argparse import Namespace
from pathlib import Path

import pytest

try:
    import trestle.core.validator_factory as validator_factory
    from trestle.common import const
    from trestle.common.err import TrestleError
    from trestle.oscal import OSCAL_VERSION, OSCAL_VERSION_REGEX
    from trestle.oscal.assessment_results import AssessmentResults
except ImportError as missing:
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"compliance-trestle is missing ({missing}): pip install -r tests/requirements.txt",
            pytrace=False,
        )
    pytest.skip(
        f"compliance-trestle is not installed ({missing}): pip install -r tests/requirements.txt",
        allow_module_level=True,
    )

REPO = Path(__file__).resolve().parents[2]
SMM = Path(os.environ.get("SMM_BIN", REPO / "target" / "debug" / "smm"))
# The namespace of smm's props (crates/smm-cli/src/commands/report/oscal/mod.rs).
NS = "https://smm.invalid/ns/oscal"
EXAMPLE_ASSESSMENTS = 7


def report(root):
    """The OSCAL document of a copy of the repository's smm.toml and examples/ in `root`."""
    root.mkdir(parents=True)
    shutil.copy(REPO / "smm.toml", root / "smm.toml")
    shutil.copytree(REPO / "examples", root / "examples")
    result = subprocess.run(
        [str(SMM), "report", "examples", "--format", "oscal", "-o", "out.json"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return root / "out.json"


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    return report(tmp_path_factory.mktemp("oscal") / "one")


def validator(mode):
    return validator_factory.validator_factory.get(Namespace(mode=mode))


def read(path):
    return AssessmentResults.oscal_read(path)


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_trestle_rejects_broken_documents(document, tmp_path):
    good = json.loads(document.read_text(encoding="utf-8"))
    broken = {}

    no_target = copy.deepcopy(good)
    del no_target["assessment-results"]["results"][0]["findings"][0]["target"]
    broken["finding without target"] = no_target

    bad_uuid = copy.deepcopy(good)
    bad_uuid["assessment-results"]["results"][0]["uuid"] = "not-a-uuid"
    broken["bad uuid"] = bad_uuid

    no_plan = copy.deepcopy(good)
    del no_plan["assessment-results"]["import-ap"]
    broken["no import-ap"] = no_plan

    bad_state = copy.deepcopy(good)
    finding = bad_state["assessment-results"]["results"][0]["findings"][0]
    finding["target"]["status"]["state"] = "mostly-satisfied"
    broken["unknown objective state"] = bad_state

    two_line_prop = copy.deepcopy(good)
    two_line_prop["assessment-results"]["results"][0]["props"][0]["value"] = "two\nlines"
    broken["prop value on two lines"] = two_line_prop

    empty_list = copy.deepcopy(good)
    empty_list["assessment-results"]["results"][0]["observations"] = []
    broken["empty list of observations"] = empty_list

    multi_line_title = copy.deepcopy(good)
    multi_line_title["assessment-results"]["results"][0]["title"] = "two\nlines"
    broken["title on two lines"] = multi_line_title

    for i, (what, data) in enumerate(broken.items()):
        with pytest.raises(TrestleError):
            read(write(tmp_path, f"broken-{i}.json", data))
            pytest.fail(f"trestle accepted a document with {what}")

    # Loads, but a UUID used twice is caught by trestle's duplicates validator.
    twice = copy.deepcopy(good)
    results = twice["assessment-results"]["results"]
    results[1]["uuid"] = results[0]["uuid"]
    model = read(write(tmp_path, "twice.json", twice))
    assert not validator(const.VAL_MODE_DUPLICATES).model_is_valid(model, True)
    assert not validator(const.VAL_MODE_ALL).model_is_valid(model, True)


def test_trestle_reads_one_result_per_assessment(document):
    model = read(document)
    assert isinstance(model, AssessmentResults)
    # trestle does not check the version it reads (strict_version is off): compare by hand.
    version = model.metadata.oscal_version.root.root
    assert version == OSCAL_VERSION
    assert re.match(OSCAL_VERSION_REGEX, version)
    assert len(model.results) == EXAMPLE_ASSESSMENTS
    assert model.import_ap.href == f"#{model.back_matter.resources[0].uuid}"
    for result in model.results:
        assert result.findings, result.title
        assert result.observations, result.title
        observations = {o.uuid for o in result.observations}
        for finding in result.findings:
            assert finding.target.type.value == "objective-id"
            assert finding.target.target_id
            for related in finding.related_observations or []:
                assert related.observation_uuid in observations
        targeted = [f for f in result.findings if prop(f, "smm-target")]
        assert targeted, result.title
        for finding in targeted:
            assert finding.target.status.state.value in ("satisfied", "not-satisfied")
        for observation in result.observations:
            assert [m.value if hasattr(m, "value") else m for m in observation.methods] == [
                "EXAMINE"
            ]
            assert observation.relevant_evidence[0].description


def test_trestle_validators_pass(document):
    model = read(document)
    for mode in (
        const.VAL_MODE_DUPLICATES,
        const.VAL_MODE_REFS,
        const.VAL_MODE_LINKS,
        const.VAL_MODE_ALL,
    ):
        check = validator(mode)
        assert check.model_is_valid(model, True), f"{mode}: {check.error_msg()}"


def prop(owner, name):
    return [p.value for p in owner.props or [] if p.name == name and str(p.ns) == NS]


def test_smm_figures_are_props_in_our_namespace(document):
    model = read(document)
    for result in model.results:
        assert prop(result, "smm-assessment")
        for finding in result.findings:
            assert prop(finding, "smm-waived") in (["true"], ["false"])
            rated = prop(finding, "smm-level")
            assert bool(rated) == bool(prop(finding, "smm-scope"))
            if prop(finding, "smm-target"):
                assert prop(finding, "smm-set-by")
            if rated and prop(finding, "smm-target"):
                assert prop(finding, "smm-gap")
        for observation in result.observations:
            assert prop(observation, "smm-practice")
    linked = [
        e.href
        for r in model.results
        for o in r.observations
        for e in o.relevant_evidence
        if e.href
    ]
    assert "docs/line-4-zones.md" in linked


def test_the_same_examples_give_the_same_bytes_anywhere(document, tmp_path):
    again = report(tmp_path / "elsewhere" / "clone")
    assert again.read_bytes() == document.read_bytes()
