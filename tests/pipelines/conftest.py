"""Prints what the pipeline tests measured (how long pre-commit took to install the hooks) at
the end of the run, also under `pytest -q`."""

from pipeline_helpers import REPORT


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("pipelines")
        for line in REPORT:
            terminalreporter.write_line(line)
