"""`smm lsp` takes incremental changes (pytest-lsp sending ranges, as editors do): several
edits in one didChange, applied in order, positions in UTF-16 on non-ASCII text and `\\r\\n`
line ends, give the same diagnostics as opening the final text afresh.

SMM_BIN names the binary (default: target/debug/smm)."""

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import SMM, open_file, until

PROFILE = "profile base {\r\n  role asset-owner\r\n  target access-control level 3 scope industry\r\n}\r\n"

ASSESSMENT = (
    'assessment plant "Werk ß ℝ 💣" {\r\n'
    "  profile base\r\n"
    "  date 2026-11-10\r\n"
    "  practice access-control level 2 scope industry {\r\n"
    '    evidence "Prüfung 💣" implements iec62443-3-3:SR2.1\r\n'
    "  }\r\n"
    "}\r\n"
)

# Each edit applies to the text the ones before it left. Positions are UTF-16: `💣` is two
# units, so on line 4 `SR2.1` starts at character 50, where it would be 49 in characters.
EDITS = [
    # `level 2` becomes `level 4` (line 3 is `  practice access-control level 2 …`).
    ((3, 32), (3, 33), "4"),
    # A typo in the clause: `SR2.1` becomes `SR9.9`.
    ((4, 52), (4, 55), "9.9"),
    # A new line after the date, then a misspelt practice on it.
    ((2, 17), (2, 17), "\r\n  practice acess-control level 1"),
    # The title loses its bomb: characters 27..29 of line 0 are `💣`.
    ((0, 27), (0, 29), "x"),
]

FINAL = (
    'assessment plant "Werk ß ℝ x" {\r\n'
    "  profile base\r\n"
    "  date 2026-11-10\r\n"
    "  practice acess-control level 1\r\n"
    "  practice access-control level 4 scope industry {\r\n"
    '    evidence "Prüfung 💣" implements iec62443-3-3:SR9.9\r\n'
    "  }\r\n"
    "}\r\n"
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("lsp") / "incremental"
    root.mkdir()
    (root / "smm.toml").write_text("")
    (root / "base.smm").write_bytes(PROFILE.encode())
    return root


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SMM, "lsp"]))
async def client(lsp_client: LanguageClient, workspace):
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="w")],
        )
    )
    lsp_client.smm_sync = result.capabilities.text_document_sync
    yield
    await lsp_client.shutdown_session()


def shape(diagnostics):
    return sorted(
        (d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message)
        for d in diagnostics
    )


async def test_incremental_changes_give_what_a_fresh_open_gives(client: LanguageClient, workspace):
    async with asyncio.timeout(30):
        await incremental_changes_give_what_a_fresh_open_gives(client, workspace)


async def incremental_changes_give_what_a_fresh_open_gives(client, workspace):
    assert client.smm_sync.change == types.TextDocumentSyncKind.Incremental
    edited = workspace / "edited.smm"
    fresh = workspace / "fresh.smm"
    open_file(client, edited, ASSESSMENT)
    await until(client, lambda: edited.as_uri() in client.diagnostics)
    changes = [
        types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(*start), end=types.Position(*end)), text=text
        )
        for start, end, text in EDITS
    ]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=edited.as_uri(), version=2),
            content_changes=changes,
        )
    )
    # The assessment's name is declared twice once both are open: compare what else is said.
    open_file(client, fresh, FINAL.replace("plant", "plant2"))
    await until(client, lambda: fresh.as_uri() in client.diagnostics)
    await until(
        client,
        lambda: any(d.code == "check::unknown-clause" for d in client.diagnostics.get(edited.as_uri(), [])),
    )
    got = shape(client.diagnostics[edited.as_uri()])
    want = shape(client.diagnostics[fresh.as_uri()])
    assert got == want
    codes = {d[0] for d in got}
    assert {"check::unknown-clause", "check::unknown-practice"} <= codes, got


async def test_a_reversed_range_and_positions_past_the_end_are_clamped(client: LanguageClient, workspace):
    async with asyncio.timeout(30):
        await a_reversed_range_and_positions_past_the_end_are_clamped(client, workspace)


async def a_reversed_range_and_positions_past_the_end_are_clamped(client, workspace):
    path = workspace / "clamped.smm"
    open_file(client, path, "profile p {\n}\n")
    await until(client, lambda: path.as_uri() in client.diagnostics)
    # A reversed range (end before start) past the end of line 0, then an insertion far past
    # the last line: both land at the ends of what exists.
    changes = [
        types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(0, 99), end=types.Position(0, 10)), text="{ role nobody"
        ),
        types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(50, 3), end=types.Position(60, 0)), text="// end\n"
        ),
    ]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=2),
            content_changes=changes,
        )
    )
    await until(
        client,
        lambda: any(d.code == "check::unknown-role" for d in client.diagnostics.get(path.as_uri(), [])),
    )
    role = next(d for d in client.diagnostics[path.as_uri()] if d.code == "check::unknown-role")
    assert (role.range.start.line, role.range.start.character) == (0, 17)
