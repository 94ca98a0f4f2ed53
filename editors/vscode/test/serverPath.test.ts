// The choice of the server binary, without VS Code: setting, bundled, PATH, none.
import assert from "node:assert/strict";
import * as path from "node:path";
import { describe, test } from "node:test";
import {
  bundledServer,
  type Environment,
  expandSetting,
  findOnPath,
  INSTALL_COMMAND,
  isFailure,
  problemMessage,
  resolveServer,
  serverArgs,
} from "../src/serverPath";

const ext = "/home/u/.vscode/extensions/smm.smm-0.1.0-linux-x64";
const bundled = path.join(ext, "server", "smm");

function env(executables: string[], overrides: Partial<Environment> = {}): Environment {
  const runnable = new Set(executables);
  return {
    setting: undefined,
    extensionPath: ext,
    workspaceFolder: "/work/plant",
    home: "/home/u",
    pathVariable: "/usr/local/bin:/usr/bin",
    platform: "linux",
    isExecutable: (file) => runnable.has(file),
    ...overrides,
  };
}

describe("resolveServer", () => {
  test("the setting wins over the bundled binary and PATH", () => {
    const found = resolveServer(env(["/opt/smm/bin/smm", bundled, "/usr/bin/smm"], { setting: "/opt/smm/bin/smm" }));
    assert.deepEqual(found, { kind: "setting", command: "/opt/smm/bin/smm" });
  });

  test("a setting with blanks around it is trimmed; a blank setting counts as unset", () => {
    assert.deepEqual(resolveServer(env(["/opt/smm"], { setting: "  /opt/smm " })), { kind: "setting", command: "/opt/smm" });
    assert.deepEqual(resolveServer(env([bundled], { setting: "   " })), { kind: "bundled", command: bundled });
  });

  test("~/ and relative settings", () => {
    assert.deepEqual(resolveServer(env(["/home/u/.cargo/bin/smm"], { setting: "~/.cargo/bin/smm" })), {
      kind: "setting",
      command: "/home/u/.cargo/bin/smm",
    });
    assert.deepEqual(resolveServer(env(["/work/plant/tools/smm"], { setting: "tools/smm" })), {
      kind: "setting",
      command: "/work/plant/tools/smm",
    });
    assert.equal(expandSetting("tools/smm", { home: "/home/u" }), "tools/smm");
    assert.equal(expandSetting("~", { home: "/home/u" }), "/home/u");
  });

  test("a setting that names nothing runnable is reported, not replaced by another binary", () => {
    const found = resolveServer(env([bundled, "/usr/bin/smm"], { setting: "/nowhere/smm" }));
    assert.deepEqual(found, { kind: "setting-not-found", setting: "/nowhere/smm", command: "/nowhere/smm" });
    assert.ok(isFailure(found));
    const message = problemMessage(found);
    assert.match(message, /smm\.server\.path/);
    assert.match(message, /\/nowhere\/smm/);
    assert.ok(message.includes(INSTALL_COMMAND));
  });

  test("without a setting, the bundled binary", () => {
    assert.deepEqual(resolveServer(env([bundled, "/usr/bin/smm"])), { kind: "bundled", command: bundled });
    assert.equal(bundledServer(ext, "win32"), path.join(ext, "server", "smm.exe"));
  });

  test("without a setting or a bundled binary, the first smm on PATH", () => {
    assert.deepEqual(resolveServer(env(["/usr/bin/smm", "/usr/local/bin/smm"])), { kind: "path", command: "/usr/local/bin/smm" });
    assert.deepEqual(resolveServer(env(["/usr/bin/smm"])), { kind: "path", command: "/usr/bin/smm" });
  });

  test("an empty PATH entry (the current folder) is never searched", () => {
    assert.equal(findOnPath(env(["smm", path.join("", "smm")], { pathVariable: ":/usr/bin" })), undefined);
  });

  test("Windows: PATHEXT suffixes and ; separators", () => {
    const win = env([path.join("C:\\tools", "smm.exe")], { platform: "win32", pathVariable: "C:\\bin;C:\\tools", pathExt: ".COM;.EXE" });
    assert.equal(findOnPath(win), path.join("C:\\tools", "smm.exe"));
  });

  test("none: one message with the install command and the setting", () => {
    const found = resolveServer(env([], { pathVariable: undefined }));
    assert.deepEqual(found, { kind: "none" });
    assert.ok(isFailure(found));
    const message = problemMessage(found);
    assert.ok(message.includes(INSTALL_COMMAND));
    assert.match(message, /smm\.server\.path/);
  });
});

describe("serverArgs", () => {
  test("lsp, then the extra arguments that are strings", () => {
    assert.deepEqual(serverArgs(undefined), ["lsp"]);
    assert.deepEqual(serverArgs(["--color", "never"]), ["lsp", "--color", "never"]);
    assert.deepEqual(serverArgs(["--color", 3, null]), ["lsp", "--color"]);
    assert.deepEqual(serverArgs("--color"), ["lsp"]);
  });
});
