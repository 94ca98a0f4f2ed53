"""What the pipeline tests share: the binary under test, temporary git repositories (isolated
from the user's git configuration), a copy of the examples as a workspace, actionlint, and a
small runner for the `run:` steps of the composite action (action.yml), as GitHub runs them."""

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SMM = Path(os.environ.get("SMM_BIN", REPO / "target" / "debug" / "smm")).resolve()
ACTIONLINT = HERE / "actionlint.cjs"
ACTIONLINT_PACKAGE = HERE / "node_modules" / "@tktco" / "node-actionlint"
CI = REPO / "examples" / "ci"

# Lines for the closing summary (conftest.py prints them, also under `pytest -q`).
REPORT = []

# An smm.toml for the copy of the examples: in this repository the examples are checked from
# the root's smm.toml; on their own they need one of their own.
SMM_TOML = "# The examples of smm, copied as a workspace of their own.\n"


def git_env(**extra):
    """The environment for git and pre-commit: no global or system git configuration (a
    signing or hooks setting of the user's must not change the test), a fixed identity."""
    env = dict(os.environ)
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="smm tests",
        GIT_AUTHOR_EMAIL="tests@smm.invalid",
        GIT_COMMITTER_NAME="smm tests",
        GIT_COMMITTER_EMAIL="tests@smm.invalid",
        GIT_AUTHOR_DATE="2026-11-26T12:00:00Z",
        GIT_COMMITTER_DATE="2026-11-26T12:00:00Z",
    )
    env.update(extra)
    return env


def git(*args, cwd, env=None):
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env=env or git_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout.strip()


def init_repository(root):
    git("init", "-q", "-b", "main", cwd=root)


def commit_all(root, message="snapshot"):
    git("add", "-A", cwd=root)
    git("commit", "-q", "--no-verify", "-m", message, cwd=root)
    return git("rev-parse", "HEAD", cwd=root)


def snapshot_repository(dest):
    """A git repository at `dest` holding this repository's working tree as one commit: every
    tracked or untracked file that is not ignored, as it is on disk now (uncommitted work
    included: pre-commit clones the hook repository at a commit). Returns the commit."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        env=git_env(),
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    dest.mkdir(parents=True, exist_ok=True)
    for name in sorted(set(listing.decode().split("\0")) - {""}):
        source = REPO / name
        target = dest / name
        if source.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(os.readlink(source))
        elif source.is_file():  # a file deleted but not yet staged is left out
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    init_repository(dest)
    return commit_all(dest, "The working tree of smm, for pre-commit")


def examples_workspace(dest):
    """A copy of examples/ (the .smm files and the documents their evidence links to) under
    `dest/examples`, with an smm.toml at `dest`."""
    shutil.copytree(REPO / "examples", dest / "examples", ignore=shutil.ignore_patterns("ci"))
    (dest / "smm.toml").write_text(SMM_TOML)
    return dest


def smm_on_path(folder):
    """A folder holding `smm` (a link to the binary under test), to put first on PATH."""
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "smm"
    if not link.exists():
        link.symlink_to(SMM)
    return folder


def actionlint(*files):
    """actionlint's findings for workflow files, as (file name, line, kind, message)."""
    assert ACTIONLINT_PACKAGE.exists(), "run scripts/setup: actionlint (npm) is not installed"
    result = subprocess.run(
        ["node", str(ACTIONLINT), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return [
        (Path(f["file"]).name, f["line"], f["kind"], f["message"])
        for f in json.loads(result.stdout)
    ]


def load_yaml(path):
    return yaml.safe_load(Path(path).read_text())


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


class ActionRun:
    """The outcome of `run_action`: each step's exit status and outputs, what the steps
    printed, and the files GitHub would have read (job summary, PATH additions)."""

    def __init__(self):
        self.statuses = {}
        self.outputs = {}
        self.stdout = ""
        self.stderr = ""
        self.summary = ""
        self.skipped = []

    @property
    def failed(self):
        return any(status != 0 for status in self.statuses.values())


def run_action(action, inputs, workspace, tmp, path_prefix=()):
    """Runs the `run:` steps of the composite action `action` (action.yml, parsed) as a GitHub
    runner would, in `workspace`: expressions replaced by the inputs (or their defaults), the
    action's folder and earlier steps' outputs; GITHUB_OUTPUT, GITHUB_PATH and
    GITHUB_STEP_SUMMARY as files; a step after a failed one skipped, as GitHub does without an
    `if:`. `uses:` steps (the cache and the SARIF upload) cannot run here and are recorded in
    `skipped` with their `if:`. An expression this runner does not know fails the test.

    RUNNER_TEMP is `tmp/runner-temp` for every call with the same `tmp` (the cache folder lives
    there); each call's own files go to a new folder under `tmp`. `cargo` is a stub that fails:
    building smm here would take minutes, so a test puts a cached smm in place instead."""
    unknown = set(inputs) - set(action["inputs"])
    assert not unknown, f"inputs the action does not declare: {unknown}"
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)
    run = ActionRun()
    temp = tmp / "runner-temp"
    temp.mkdir(parents=True, exist_ok=True)
    files = Path(tempfile.mkdtemp(prefix="run-", dir=tmp))
    summary = files / "step-summary.md"
    summary.write_text("")
    github_path = files / "github-path"
    github_path.write_text("")
    no_cargo = files / "no-cargo"
    no_cargo.mkdir()
    (no_cargo / "cargo").write_text(
        '#!/bin/sh\necho "the test\'s runner builds no smm: cargo $*" >&2\nexit 97\n'
    )
    (no_cargo / "cargo").chmod(0o755)
    context = {
        "github.action_path": str(REPO),
        "runner.temp": str(temp),
        "runner.os": "Linux",
        "runner.arch": "X64",
    }

    def evaluate(text):
        def one(match):
            expression = match.group(1)
            if expression.startswith("inputs."):
                return str(values[expression.removeprefix("inputs.")])
            if expression in context:
                return context[expression]
            step = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
            assert step, f"the test's runner does not know ${{{{ {expression} }}}}"
            return run.outputs.get(step.group(1), {}).get(step.group(2), "")

        return EXPRESSION.sub(one, str(text))

    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("id") or step.get("name") or str(index)
        if "uses" in step:
            run.skipped.append((step["uses"], step.get("if", "")))
            continue
        assert "if" not in step, f"step {name}: a run step with `if:` needs the runner to know it"
        if run.failed:
            run.statuses[name] = None  # skipped, as GitHub skips it
            continue
        assert step.get("shell") == "bash", f"step {name}: composite steps name their shell"
        output_file = files / f"output-{index}"
        output_file.write_text("")
        env = dict(os.environ)
        env.update({k: evaluate(v) for k, v in step.get("env", {}).items()})
        added = [line for line in github_path.read_text().splitlines() if line]
        env["PATH"] = os.pathsep.join(
            [str(no_cargo), *path_prefix, *reversed(added), env["PATH"]]
        )
        env.update(
            GITHUB_ACTIONS="true",
            GITHUB_ACTION_PATH=str(REPO),
            GITHUB_WORKSPACE=str(workspace),
            GITHUB_OUTPUT=str(output_file),
            GITHUB_PATH=str(github_path),
            GITHUB_STEP_SUMMARY=str(summary),
            RUNNER_TEMP=str(temp),
            RUNNER_OS="Linux",
            RUNNER_ARCH="X64",
        )
        cwd = workspace / evaluate(step.get("working-directory", "."))
        # GitHub's `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", evaluate(step["run"])],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        run.statuses[name] = result.returncode
        run.stdout += result.stdout
        run.stderr += result.stderr
        run.outputs[name] = dict(
            line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
        )
    run.summary = summary.read_text()
    return run
