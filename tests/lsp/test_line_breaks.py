"""`smm lsp` counts lines as the protocol does: a line break is `\\n`, `\\r\\n` or a lone `\\r`;
vertical tab, form feed, NEL, LS and PS are not breaks. Positions from the server (diagnostics)
and to it (hover) agree with that. Each test runs under a timeout.

SMM_BIN names the binary (default: target/debug/smm)."""

import asyncio
import re

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import SMM, initialize, open_file, until

# Lone carriage returns: `nope` is on the third line (line 2), at character 9.
CR_ONLY = "profile p {\r  target access-control level 1\r  target nope level 1\r}\n"


def lsp_lines(text):
    """The lines of `text` as the protocol counts them, without their breaks."""
    return re.split(r"\r\n|\r|\n", text)


def apply(text, edits):
    """Applies protocol text edits (UTF-16 positions; here all characters are one unit)."""
    starts = [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    starts.insert(0, 0)

    def offset(position):
        return starts[position.line] + position.character if position.line < len(starts) else len(text)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def separated(name, separator):
    return (
        f"profile {name} {{{separator}  target access-control level 1"
        f"{separator}  target nope level 1{separator}}}\n"
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("lsp") / "breaks"
    root.mkdir()
    (root / "smm.toml").write_text("")
    return root


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SMM, "lsp"]))
async def client(lsp_client: LanguageClient, workspace):
    await initialize(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


def unknown_practice(client, path):
    found = [
        d
        for d in client.diagnostics.get(path.as_uri(), ())
        if d.code == "check::unknown-practice"
    ]
    return found[0] if found else None


async def hover(client, path, line, character):
    return await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=line, character=character),
        )
    )


async def open_and_wait(client, path, text):
    # Written as bytes: `write_text` would turn the line ends into the platform's.
    path.write_bytes(text.encode())
    open_file(client, path, text)
    await until(client, lambda: unknown_practice(client, path) is not None)
    return unknown_practice(client, path)


async def test_a_lone_carriage_return_breaks_lines(client: LanguageClient, workspace):
    async with asyncio.timeout(30):
        for name, text in [("cr.smm", CR_ONLY), ("crlf.smm", CR_ONLY.replace("\r", "\r\n"))]:
            path = workspace / name
            nope = await open_and_wait(client, path, text.replace("profile p", f"profile {path.stem}"))
            at = types.Position(line=2, character=9)
            assert nope.range.start == at, (name, nope.range)
            assert nope.range.end == types.Position(line=2, character=13), (name, nope.range)
            # The hover at that position finds the finding there.
            result = await hover(client, path, 2, 9)
            assert result is not None and "check::unknown-practice" in result.contents.value, result
            # And the practice on the line above is found by its position too.
            result = await hover(client, path, 1, 11)
            assert result is not None and "access-control" in result.contents.value, result


@pytest.mark.parametrize(
    "separator", ["\u000b", "\u000c", "\u2028", "\u2029", "\u0085"], ids=["vt", "ff", "ls", "ps", "nel"]
)
async def test_other_separators_do_not_break_lines(client: LanguageClient, workspace, separator):
    async with asyncio.timeout(30):
        path = workspace / f"sep{ord(separator):x}.smm"
        text = separated(path.stem, separator)
        nope = await open_and_wait(client, path, text)
        # All on line 0; each separator is one UTF-16 unit.
        character = text.index("nope")
        assert nope.range.start == types.Position(line=0, character=character), nope.range
        result = await hover(client, path, 0, character)
        assert result is not None and "check::unknown-practice" in result.contents.value, result

        # With a lone `\r` before them, the same line is line 1: `\r` breaks it, they do not.
        path = workspace / f"cr{ord(separator):x}.smm"
        text = f"profile {path.stem} {{\r  target access-control level 1{separator}  target nope level 1\r}}\n"
        nope = await open_and_wait(client, path, text)
        character = text.split("\r")[1].index("nope")
        assert nope.range.start == types.Position(line=1, character=character), nope.range


async def test_formatting_folding_and_tokens_on_a_file_with_lone_carriage_returns(
    client: LanguageClient, workspace
):
    async with asyncio.timeout(30):
        path = workspace / "tools.smm"
        text = "/* a\rb */\rprofile tools {\r  target access-control level 1\r  target nope level 1\r}\r"
        await open_and_wait(client, path, text)
        doc = types.TextDocumentIdentifier(uri=path.as_uri())

        edits = await client.text_document_formatting_async(
            types.DocumentFormattingParams(
                text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True)
            )
        )
        # A lone `\r` is no style of its own: every break becomes `\n`, the one inside the block
        # comment included, so that the file holds one style once formatted.
        assert apply(text, edits) == (
            "/* a\nb */\nprofile tools {\n  target access-control level 1\n  target nope level 1\n}\n"
        ), edits

        folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc))
        assert {(f.start_line, f.end_line) for f in folds} >= {(0, 1), (2, 5)}, folds

        # Every token lies within one line, as the protocol requires.
        tokens = await client.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=doc)
        )
        lines = lsp_lines(text)
        line = character = 0
        seen = []
        data = tokens.data
        for i in range(0, len(data), 5):
            delta_line, delta_start, length = data[i], data[i + 1], data[i + 2]
            line += delta_line
            character = character + delta_start if delta_line == 0 else delta_start
            assert character + length <= len(lines[line]), (line, character, length, lines[line])
            seen.append(lines[line][character : character + length])
        assert seen[:3] == ["/* a", "b */", "profile"], seen
