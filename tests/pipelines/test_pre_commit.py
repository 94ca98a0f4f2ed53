"""The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself (PyPI) in a
temporary git repository holding a copy of the examples, with a .pre-commit-config.yaml that
points at a temporary commit of this repository's working tree (pre-commit clones the hook
repository at `rev`, so uncommitted work would otherwise be invisible).

pre-commit installs the hooks with `cargo install --bins --root ENV --path .` in its clone, the
root package (smm-pre-commit, binary smm-hook). CARGO_TARGET_DIR points at this repository's
target folder, where scripts/test has just built the release binary, and cargo-shim/cargo
makes cargo see that build as current (see there why two things are needed for that); with
SMM_CARGO_SHIM=off the install is pre-commit's own, minutes long. PRE_COMMIT_HOME is a
temporary folder, so that no run sees another's environments.

Run from the repository root after `cargo build --release -p smm-cli --locked` (scripts/test
does that first).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline_helpers import (
    HERE,
    REPO,
    REPORT,
    commit_all,
    examples_workspace,
    git,
    git_env,
    init_repository,
    snapshot_repository,
)

LINE_4 = "examples/assessments/line-4.smm"
PRACTICE = "  practice access-control level 2 scope industry {"


@pytest.fixture(scope="module")
def hooks(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pre-commit")
    hook_repo = tmp / "smm"
    rev = snapshot_repository(hook_repo)

    project = examples_workspace(tmp / "project")
    (project / ".pre-commit-config.yaml").write_text(
        f"""repos:
  - repo: {hook_repo}
    rev: {rev}
    hooks:
      - id: smm-fmt
      - id: smm-check
"""
    )
    init_repository(project)
    commit_all(project, "The examples")

    shim_log = tmp / "cargo-installs.jsonl"
    home = tmp / "pre-commit-home"
    env = git_env(
        PRE_COMMIT_HOME=str(home),
        CARGO_TARGET_DIR=os.environ.get("CARGO_TARGET_DIR", str(REPO / "target")),
        PATH=os.pathsep.join([str(HERE / "cargo-shim"), os.environ["PATH"]]),
        SMM_HOOK_SOURCE=str(REPO),
        SMM_CARGO_SHIM_LOG=str(shim_log),
        SMM_CARGO_SHIM_PRIVATE_TARGET=str(tmp / "target"),
    )
    started = time.monotonic()
    result = pre_commit(project, env, "install-hooks", timeout=1200)
    took = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    (install,) = [json.loads(line) for line in shim_log.read_text().splitlines()]
    how = (
        "pre-commit's own command" if os.environ.get("SMM_CARGO_SHIM") == "off"
        else "--locked, file times restored" if install["shared_target"]
        else "the working tree changed after the snapshot"
    )
    where = "target/" if install["shared_target"] else "a target folder of its own"
    REPORT.append(f"pre-commit install-hooks: {took:.1f} s (cargo install, {how}, in {where})")

    return SimpleNamespace(project=project, env=env, home=home, shim_log=shim_log)


def pre_commit(project, env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_hooks(hooks, *args):
    result = pre_commit(hooks.project, hooks.env, "run", "--color=never", *args)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def project(hooks):
    """The project, put back as committed after the test."""
    yield hooks.project
    git("reset", "-q", "--hard", cwd=hooks.project)
    git("clean", "-qfd", cwd=hooks.project)


def edit(path, old, new):
    text = path.read_text()
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_the_hooks_manifest_is_valid_for_pre_commit(tmp_path):
    broken = tmp_path / "broken-hooks.yaml"
    manifest = (REPO / ".pre-commit-hooks.yaml").read_text()
    broken.write_text(manifest.replace("pass_filenames: false", "pass_filenames: no-thanks"))
    result = pre_commit(REPO, git_env(), "validate-manifest", str(broken))
    assert result.returncode == 1 and "pass_filenames" in result.stdout, result.stdout
    result = pre_commit(REPO, git_env(), "validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_installs_smm_hook_with_cargo_from_the_root_package(hooks):
    installs = [json.loads(line) for line in hooks.shim_log.read_text().splitlines()]
    assert len(installs) == 1, installs  # one environment for both hooks
    (install,) = installs
    assert install["args"][:3] == ["install", "--bins", "--root"], install
    assert install["args"][4:] == ["--path", "."], install
    clone = Path(install["cwd"])
    assert clone.is_relative_to(hooks.home), clone
    assert 'name = "smm-pre-commit"' in (clone / "Cargo.toml").read_text()
    assert (Path(install["args"][3]) / "bin" / "smm-hook").is_file()


def test_both_hooks_pass_on_the_examples(project, hooks):
    status, output = run_hooks(hooks, "--all-files")
    assert status == 0, output
    assert "smm fmt" in output and "smm check" in output, output
    assert output.count("Passed") == 2, output


def test_smm_fmt_fails_with_the_diff_on_an_unformatted_file(project, hooks):
    edit(project / LINE_4, PRACTICE, PRACTICE.replace("practice ", "practice   "))
    status, output = run_hooks(hooks, "smm-fmt", "--files", LINE_4)
    assert status == 1, output
    assert "- exit code: 1" in output, output
    assert f"--- {LINE_4}" in output and f"+++ {LINE_4} (formatted)" in output, output
    assert "-  practice   access-control level 2" in output, output
    assert "+  practice access-control level 2" in output, output
    assert "1 file would be formatted" in output, output


def test_smm_check_fails_on_an_unknown_practice_and_checks_the_whole_workspace(project, hooks):
    edit(project / LINE_4, PRACTICE, PRACTICE.replace("access-control", "acces-control"))
    status, output = run_hooks(hooks, "smm-check", "--files", LINE_4)
    assert status == 1, output
    assert "check::unknown-practice" in output and "acces-control" in output, output
    # The whole workspace, not the one file given (pass_filenames: false).
    files = len(list(project.rglob("*.smm")))
    assert f"checked {files} files: 1 error" in output, output


def test_smm_check_runs_when_only_smm_toml_changes(project, hooks):
    (project / "smm.toml").write_text('fail-on = "warning"\n')
    status, output = run_hooks(hooks, "--files", "smm.toml")
    assert status == 1, output
    assert "smm fmt" in output and "(no files to check)Skipped" in output, output
    assert "check::unmet-target" in output, output  # the examples' warnings now fail


def test_a_commit_with_an_unformatted_file_is_refused(project, hooks):
    result = pre_commit(project, hooks.env, "install")
    assert result.returncode == 0, result.stdout + result.stderr
    try:
        head = git("rev-parse", "HEAD", cwd=project)
        edit(project / LINE_4, PRACTICE, PRACTICE.replace("practice ", "practice   "))
        git("add", LINE_4, cwd=project)
        commit = subprocess.run(
            ["git", "commit", "-m", "Unformatted"],
            cwd=project,
            env=hooks.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert commit.returncode != 0, commit.stdout + commit.stderr
        output = commit.stdout + commit.stderr
        assert "smm fmt" in output and "Failed" in output, output
        assert git("rev-parse", "HEAD", cwd=project) == head
    finally:
        (project / ".git" / "hooks" / "pre-commit").unlink()


# clap names the program after argv[0] unless the command sets `bin_name` (cli.rs does).
def test_smm_hook_calls_itself_smm_in_help_and_errors(hooks):
    (hook,) = hooks.home.glob("repo*/rustenv-*/bin/smm-hook")
    help_text = subprocess.run(
        [str(hook), "fmt", "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    error = subprocess.run(
        [str(hook), "fmt", "--bogus"], capture_output=True, text=True, timeout=60
    ).stderr
    assert "Usage: smm fmt" in help_text, help_text
    assert "Usage: smm fmt" in error, error
