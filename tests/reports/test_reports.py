"""The reports of `smm check` read by real tools: SARIF by Microsoft's SARIF Multitool
(`validate`), JUnit XML by junitparser. Each validator is first shown to reject a broken
report, so that a validator that never ran cannot pass.

Run from the repository root after `cargo build` (scripts/test does both); SMM_BIN names the
binary to test (default: target/debug/smm).
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from junitparser import JUnitXml

REPO = Path(__file__).resolve().parents[2]
SMM = Path(os.environ.get("SMM_BIN", REPO / "target" / "debug" / "smm"))
MULTITOOL = (
    Path(__file__).resolve().parent
    / "node_modules"
    / "@microsoft"
    / "sarif-multitool-linux"
    / "Sarif.Multitool"
)

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


def sarif_errors(path, tmp_path):
    """The validator's findings of level `error` for one file."""
    assert MULTITOOL.exists(), "run scripts/setup: the SARIF Multitool is not installed"
    out = tmp_path / (path.stem + ".validation.sarif")
    run = subprocess.run(
        [str(MULTITOOL), "validate", str(path), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.exists(), run.stdout + run.stderr
    results = json.loads(out.read_text())["runs"][0].get("results", [])
    return [r for r in results if r.get("level") == "error"]


def test_sarif_is_valid_for_the_multitool(workspace, tmp_path):
    report = smm_check(workspace, "sarif")
    good = tmp_path / "good.sarif"
    good.write_text(report)

    # What a broken converter would write: a result without its message, a line 0.
    broken_document = json.loads(report)
    results = broken_document["runs"][0]["results"]
    del results[0]["message"]
    results[1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    broken = tmp_path / "broken.sarif"
    broken.write_text(json.dumps(broken_document))
    rules = {e["ruleId"] for e in sarif_errors(broken, tmp_path)}
    assert {"JSON1002", "JSON1008"} <= rules, "the validator accepted a broken file"

    assert sarif_errors(good, tmp_path) == []
    results = json.loads(report)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "assessments/plant%20%C3%9F.smm" in uris


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
    assert not access.is_passed
    assert access.result[0].type == "check::unmet-target"
    patch = cases[("assessment plant (assessments/plant ß.smm)", "patch-management")]
    assert patch.is_skipped and "waived until 2027-01-31 by R. Okafor" in patch.result[0].message
    files = [name for (suite, name) in cases if suite == "files with errors"]
    assert files == ["assessments/plant ß.smm", "broken.smm"]
    assert (xml.tests, xml.failures, xml.skipped) == (4, 3, 1)


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

