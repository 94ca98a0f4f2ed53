// The extension's manifest and files against what they describe: the grammar copy, the word
// pattern, the server's semantic token legend, the commands, and the packaged .vsix.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { builtPackage, extensionDir, readZip, repoDir, smmBinary } from "./helpers";

interface Manifest {
  name: string;
  version: string;
  main: string;
  contributes: {
    languages: { id: string; aliases: string[]; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    semanticTokenTypes: { id: string; superType?: string }[];
    semanticTokenModifiers: { id: string }[];
    semanticTokenScopes: { language: string; scopes: Record<string, string[]> }[];
    configuration: { properties: Record<string, { scope?: string }> };
    commands: { command: string; title: string }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, "package.json"), "utf8")) as Manifest;
const grammarSource = path.join(repoDir, "grammar", "smm.tmLanguage.json");

/** The types and modifiers VS Code knows without a contribution. */
const STANDARD_TYPES = new Set([
  "namespace", "class", "enum", "interface", "struct", "typeParameter", "type", "parameter", "variable", "property",
  "enumMember", "decorator", "event", "function", "method", "macro", "label", "comment", "string", "keyword",
  "number", "regexp", "operator",
]);
const STANDARD_MODIFIERS = new Set([
  "declaration", "definition", "readonly", "static", "deprecated", "abstract", "async", "modification",
  "documentation", "defaultLibrary",
]);

/** The semantic token legend `smm lsp` announces in its initialize result. */
async function serverLegend(): Promise<{ tokenTypes: string[]; tokenModifiers: string[] }> {
  const server = spawn(smmBinary(), ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
  const send = (message: object) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    server.stdin.write(body);
  };
  const response = new Promise<{ capabilities: { semanticTokensProvider: { legend: { tokenTypes: string[]; tokenModifiers: string[] } } } }>(
    (resolve, reject) => {
      let buffer = Buffer.alloc(0);
      server.stdout.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        for (;;) {
          const headerEnd = buffer.indexOf("\r\n\r\n");
          if (headerEnd < 0) {
            return;
          }
          const length = Number(/Content-Length: (\d+)/i.exec(buffer.toString("ascii", 0, headerEnd))?.[1]);
          if (buffer.length < headerEnd + 4 + length) {
            return;
          }
          const message = JSON.parse(buffer.toString("utf8", headerEnd + 4, headerEnd + 4 + length)) as { id?: number; result?: unknown };
          buffer = buffer.subarray(headerEnd + 4 + length);
          if (message.id === 1) {
            resolve(message.result as never);
          }
        }
      });
      server.on("error", reject);
      server.on("exit", (code) => {
        reject(new Error(`smm lsp exited (${String(code)}) before answering initialize`));
      });
    },
  );
  send({
    id: 1,
    method: "initialize",
    params: {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ["relative"] } } },
    },
  });
  try {
    const result = await response;
    return result.capabilities.semanticTokensProvider.legend;
  } finally {
    send({ id: 2, method: "shutdown", params: null });
    send({ method: "exit", params: null });
    server.stdin.end();
    await new Promise((done) => server.once("exit", done).once("error", done));
  }
}

describe("manifest", () => {
  test("the language: .smm, displayed as SMM, with its configuration, grammar and snippets", () => {
    const [language] = manifest.contributes.languages;
    assert.equal(language?.id, "smm");
    assert.deepEqual(language.extensions, [".smm"]);
    assert.equal(language.aliases[0], "SMM");
    for (const file of [language.configuration, ...manifest.contributes.snippets.map((s) => s.path)]) {
      assert.ok(fs.existsSync(path.join(extensionDir, file)), `${file} is missing`);
    }
    const grammar = JSON.parse(fs.readFileSync(grammarSource, "utf8")) as { scopeName: string };
    assert.equal(manifest.contributes.grammars[0]?.scopeName, grammar.scopeName);
  });

  test("the grammar in the extension is a copy of grammar/smm.tmLanguage.json", () => {
    const copy = path.join(extensionDir, manifest.contributes.grammars[0]?.path ?? "");
    assert.ok(fs.existsSync(copy), `${copy} is missing: run npm run build`);
    assert.ok(fs.readFileSync(copy).equals(fs.readFileSync(grammarSource)), `${copy} differs from ${grammarSource}: run npm run build`);
  });

  test("every command in the manifest is registered by the extension, and the other way round", () => {
    const source = fs.readFileSync(path.join(extensionDir, "src", "extension.ts"), "utf8");
    const registered = [...source.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), registered);
    assert.deepEqual(registered, ["smm.restartServer", "smm.showOutput", "smm.showSummary"]);
  });

  test("the settings; the server's path and arguments cannot come from a workspace", () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), ["smm.server.extraArgs", "smm.server.path", "smm.trace.server"]);
    assert.equal(properties["smm.server.path"]?.scope, "machine");
    assert.equal(properties["smm.server.extraArgs"]?.scope, "machine");
  });

  test("the server's semantic token types and modifiers are all known to VS Code, each mapped to the grammar's scopes", async () => {
    const legend = await serverLegend();
    assert.ok(legend.tokenTypes.includes("date"), "the legend has no date type any more");
    const declaredTypes = new Set(manifest.contributes.semanticTokenTypes.map((t) => t.id));
    const declaredModifiers = new Set(manifest.contributes.semanticTokenModifiers.map((m) => m.id));
    for (const type of legend.tokenTypes) {
      assert.ok(STANDARD_TYPES.has(type) || declaredTypes.has(type), `the server's token type ${type} is not contributed`);
    }
    for (const modifier of legend.tokenModifiers) {
      assert.ok(STANDARD_MODIFIERS.has(modifier) || declaredModifiers.has(modifier), `the modifier ${modifier} is not contributed`);
    }
    const scopes = manifest.contributes.semanticTokenScopes.find((s) => s.language === "smm")?.scopes ?? {};
    assert.deepEqual(scopes.date, ["constant.numeric.date.smm"]);
    const grammarText = fs.readFileSync(grammarSource, "utf8");
    for (const type of legend.tokenTypes.filter((t) => t !== "comment" && t !== "string")) {
      const mapped = scopes[type];
      assert.ok(mapped !== undefined, `the token type ${type} has no TextMate scope: VS Code's default may colour it unlike the grammar`);
      for (const scope of mapped) {
        // keyword.other.smm stands for the grammar's keyword.other.$1.smm and the like.
        const stem = scope.replace(/\.smm$/, "");
        assert.ok(grammarText.includes(`"${stem}.`), `${scope} is not a scope the grammar uses`);
      }
    }
  });
});

describe("language configuration", () => {
  const configuration = JSON.parse(fs.readFileSync(path.join(extensionDir, "language-configuration.json"), "utf8")) as {
    wordPattern: { pattern: string; flags: string };
    comments: { lineComment: string; blockComment: [string, string] };
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  };
  const words = (line: string) => [...line.matchAll(new RegExp(configuration.wordPattern.pattern, configuration.wordPattern.flags + "g"))].map((m) => m[0]);

  test("the word pattern keeps clause ids, kebab-case ids and dates whole", () => {
    assert.deepEqual(words("evidence \"x\" implements iec62443-3-3:SR1.1-RE1 iso27001:A.5.15"), [
      "evidence", "x", "implements", "iec62443-3-3:SR1.1-RE1", "iso27001:A.5.15",
    ]);
    assert.deepEqual(words("  practice access-control level 2 scope industry {"), ["practice", "access-control", "level", "2", "scope", "industry"]);
    assert.deepEqual(words("expires 2027-02-28 link \"docs/a.md\"}"), ["expires", "2027-02-28", "link", "docs/a.md"]);
    assert.deepEqual(words("target monitoring// note"), ["target", "monitoring", "note"]);
    assert.deepEqual(words("Straße/*x*/"), ["Straße", "x"]);
  });

  test("comments and indentation", () => {
    assert.equal(configuration.comments.lineComment, "//");
    assert.deepEqual(configuration.comments.blockComment, ["/*", "*/"]);
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
    assert.ok(increase.test("  practice access-control level 2 {"));
    assert.ok(increase.test('profile p "a } b" { // comment'));
    assert.ok(!increase.test('  note "{"'));
    assert.ok(!increase.test("  target x // {"));
    assert.ok(!increase.test("  target a level 1 { rationale \"x\" }"));
    assert.ok(decrease.test("  }"));
  });
});

describe("package", () => {
  test("the .vsix holds the server, the bundle and the grammar copy", (t) => {
    const vsix = builtPackage();
    if (vsix === undefined) {
      if (process.env.CI === "true") {
        assert.fail("no .vsix in editors/vscode: run npm run package first");
      }
      t.skip("no .vsix: run npm run package");
      return;
    }
    const entries = readZip(vsix);
    const server = entries.get(process.platform === "win32" ? "extension/server/smm.exe" : "extension/server/smm");
    assert.ok(server !== undefined, `${vsix} has no server`);
    if (process.platform !== "win32") {
      assert.equal(server.mode & 0o111, 0o111, `the server in ${vsix} is not executable (mode ${server.mode.toString(8)})`);
    }
    assert.ok(entries.has(`extension/${manifest.main.replace(/^\.\//, "")}`), "no bundle");
    const grammar = entries.get(`extension/${(manifest.contributes.grammars[0]?.path ?? "").replace(/^\.\//, "")}`);
    assert.ok(grammar?.data().equals(fs.readFileSync(grammarSource)), "the packaged grammar differs from grammar/smm.tmLanguage.json");
    const packaged = JSON.parse(entries.get("extension/package.json")?.data().toString("utf8") ?? "{}") as { version?: string };
    assert.equal(packaged.version, manifest.version);
    const names = [...entries.keys()];
    assert.deepEqual(names.filter((n) => /\/(src|test|node_modules|scripts)\//.test(n) || n.endsWith(".ts") || n.endsWith(".map")), []);
    for (const file of ["extension/LICENSE.txt", "extension/readme.md", "extension/language-configuration.json", "extension/snippets/smm.json"]) {
      assert.ok(names.some((n) => n.toLowerCase() === file.toLowerCase()), `${file} is not packaged (${names.join(", ")})`);
    }
  });
});
