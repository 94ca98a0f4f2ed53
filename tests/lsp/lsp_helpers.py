"""What the LSP test modules share: the binary under test and the small client-side steps
(open, change, wait, read diagnostics, apply edits) that pytest-lsp leaves to the test."""

import os
from pathlib import Path

from lsprotocol import types

REPO = Path(__file__).resolve().parents[2]
SMM = os.environ.get("SMM_BIN", str(REPO / "target" / "debug" / "smm"))


async def initialize(client, root):
    """The initialize handshake of a plain client with `root` as its workspace folder."""
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="w")],
        )
    )


def open_file(client, path, text=None):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(),
                language_id="smm",
                version=1,
                text=path.read_text() if text is None else text,
            )
        )
    )


def change(client, path, version, text):
    """A whole-document change of an open buffer."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def codes(client, path):
    return sorted(d.code for d in client.diagnostics.get(path.as_uri(), ()))


async def until(client, condition):
    """Waits for published diagnostics until `condition()` holds."""
    while not condition():
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def apply_edits(text, edits):
    """Applies protocol text edits (UTF-16 positions) to `text`."""
    lines = text.split("\n")

    def offset(position):
        before = sum(len(l) + 1 for l in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return before + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text
