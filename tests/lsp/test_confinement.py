"""`smm lsp` reads nothing outside the workspace: a symlink out of the root is not read (a
warning in the log names it), links are looked up only inside, a document outside the root is
a loose file with nothing read around it, and a document that is not a file is left alone."""

import asyncio

from lsprotocol import types

from lsp_helpers import codes, open_file, until
from test_files_and_versions import start

SECRET = "root:x:0:0:SECRET-LINE\n"

ASSESSMENT = """profile base {
  role asset-owner
  target access-control level 1
}

assessment plant {
  profile base
  date 2026-11-10
  practice access-control level 1 {
    evidence "Account review" implements iso27002:5.15 link "LINK"
  }
}
"""


def with_link(link):
    return ASSESSMENT.replace("LINK", link)


def texts_of(client):
    """Everything the server said: diagnostics and log messages."""
    said = [m.message for m in client.log_messages]
    for diagnostics in client.diagnostics.values():
        said.extend(d.message for d in diagnostics)
    return "\n".join(said)


async def test_links_out_of_the_root_are_neither_read_nor_probed(tmp_path):
    async with asyncio.timeout(30):
        root = tmp_path / "root"
        outside = tmp_path / "outside"
        root.mkdir()
        outside.mkdir()
        (outside / "passwd").write_text(SECRET)
        (root / "smm.toml").write_text("")
        plant = root / "plant.smm"
        plant.write_text(with_link("../outside/passwd"))
        leak = root / "leak.smm"
        leak.symlink_to(outside / "passwd")
        client = await start(root, watch=False)
        try:
            await until(client, lambda: plant.as_uri() in client.diagnostics)
            assert codes(client, plant) == ["check::link-outside-workspace"]
            while not any("leak.smm" in m.message for m in client.log_messages):
                await asyncio.sleep(0.05)
            (warning,) = [m for m in client.log_messages if "leak.smm" in m.message]
            assert warning.type == types.MessageType.Warning
            assert "not read" in warning.message
            assert codes(client, leak) == []
            assert "SECRET" not in texts_of(client)

            # A missing path outside gets the same answer as an existing one.
            # (An unknown practice tells this report from the last one.)
            text = with_link("../outside/nothing").replace("level 1 {", "level 1 {}\n  practice nope level 1 {")
            open_file(client, plant, text)
            await until(client, lambda: "check::unknown-practice" in codes(client, plant))
            assert "check::link-outside-workspace" in codes(client, plant)
        finally:
            await client.shutdown_session()


async def test_a_loose_file_and_a_document_that_is_not_a_file(tmp_path):
    async with asyncio.timeout(30):
        root = tmp_path / "root"
        elsewhere = tmp_path / "elsewhere"
        root.mkdir()
        elsewhere.mkdir()
        (root / "smm.toml").write_text("")
        (root / "base.smm").write_text("profile other { role asset-owner }\n")
        (elsewhere / "passwd").write_text(SECRET)
        client = await start(root, watch=False)
        try:
            # Outside the root: checked on its own text, its links never looked up (one exists,
            # one does not; neither is reported).
            loose = elsewhere / "loose.smm"
            text = with_link("passwd").replace(
                '    evidence "Account review"',
                '    evidence "Log" implements iso27002:5.15 link "missing.md"\n'
                '    evidence "Account review"',
            )
            loose.write_text(text)
            open_file(client, loose)
            await until(client, lambda: loose.as_uri() in client.diagnostics)
            assert codes(client, loose) == []
            assert not (elsewhere / "missing.md").exists()

            # Not a file: no diagnostics and no failure; requests answer with nothing.
            untitled = "untitled:Untitled-1"
            client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(
                        uri=untitled, language_id="smm", version=1, text=with_link("/etc/passwd")
                    )
                )
            )
            hover = await client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=untitled),
                    position=types.Position(line=9, character=6),
                )
            )
            assert hover is None
            assert untitled not in client.diagnostics
            assert "SECRET" not in texts_of(client)
        finally:
            await client.shutdown_session()
