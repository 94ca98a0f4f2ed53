// The smm extension: starts `smm lsp` (the setting, else the bundled binary, else PATH; see
// serverPath.ts) for .smm files and adds three commands: restart the server, show its output,
// and show the workspace summary of `smm check --summary`.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { summaryLines } from "./summary";
import { bundledServer, isFailure, problemMessage, type Resolution, resolveServer, serverArgs } from "./serverPath";

const OPEN_SETTING = "Open Setting";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let summaryOutput: vscode.OutputChannel | undefined;
let watcher: vscode.FileSystemWatcher;
let extensionPath: string;

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The bundled binary loses its executable bit when a package is unpacked by a tool that
 *  drops file modes: give it back (only to our own file, only when it lacks it). */
function repairBundledMode(): void {
  if (process.platform === "win32") {
    return;
  }
  const bundled = bundledServer(extensionPath, process.platform);
  try {
    const stat = fs.statSync(bundled);
    if (stat.isFile() && (stat.mode & 0o100) === 0) {
      fs.chmodSync(bundled, stat.mode | 0o755);
    }
  } catch {
    // Not a platform package: nothing bundled.
  }
}

function resolve(): Resolution {
  const config = vscode.workspace.getConfiguration("smm");
  return resolveServer({
    setting: config.get<string>("server.path"),
    extensionPath,
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    home: os.homedir(),
    pathVariable: process.env.PATH,
    pathExt: process.env.PATHEXT,
    platform: process.platform,
    isExecutable,
  });
}

/** Shows the one message about a missing server, with a button that opens the setting. */
async function reportMissing(message: string): Promise<void> {
  output.appendLine(message);
  const choice = await vscode.window.showErrorMessage(message, OPEN_SETTING);
  if (choice === OPEN_SETTING) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "smm.server.path");
  }
}

/** The command of the server, or undefined after telling the user why there is none. */
function serverCommand(): string | undefined {
  const resolution = resolve();
  if (isFailure(resolution)) {
    void reportMissing(problemMessage(resolution));
    return undefined;
  }
  output.appendLine(`Using the ${resolution.kind} smm server: ${resolution.command}`);
  return resolution.command;
}

async function startClient(): Promise<void> {
  const command = serverCommand();
  if (command === undefined) {
    return;
  }
  const args = serverArgs(vscode.workspace.getConfiguration("smm").get("server.extraArgs"));
  // No `transport`: with TransportKind.stdio the client would add `--stdio` to the arguments,
  // which `smm lsp` does not take (it always speaks over standard input and output).
  const serverOptions: ServerOptions = { run: { command, args }, debug: { command, args } };
  const clientOptions: LanguageClientOptions = {
    // The server leaves documents that are not files alone (untitled ones, say).
    documentSelector: [{ scheme: "file", language: "smm" }],
    outputChannel: output,
    // The server reads the whole workspace: tell it when files change outside the editor.
    synchronize: { fileEvents: watcher },
  };
  // The id `smm` makes the client read `smm.trace.server`.
  client = new LanguageClient("smm", "SMM Language Server", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`The smm server did not start: ${String(error)}`);
    void vscode.window.showErrorMessage(`SMM: the language server (${command}) did not start: ${String(error)}`, "Show Output").then(
      (choice) => {
        if (choice !== undefined) {
          output.show(true);
        }
      },
    );
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch (error) {
      output.appendLine(`Stopping the smm server: ${String(error)}`);
    }
  }
}

async function restart(): Promise<void> {
  await stopClient();
  await startClient();
}

/** Runs `smm check --summary` on each workspace folder and shows what it prints. */
async function showSummary(): Promise<void> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage("SMM: open a folder to see the summary of its assessments.");
    return;
  }
  const command = serverCommand();
  if (command === undefined) {
    return;
  }
  summaryOutput ??= vscode.window.createOutputChannel("SMM Summary");
  const channel = summaryOutput;
  channel.clear();
  channel.show(true);
  for (const folder of folders) {
    const root = folder.uri.fsPath;
    channel.appendLine(`$ smm check --summary --color never --fail-on never ${root}`);
    const text = await new Promise<string>((done) => {
      execFile(
        command,
        ["check", "--summary", "--color", "never", "--fail-on", "never", root],
        { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } },
        (error, stdout, stderr) => {
          const failed = error !== null && typeof error.code !== "number" ? `${error.message}\n` : "";
          done(`${stdout}${stderr}${failed}`);
        },
      );
    });
    for (const line of summaryLines(text)) {
      channel.appendLine(line);
    }
    channel.appendLine("");
  }
  channel.appendLine("The findings are in the Problems panel.");
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel("SMM Language Server", { log: true });
  watcher = vscode.workspace.createFileSystemWatcher("**/{*.smm,smm.toml}");
  context.subscriptions.push(
    output,
    watcher,
    { dispose: () => summaryOutput?.dispose() },
    vscode.commands.registerCommand("smm.restartServer", restart),
    vscode.commands.registerCommand("smm.showOutput", () => {
      output.show(true);
    }),
    vscode.commands.registerCommand("smm.showSummary", showSummary),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("smm.server")) {
        void restart();
      }
    }),
  );
  repairBundledMode();
  await startClient();
}

export function deactivate(): Promise<void> {
  return stopClient();
}
