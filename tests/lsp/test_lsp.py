"""`smm lsp` driven by a real client (pytest-lsp): initialize, diagnostics, hover, completion,
and a profile edit that changes another file's diagnostics. Each test runs under a timeout.

SMM_BIN names the binary (default: target/debug/smm)."""

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import SMM, apply_edits, change, codes, initialize, open_file


PROFILE = """profile base "Grundschutz ß ℝ 💣" {
  role asset-owner
  target access-control level 3 scope industry
}
"""

ASSESSMENT = """// ß ℝ 💣 in a comment
assessment plant "Werk ß ℝ 💣" {
  profile base
  date 2026-11-10
  practice access-control level 2 scope industry {
    evidence "Prüfung ß ℝ 💣" implements iec62443-3-3:SR2.1
  }
}
"""


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    # A folder name with a space and non-ASCII letters.
    root = tmp_path_factory.mktemp("lsp") / "Werk Straße"
    root.mkdir()
    (root / "smm.toml").write_text("")
    (root / "base.smm").write_text(PROFILE)
    (root / "plant.smm").write_text(ASSESSMENT)
    return root


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[SMM, "lsp"]))
async def client(lsp_client: LanguageClient, workspace):
    await initialize(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


async def test_diagnostics_hover_and_completion(client: LanguageClient, workspace):
    async with asyncio.timeout(30):
        await diagnostics_hover_and_completion(client, workspace)


async def diagnostics_hover_and_completion(client, workspace):
    plant = workspace / "plant.smm"
    open_file(client, plant)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "check::unmet-target" in codes(client, plant)
    # It points at the target in the profile's file.
    (unmet,) = [d for d in client.diagnostics[plant.as_uri()] if d.code == "check::unmet-target"]
    places = [(r.location.uri, r.location.range.start) for r in unmet.related_information or ()]
    target = types.Position(line=2, character=2)
    assert ((workspace / "base.smm").as_uri(), target) in places, places

    # Hover on the clause: its title, and the practice it is mapped from.
    line = 5
    column = ASSESSMENT.splitlines()[line].index("iec62443-3-3:SR2.1") + 3
    # UTF-16 columns: the line has ß, ℝ and 💣 (two units) before the clause.
    prefix = ASSESSMENT.splitlines()[line][:column]
    utf16 = len(prefix.encode("utf-16-le")) // 2
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=plant.as_uri()),
            position=types.Position(line=line, character=utf16),
        )
    )
    assert "Authorization enforcement" in hover.contents.value
    assert "`access-control` level 1" in hover.contents.value

    # Hover on the practice: the mapped 62443 clauses for the role.
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=plant.as_uri()),
            position=types.Position(line=4, character=14),
        )
    )
    assert "iec62443-3-3:SR2.1-RE1" in hover.contents.value
    # The practice line has an unmet target: the hover explains the code too.
    assert "**`check::unmet-target`**" in hover.contents.value

    # Completion of a practice id.
    edited = ASSESSMENT.replace("}\n}\n", "}\n  practice pat\n}\n")
    change(client, plant, 2, edited)
    lines = edited.splitlines()
    row = next(i for i, l in enumerate(lines) if l.strip() == "practice pat")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=plant.as_uri()),
            position=types.Position(line=row, character=len(lines[row])),
        )
    )
    items = result if isinstance(result, list) else result.items
    assert "patch-management" in [i.label for i in items]


async def test_editing_a_profile_updates_the_assessment(client: LanguageClient, workspace):
    async with asyncio.timeout(30):
        await editing_a_profile_updates_the_assessment(client, workspace)


async def editing_a_profile_updates_the_assessment(client, workspace):
    plant = workspace / "plant.smm"
    base = workspace / "base.smm"
    open_file(client, plant)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "check::unmet-target" in codes(client, plant)
    open_file(client, base)
    change(client, base, 2, PROFILE.replace("level 3", "level 2"))
    for _ in range(10):
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if "check::unmet-target" not in codes(client, plant):
            break
    assert "check::unmet-target" not in codes(client, plant)


async def test_a_broken_smm_toml_is_reported_where_it_is_wrong(tmp_path):
    async with asyncio.timeout(30):
        root = tmp_path / "broken config"
        root.mkdir()
        toml = root / "smm.toml"
        toml.write_text('exclude = ["drafts/**"]\nunknown-setting = 1\n')
        (root / "a.smm").write_text(PROFILE)
        client = await ClientServerConfig(server_command=[SMM, "lsp"]).start()
        try:
            await client.initialize_session(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(), root_uri=root.as_uri()
                )
            )
            while toml.as_uri() not in client.diagnostics:
                await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            (problem,) = client.diagnostics[toml.as_uri()]
            assert problem.code == "config::invalid"
            assert "unknown field `unknown-setting`" in problem.message
            assert problem.range.start == types.Position(line=1, character=0)
        finally:
            await client.shutdown_session()


async def test_navigation_rename_and_formatting(client: LanguageClient, workspace):
    async with asyncio.timeout(30):
        await navigation_rename_and_formatting(client, workspace)


async def navigation_rename_and_formatting(client, workspace):
    plant = workspace / "plant.smm"
    base = workspace / "base.smm"
    open_file(client, plant)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    doc = types.TextDocumentIdentifier(uri=plant.as_uri())

    # The profile reference leads to the profile's name in the other file.
    (found,) = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=types.Position(line=2, character=11))
    )
    assert found.uri == base.as_uri()
    assert found.range.start == types.Position(line=0, character=8)

    # A built-in practice opens in the read-only copy of the built-in catalog.
    (found,) = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=types.Position(line=4, character=14))
    )
    assert found.uri.endswith("/smm.smm"), found.uri
    catalog = Path(found.uri.removeprefix("file://")).read_text()
    line = catalog.splitlines()[found.range.start.line]
    assert "access-control" in line

    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc,
            position=types.Position(line=2, character=11),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert sorted(r.uri for r in refs) == sorted([base.as_uri(), plant.as_uri()])

    # Built-in ids are not renamed; profiles are, in every file.
    with pytest.raises(Exception, match="only profiles and assessments"):
        await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(text_document=doc, position=types.Position(line=4, character=14))
        )
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=doc, position=types.Position(line=2, character=11), new_name="baseline"
        )
    )
    assert apply_edits(ASSESSMENT, edit.changes[plant.as_uri()]).count("profile baseline") == 1
    assert apply_edits(PROFILE, edit.changes[base.as_uri()]).startswith("profile baseline ")

    # Formatting a buffer that lost its indentation, with ß ℝ 💣 on the changed lines.
    mangled = "\n".join(l.strip() for l in ASSESSMENT.split("\n"))
    change(client, plant, 5, mangled)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert edits
    assert apply_edits(mangled, edits) == ASSESSMENT
