// Which `smm` binary the extension starts. Kept free of the `vscode` module so that it can be
// unit-tested with plain Node (test/serverPath.test.ts): everything it needs from the outside
// world comes in through `Environment`.

import * as path from "node:path";

/** What the resolution reads from the outside world. */
export interface Environment {
  /** The `smm.server.path` setting, as the user wrote it (undefined or "" when unset). */
  setting: string | undefined;
  /** The folder the extension is installed in (holds `server/smm` in a platform package). */
  extensionPath: string;
  /** The first workspace folder, against which a relative `smm.server.path` is read. */
  workspaceFolder?: string;
  /** The user's home folder, for a setting starting with `~/`. */
  home: string;
  /** The `PATH` environment variable. */
  pathVariable: string | undefined;
  /** `process.platform`: decides the executable suffix and the PATH separator. */
  platform: NodeJS.Platform;
  /** `PATHEXT` on Windows. */
  pathExt?: string;
  /** Whether `file` exists and can be run. */
  isExecutable(file: string): boolean;
}

/** Where the server was found, or why it was not. */
export type Resolution =
  | { kind: "setting" | "bundled" | "path"; command: string }
  | { kind: "setting-not-found"; setting: string; command: string }
  | { kind: "none" };

/** The command that installs the server from a clone of the repository. */
export const INSTALL_COMMAND = "cargo install --locked --path crates/smm-cli";

/** The name of the binary on this platform. */
export function binaryName(platform: NodeJS.Platform): string {
  return platform === "win32" ? "smm.exe" : "smm";
}

/** Where a platform package of the extension keeps its copy of the server. */
export function bundledServer(extensionPath: string, platform: NodeJS.Platform): string {
  return path.join(extensionPath, "server", binaryName(platform));
}

/** `smm.server.path` made absolute: `~/` is the home folder, a relative path is read from the
 *  workspace folder (or taken as it is when there is none). */
export function expandSetting(setting: string, env: Pick<Environment, "home" | "workspaceFolder">): string {
  if (setting === "~") {
    return env.home;
  }
  if (setting.startsWith("~/") || setting.startsWith("~\\")) {
    return path.join(env.home, setting.slice(2));
  }
  if (!path.isAbsolute(setting) && env.workspaceFolder !== undefined) {
    return path.join(env.workspaceFolder, setting);
  }
  return setting;
}

/** The first `smm` on PATH, if any. */
export function findOnPath(env: Environment): string | undefined {
  const separator = env.platform === "win32" ? ";" : ":";
  const suffixes =
    env.platform === "win32"
      ? (env.pathExt ?? ".EXE;.CMD;.BAT;.COM").split(";").filter((s) => s !== "")
      : [""];
  for (const folder of (env.pathVariable ?? "").split(separator)) {
    if (folder === "") {
      continue; // An empty entry means the current folder: never run a binary from there.
    }
    for (const suffix of suffixes) {
      const candidate = path.join(folder, "smm" + suffix.toLowerCase());
      if (env.isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** The setting if set, else the bundled binary, else `smm` on PATH. A setting that names
 *  nothing runnable is reported as such (the user asked for that binary: falling back to
 *  another one silently would hide the mistake). */
export function resolveServer(env: Environment): Resolution {
  const setting = env.setting?.trim();
  if (setting) {
    const command = expandSetting(setting, env);
    return env.isExecutable(command)
      ? { kind: "setting", command }
      : { kind: "setting-not-found", setting, command };
  }
  const bundled = bundledServer(env.extensionPath, env.platform);
  if (env.isExecutable(bundled)) {
    return { kind: "bundled", command: bundled };
  }
  const onPath = findOnPath(env);
  if (onPath !== undefined) {
    return { kind: "path", command: onPath };
  }
  return { kind: "none" };
}

/** A resolution that found no server to start. */
export type Failure = Extract<Resolution, { kind: "none" | "setting-not-found" }>;

export function isFailure(resolution: Resolution): resolution is Failure {
  return resolution.kind === "none" || resolution.kind === "setting-not-found";
}

/** The one message shown when no server can be started. */
export function problemMessage(failure: Failure): string {
  if (failure.kind === "none") {
    return (
      "SMM: the smm language server was not found (not bundled with this extension and not on PATH). " +
      `Install it from a clone of the smm repository with \`${INSTALL_COMMAND}\`, ` +
      "or set `smm.server.path` to the binary."
    );
  }
  return (
    `SMM: \`smm.server.path\` is set to "${failure.setting}", but ${failure.command} is not an executable file. ` +
    `Fix the setting, or install the server with \`${INSTALL_COMMAND}\`.`
  );
}

/** The arguments of the server: `lsp` and then the user's extra ones. */
export function serverArgs(extraArgs: unknown): string[] {
  const extra = Array.isArray(extraArgs) ? extraArgs.filter((a): a is string => typeof a === "string") : [];
  return ["lsp", ...extra];
}
