"""The editors' copies of the tree-sitter queries stay in step with the grammar's own
(grammar/tree-sitter-smm/queries): Neovim's are the same files, Helix's the same but for the
captures Helix names differently."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
QUERIES = REPO / "grammar" / "tree-sitter-smm" / "queries"

# Helix's theme scopes for the captures it names differently.
HELIX_NAMES = {"@number": "@constant.numeric"}


def for_helix(text):
    for capture, helix in HELIX_NAMES.items():
        text = text.replace(capture + "\n", helix + "\n").replace(capture + " ", helix + " ")
    return text


def test_the_grammar_has_its_queries():
    assert {p.name for p in QUERIES.glob("*.scm")} >= {"highlights.scm", "indents.scm", "locals.scm", "folds.scm"}


@pytest.mark.parametrize("name", sorted(p.name for p in QUERIES.glob("*.scm")))
def test_neovim_copies(name):
    copy = REPO / "editors" / "nvim" / "queries" / "smm" / name
    assert copy.read_text() == (QUERIES / name).read_text(), f"copy {QUERIES / name} to {copy}"


@pytest.mark.parametrize("name", ["highlights.scm", "indents.scm", "locals.scm"])
def test_helix_copies(name):
    copy = REPO / "editors" / "helix" / "runtime" / "queries" / "smm" / name
    expected = for_helix((QUERIES / name).read_text())
    assert copy.read_text() == expected, f"write {copy} from {QUERIES / name} with {HELIX_NAMES}"
    assert "@number" not in copy.read_text()
