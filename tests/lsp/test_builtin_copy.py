"""The read-only copy of the built-in catalogs, where goto definition leads, is never a
workspace file: opening it in the editor reports nothing (it used to report that it
redefines the built-in framework), and it is written where the XDG rules say, never under
the current directory."""

import asyncio
import os
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig

from lsp_helpers import SMM, change, codes, initialize, open_file, until

PROFILE = """profile base {
  role asset-owner
  target access-control level 3 scope industry
}
"""

ASSESSMENT = """assessment plant {
  profile base
  date 2026-11-10
  practice access-control level 2 scope industry {
    evidence "Review" implements iec62443-3-3:SR2.1
  }
}
"""


async def start(root, home):
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME="")
    env.pop("SMM_CACHE_DIR", None)
    client = await ClientServerConfig(server_command=[SMM, "lsp"], server_env=env).start()
    await initialize(client, root)
    return client


async def test_the_builtin_copy_gets_no_diagnostics_and_lands_under_home(tmp_path):
    async with asyncio.timeout(30):
        root = tmp_path / "root"
        home = tmp_path / "home"
        root.mkdir()
        home.mkdir()
        (root / "smm.toml").write_text("")
        (root / "base.smm").write_text(PROFILE)
        plant = root / "plant.smm"
        plant.write_text(ASSESSMENT)
        client = await start(root, home)
        try:
            open_file(client, plant)
            await until(client, lambda: plant.as_uri() in client.diagnostics)
            doc = types.TextDocumentIdentifier(uri=plant.as_uri())
            (found,) = await client.text_document_definition_async(
                types.DefinitionParams(text_document=doc, position=types.Position(line=3, character=14))
            )
            copy = Path(found.uri.removeprefix("file://"))
            # XDG_CACHE_HOME is empty: ignored, so the copy is under $HOME/.cache, and nothing
            # appears in the workspace.
            assert copy.is_relative_to(home / ".cache" / "smm"), copy
            assert sorted(p.name for p in root.iterdir()) == ["base.smm", "plant.smm", "smm.toml"]

            # The editor opens the copy, as it does after goto definition.
            open_file(client, copy)
            # A later change of the assessment gives a report to wait for.
            change(client, plant, 2, ASSESSMENT.replace("level 2 scope", "level 9 scope"))
            await until(client, lambda: "check::level-out-of-range" in codes(client, plant))
            assert codes(client, copy) == []
            assert "model::redefined-builtin" not in str(client.diagnostics)
        finally:
            await client.shutdown_session()
