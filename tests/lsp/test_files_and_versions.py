"""`smm lsp` and the world around the buffers, with a real client (pytest-lsp): file watchers
registered where the client allows it, new files and smm.toml changes followed from file
events, and diagnostics that never go back to an older version of a document."""

import asyncio

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient, register_lsp_features

from lsp_helpers import SMM, change, codes, open_file, until


PROFILE = """profile base {
  role asset-owner
  target access-control level 3 scope industry
}
"""

ASSESSMENT = """assessment plant "Werk ß ℝ 💣" {
  profile base
  date 2026-11-10
  practice acess-control level 2 scope industry {
    evidence "Prüfung ß ℝ 💣" implements iec62443-3-3:SR2.1
  }
}
"""


def recording_client():
    """pytest-lsp's client, also keeping every publishDiagnostics (uri, version) in order and
    the registrations the server asks for."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    client.refreshes = []
    features = dict(DEFAULT_CLIENT_FEATURES)

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append((params.uri, params.version))

    def register(client: LanguageClient, params: types.RegistrationParams):
        client.registrations.extend(params.registrations)

    def refresher(method):
        def refresh(client: LanguageClient, params: None):
            client.refreshes.append(method)

        return refresh

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    features[types.CLIENT_REGISTER_CAPABILITY] = register
    for method in [
        types.WORKSPACE_INLAY_HINT_REFRESH,
        types.WORKSPACE_CODE_LENS_REFRESH,
        types.WORKSPACE_SEMANTIC_TOKENS_REFRESH,
    ]:
        features[method] = refresher(method)
    register_lsp_features(client, features)
    return client


async def start(root, watch, refresh=False):
    config = ClientServerConfig(server_command=[SMM, "lsp"], client_factory=recording_client)
    client = await config.start()
    workspace = types.WorkspaceClientCapabilities(
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
            dynamic_registration=watch
        ),
        inlay_hint=types.InlayHintWorkspaceClientCapabilities(refresh_support=refresh),
        code_lens=types.CodeLensWorkspaceClientCapabilities(refresh_support=refresh),
        semantic_tokens=types.SemanticTokensWorkspaceClientCapabilities(refresh_support=refresh),
    )
    await client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(workspace=workspace),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="w")],
        )
    )
    return client


def changed(client, path, kind):
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=path.as_uri(), type=kind)]
        )
    )


async def test_file_events_bring_new_files_and_smm_toml_changes(tmp_path):
    async with asyncio.timeout(30):
        root = tmp_path / "watched ß"
        root.mkdir()
        toml = root / "smm.toml"
        toml.write_text("")
        (root / "base.smm").write_text(PROFILE)
        client = await start(root, watch=True)
        try:
            while not client.registrations:
                await asyncio.sleep(0.05)
            (registration,) = client.registrations
            assert registration.method == "workspace/didChangeWatchedFiles"
            globs = [w["globPattern"] for w in registration.register_options["watchers"]]
            assert "**/*.smm" in globs and "**/smm.toml" in globs

            # A file created outside the editor.
            plant = root / "plant.smm"
            plant.write_text(ASSESSMENT)
            changed(client, plant, types.FileChangeType.Created)
            await until(client, lambda: "check::unknown-practice" in codes(client, plant))

            # Deleted: its diagnostics are withdrawn; back again: they return.
            plant.unlink()
            changed(client, plant, types.FileChangeType.Deleted)
            await until(client, lambda: codes(client, plant) == [])
            plant.write_text(ASSESSMENT)
            changed(client, plant, types.FileChangeType.Created)
            await until(client, lambda: "check::unknown-practice" in codes(client, plant))

            # smm.toml now excludes it: its diagnostics are withdrawn.
            toml.write_text('exclude = ["plant.smm"]\n')
            changed(client, toml, types.FileChangeType.Changed)
            await until(client, lambda: codes(client, plant) == [])

            # A broken smm.toml is reported at the line that is wrong.
            toml.write_text('exclude = ["plant.smm"]\nfail-on = "sometimes"\n')
            changed(client, toml, types.FileChangeType.Changed)
            await until(client, lambda: codes(client, toml) == ["config::invalid"])
            (problem,) = client.diagnostics[toml.as_uri()]
            assert problem.range.start.line == 1
        finally:
            await client.shutdown_session()


async def test_no_registration_without_the_clients_consent(tmp_path):
    async with asyncio.timeout(30):
        (tmp_path / "base.smm").write_text(PROFILE)
        (tmp_path / "plant.smm").write_text(ASSESSMENT)
        client = await start(tmp_path, watch=False)
        try:
            # Any registration would be asked for before the first diagnostics.
            await until(client, lambda: client.published)
            await asyncio.sleep(0.2)
            assert client.registrations == []
        finally:
            await client.shutdown_session()


async def test_diagnostics_never_go_back_to_an_older_version(tmp_path):
    async with asyncio.timeout(30):
        (tmp_path / "base.smm").write_text(PROFILE)
        plant = tmp_path / "plant.smm"
        plant.write_text(ASSESSMENT)
        client = await start(tmp_path, watch=False)
        try:
            uri = plant.as_uri()
            open_file(client, plant)
            # Ten changes without waiting; the last one fixes the practice id.
            last = 11
            for version in range(2, last + 1):
                text = ASSESSMENT.replace("level 2", f"level {version % 3}")
                if version == last:
                    text = text.replace("acess-control", "access-control")
                change(client, plant, version, text)
            await until(client, lambda: (uri, last) in client.published)
            await asyncio.sleep(0.3)
            # Before the file was opened, its diagnostics had no version.
            versions = [v for u, v in client.published if u == uri and v is not None]
            assert versions == sorted(versions), versions
            assert versions[-1] == last
            assert "check::unknown-practice" not in codes(client, plant)
        finally:
            await client.shutdown_session()


async def test_a_profile_edit_asks_the_client_to_refresh_what_it_shows(tmp_path):
    async with asyncio.timeout(30):
        base = tmp_path / "base.smm"
        plant = tmp_path / "plant.smm"
        base.write_text(PROFILE)
        plant.write_text(ASSESSMENT)
        client = await start(tmp_path, watch=False, refresh=True)
        try:
            for path in [base, plant]:
                open_file(client, path)
                await until(client, lambda: (path.as_uri(), 1) in client.published)
            await asyncio.sleep(0.3)
            client.refreshes.clear()

            # An assessment's edit changes nothing elsewhere: nothing to refresh.
            change(client, plant, 2, ASSESSMENT.replace("level 2", "level 1"))
            await until(client, lambda: (plant.as_uri(), 2) in client.published)
            await asyncio.sleep(0.3)
            assert client.refreshes == []

            # The assessment's results change with the profile: its hints and lenses are stale.
            change(client, base, 2, PROFILE.replace("level 3", "level 1"))
            while len(set(client.refreshes)) < 3:
                await asyncio.sleep(0.05)
            assert sorted(set(client.refreshes)) == sorted(
                [
                    types.WORKSPACE_INLAY_HINT_REFRESH,
                    types.WORKSPACE_CODE_LENS_REFRESH,
                    types.WORKSPACE_SEMANTIC_TOKENS_REFRESH,
                ]
            )
        finally:
            await client.shutdown_session()
