"""The reports of `smm check` read by real tools: SARIF by Microsoft's SARIF Multitool
(`validate`, with its GitHub code scanning rules), JUnit XML by junitparser and by an XML
Schema of the JUnit format Jenkins and GitLab read (junit.xsd beside this file, checked with
xmlschema). Each validator is first shown to reject a broken report, so that a validator that
never ran cannot pass.

Run from the repository root after `cargo build` (scripts/test does both); SMM_BIN names the
binary to test (default: target/debug/smm).
"""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import xmlschema
from junitparser import Failure, JUnitXml

REPO = Path(__file__).resolve().parents[2]
SMM = Path(os.environ.get("SMM_BIN", REPO / "target" / "debug" / "smm"))
MULTITOOL = (
    Path(__file__).resolve().parent
    / "node_modules"
    / "@microsoft"
    / "sarif-multitool-linux"
    / "Sarif.Multitool"
)
JUNIT_XSD = Path(__file__).resolve().parent / "junit.xsd"

PROFILE = """profile base "Grundschutz ß ℝ 💣" {
  role asset-owner
  target access-control level 3 scope industry
  target patch-management level 2
}
"""

ASSESSMENT = """assessment plant "Werk ß ℝ 💣" {
  profile base
  date 2026-11-10
  practice access-control level 2 scope industry {
    evidence "Kontenprüfung ß ℝ 💣 <&>" implements iec62443-3-3:SR2.1 expires 2026-11-01
  }
  practice acces-control level 1
  waive not-assessed for patch-management expires 2027-01-31 {
    reason "Patch review moves to the Q1 audit"
    owner "R. Okafor"
  }
}
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports") / "Werk Straße"
    (root / "assessments").mkdir(parents=True)
    (root / "smm.toml").write_text("")
    (root / "base.smm").write_text(PROFILE)
    (root / "assessments" / "plant ß.smm").write_text(ASSESSMENT)
    (root / "broken.smm").write_text('profile broken {\n  targt access-control level 1\n}\n')
    return root


def smm_check(root, fmt):
    result = subprocess.run(
        [str(SMM), "check", "--format", fmt],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr  # the workspace has errors
    return result.stdout


def sarif_findings(path, tmp_path):
    """The validator's errors and warnings for one file, as (rule, level), with the rules of
    the SARIF specification and those GitHub code scanning adds (`--rule-kind "Gh;Sarif"`)."""
    assert MULTITOOL.exists(), "run scripts/setup: the SARIF Multitool is not installed"
    out = tmp_path / (path.stem + ".validation.sarif")
    run = subprocess.run(
        [str(MULTITOOL), "validate", "--rule-kind", "Gh;Sarif", str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.exists(), run.stdout + run.stderr
    results = json.loads(out.read_text())["runs"][0].get("results", [])
    # A result without `level` is a warning (SARIF 3.27.10).
    findings = [(r["ruleId"], r.get("level", "warning")) for r in results]
    return [(rule, level) for rule, level in findings if level in ("error", "warning")]


def test_sarif_is_valid_for_the_multitool_and_github(workspace, failing, tmp_path):
    report = smm_check(workspace, "sarif")
    good = tmp_path / "good.sarif"
    good.write_text(report)

    # What a broken converter would write: a result without its message, a line 0 (the
    # schema's errors, after which the validator runs no further rule) ...
    broken_document = json.loads(report)
    results = broken_document["runs"][0]["results"]
    del results[0]["message"]
    results[1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    broken = tmp_path / "broken.sarif"
    broken.write_text(json.dumps(broken_document))
    rules = {rule for rule, level in sarif_findings(broken, tmp_path) if level == "error"}
    assert {"JSON1002", "JSON1008"} <= rules, "the validator accepted a broken file"
    # ... and a message without text, valid SARIF that GitHub refuses.
    broken_document = json.loads(report)
    broken_document["runs"][0]["results"][0]["message"] = {"id": "default"}
    broken = tmp_path / "broken-for-github.sarif"
    broken.write_text(json.dumps(broken_document))
    rules = {rule for rule, level in sarif_findings(broken, tmp_path) if level == "error"}
    assert any(rule.startswith("GH") for rule in rules), f"GitHub's rules did not run: {rules}"

    # Only the tool's home page is missing (SARIF2005): there is none to name yet. The same
    # for a report with findings of every kind, fixes, waivers and related locations.
    assert sarif_findings(good, tmp_path) == [("SARIF2005", "warning")]
    many = tmp_path / "many.sarif"
    many.write_text(run_check(failing, "--format", "sarif").stdout)
    assert sarif_findings(many, tmp_path) == [("SARIF2005", "warning")]
    run = json.loads(report)["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert "assessments/plant%20%C3%9F.smm" in uris
    assert all("partialFingerprints" in r for r in run["results"])
    assert list(run["originalUriBaseIds"]) == ["%SRCROOT%"]
    assert run["automationDetails"] == {"id": "smm/check/"}


def junit_schema():
    return xmlschema.XMLSchema(str(JUNIT_XSD))


def schema_errors(schema, text):
    return [str(e.reason) for e in schema.iter_errors(text)]


def test_the_junit_schema_rejects_broken_reports(workspace):
    report = smm_check(workspace, "junit")
    schema = junit_schema()
    assert schema_errors(schema, report) == []

    broken = {
        "skipped on testsuites (Jenkins)": report.replace(
            '<testsuites name="smm check"', '<testsuites name="smm check" skipped="1"'
        ),
        "a test case without a name": report.replace(
            '<testcase classname="files" name="broken.smm"', '<testcase classname="files"'
        ),
        "a count that is not a number": report.replace('tests="2"', 'tests="two"', 1),
        "a suite without failures": re.sub(r'(<testsuite [^>]*) failures="\d+"', r"\1", report, 1),
        "a failure outside a test case": report.replace(
            "</testsuite>", '<failure message="x"/></testsuite>', 1
        ),
        "an element of its own": report.replace("<skipped ", "<waived ", 1),
        "a suite as the root": re.sub(r"(?s)<testsuites [^>]*>\n(.*?</testsuite>).*", r"\1", report),
    }
    for what, text in broken.items():
        assert text != report, what
        assert schema_errors(schema, text), f"the schema accepted {what}"


def test_junit_reads_back_with_junitparser(workspace, tmp_path):
    report = smm_check(workspace, "junit")

    broken = tmp_path / "broken.xml"
    broken.write_text(report.replace("</testsuites>", ""))
    with pytest.raises(Exception):
        JUnitXml.fromfile(str(broken))

    good = tmp_path / "good.xml"
    good.write_text(report, encoding="utf-8")
    xml = JUnitXml.fromfile(str(good))
    cases = {(suite.name, case.name): case for suite in xml for case in suite}
    access = cases[("assessment plant (assessments/plant ß.smm)", "access-control")]
    # Below its target and with expired evidence, but warnings do not fail this run.
    assert access.is_passed and "[check::evidence-expired]" in access.system_out
    patch = cases[("assessment plant (assessments/plant ß.smm)", "patch-management")]
    assert patch.is_skipped and "waived until 2027-01-31 by R. Okafor" in patch.result[0].message
    files = [name for (suite, name) in cases if suite == "files with failing findings"]
    assert files == ["assessments/plant ß.smm", "broken.smm"]
    assert (xml.tests, xml.failures, xml.errors) == (4, 2, 0)


FAILING_PROFILES = """profile base "Base" {
  role asset-owner
  target access-control level 3 scope industry
  target patch-management level 2
}

profile extra "Extra" {
  extends nowhere
}
"""

FAILING_ASSESSMENT = """assessment plant "Plant" {
  profile base
  date 2026-11-10
  practice access-control level 2 scope industry {
    evidence "Review <&>" implements iec62443-3-3:SR2.1 expires 2026-11-01
    evidence "Audit" implements iso27002:5.15 expires 2026-10-01
  }
  practice monitoring level 1 {
    evidence "Log review" implements iso27002:8.16
  }
  practice acces-control level 1
  waive not-assessed for patch-management expires 2027-01-31 {
    reason "Q1 audit"
    owner "R. Okafor"
  }
}
"""


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    """Expired evidence (twice in one practice), an unmet target, a waived finding, a practice
    without a target (info), an unknown practice, a profile extending nothing, a catalog entry
    without a title and a syntax error."""
    root = tmp_path_factory.mktemp("failing") / "ws"
    (root / "assessments").mkdir(parents=True)
    (root / "smm.toml").write_text("")
    (root / "base.smm").write_text(FAILING_PROFILES)
    (root / "assessments" / "plant.smm").write_text(FAILING_ASSESSMENT)
    (root / "acme.smm").write_text('standard acme "Acme controls" {\n  clause acme:1\n}\n')
    (root / "broken.smm").write_text("profile broken {\n  targt access-control level 1\n}\n")
    return root


def run_check(root, *args):
    return subprocess.run(
        [str(SMM), "check", *args], cwd=root, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize(
    "fail_on, severities, expected",
    [
        (None, {"error"}, 3),
        ("warning", {"error", "warning"}, 7),
        ("info", {"error", "warning", "info"}, 8),
        ("never", set(), 0),
    ],
)
def test_junit_failures_are_the_findings_that_fail_the_run(
    failing, tmp_path, fail_on, severities, expected
):
    """Issue 15: the run failed on N findings while the JUnit report counted fewer failures."""
    flags = [] if fail_on is None else ["--fail-on", fail_on]
    document = json.loads(run_check(failing, "--format", "json", *flags).stdout)
    failing_findings = sorted(
        d["code"]
        for f in document["files"]
        for d in f["diagnostics"]
        if d["waived"] is None and d["severity"] in severities
    )
    assert len(failing_findings) == expected, failing_findings
    assert "check::evidence-expired" in failing_findings or fail_on in (None, "never")
    assert "check::unknown-profile" in failing_findings or fail_on == "never"

    run = run_check(failing, "--format", "junit", *flags)
    assert run.returncode == (1 if expected else 0), run.stderr
    assert schema_errors(junit_schema(), run.stdout) == []
    path = tmp_path / "report.xml"
    path.write_text(run.stdout, encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    failures = sorted(
        r.type for suite in xml for case in suite for r in case.result if isinstance(r, Failure)
    )
    assert failures == failing_findings
    assert xml.failures == expected
    assert sum(suite.failures for suite in xml) == expected
    cases = {case.name: case for suite in xml for case in suite}
    if fail_on in ("warning", "info"):
        access = [r.type for r in cases["access-control"].result]
        assert access.count("check::evidence-expired") == 2, access
    if expected:
        assert [r.type for r in cases["base.smm"].result] == ["check::unknown-profile"]
    else:
        assert not any(suite.name.startswith("files") for suite in xml)


def test_github_annotations_escape_what_would_end_a_command(workspace):
    report = smm_check(workspace, "github")
    lines = report.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    for line in lines:
        properties, message = line.split("::", 2)[1:]
        assert "\n" not in message
        for prop in properties.split(" ", 1)[1].split(","):
            key, value = prop.split("=", 1)
            assert ":" not in value, line
    assert any("title=check%3A%3Aunknown-practice" in line for line in lines)

