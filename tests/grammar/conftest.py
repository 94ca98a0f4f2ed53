"""Prints what the conformance test measured (agreement with the real parser) at the end of the
run, also under `pytest -q`."""

from test_conformance import REPORT


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("tree-sitter grammar conformance")
        for line in REPORT:
            terminalreporter.write_line(line)
