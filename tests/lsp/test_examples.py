"""`smm lsp` on the bundled examples, driven by a real client (pytest-lsp): navigation,
rename, formatting, outline, folding, semantic tokens, inlay hints, code lenses and code
actions, each answer checked for content. Buffers are changed, files on disk never."""

import asyncio

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import REPO, SMM, apply_edits, change, codes, open_file, until

EXAMPLES = REPO / "examples"
LINE_4 = EXAMPLES / "assessments" / "line-4.smm"
FACTORY = EXAMPLES / "profiles" / "factory-baseline.smm"


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SMM, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=EXAMPLES.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=EXAMPLES.as_uri(), name="examples")],
        )
    )
    yield
    await lsp_client.shutdown_session()


def line_of(path, needle):
    return next(i for i, l in enumerate(path.read_text().splitlines()) if needle in l)


def at(path, needle, offset=2):
    line = line_of(path, needle)
    column = path.read_text().splitlines()[line].index(needle) + offset
    return types.Position(line=line, character=column)


def doc(path):
    return types.TextDocumentIdentifier(uri=path.as_uri())


async def opened(client, path):
    open_file(client, path)
    await until(client, lambda: path.as_uri() in client.diagnostics)


async def test_navigation_on_the_examples(client: LanguageClient):
    async with asyncio.timeout(30):
        await opened(client, LINE_4)
        profile = at(LINE_4, "factory-baseline")
        (found,) = await client.text_document_definition_async(
            types.DefinitionParams(text_document=doc(LINE_4), position=profile)
        )
        assert found.uri == FACTORY.as_uri()

        refs = await client.text_document_references_async(
            types.ReferenceParams(
                text_document=doc(LINE_4),
                position=profile,
                context=types.ReferenceContext(include_declaration=False),
            )
        )
        assert LINE_4.as_uri() in {r.uri for r in refs}

        edit = await client.text_document_rename_async(
            types.RenameParams(text_document=doc(LINE_4), position=profile, new_name="plant-baseline")
        )
        assert {LINE_4.as_uri(), FACTORY.as_uri()} <= set(edit.changes)

        edits = await client.text_document_formatting_async(
            types.DocumentFormattingParams(
                text_document=doc(LINE_4),
                options=types.FormattingOptions(tab_size=2, insert_spaces=True),
            )
        )
        assert list(edits) == [], "the examples are formatted"


async def test_outline_folding_and_tokens_on_the_examples(client: LanguageClient):
    async with asyncio.timeout(30):
        await opened(client, LINE_4)
        symbols = await client.text_document_document_symbol_async(
            types.DocumentSymbolParams(text_document=doc(LINE_4))
        )
        (assessment,) = symbols
        assert assessment.name == "line-4"
        assert "physical-protection" in [c.name for c in assessment.children]

        found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="factory"))
        assert "factory-baseline" in [s.name for s in found]

        folds = await client.text_document_folding_range_async(
            types.FoldingRangeParams(text_document=doc(LINE_4))
        )
        starts = {f.start_line for f in folds}
        assert line_of(LINE_4, "assessment line-4") in starts

        tokens = await client.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=doc(LINE_4))
        )
        assert tokens.data and len(tokens.data) % 5 == 0


async def test_hints_lenses_and_actions_on_the_examples(client: LanguageClient):
    async with asyncio.timeout(30):
        await opened(client, LINE_4)
        lines = LINE_4.read_text().splitlines()
        whole = types.Range(
            start=types.Position(line=0, character=0),
            end=types.Position(line=len(lines), character=0),
        )
        hints = await client.text_document_inlay_hint_async(
            types.InlayHintParams(text_document=doc(LINE_4), range=whole)
        )
        physical = line_of(LINE_4, "practice physical-protection")
        labels = {h.position.line: h.label for h in hints}
        assert labels[physical] == "target 2 · gap 1", labels

        lenses = await client.text_document_code_lens_async(
            types.CodeLensParams(text_document=doc(LINE_4))
        )
        titles = [lens.command.title for lens in lenses]
        assert any("targets met" in t and "iec62443-3-3" in t for t in titles), titles

        # On the unmet physical-protection line: a waiver skeleton and stub evidence.
        position = at(LINE_4, "physical-protection")
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=doc(LINE_4),
                range=types.Range(start=position, end=position),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        titles = [a.title for a in actions]
        assert any(t.startswith("Waive `unmet-target` for physical-protection") for t in titles), titles
        (stubs,) = [a for a in actions if a.title.startswith("Add stub evidence")]

        # Applied to the buffer, the stubs are reported as stubs to fill in.
        (edit,) = stubs.edit.changes[LINE_4.as_uri()]
        change(client, LINE_4, 2, apply_edits(LINE_4.read_text(), [edit]))
        await until(client, lambda: "check::stub-evidence" in codes(client, LINE_4))
        assert "syntax::" not in " ".join(codes(client, LINE_4))
