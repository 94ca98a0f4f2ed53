// What the tests share: where things are, the smm binary, a zip reader for the .vsix.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";

/** editors/vscode (the tests run from dist/test/). */
export const extensionDir = path.resolve(__dirname, "..", "..");
export const repoDir = path.resolve(extensionDir, "..", "..");

/** The smm binary the tests run: SMM_BIN, else the workspace's release build. */
export function smmBinary(): string {
  const binary = process.env.SMM_BIN ?? path.join(repoDir, "target", "release", process.platform === "win32" ? "smm.exe" : "smm");
  if (!fs.existsSync(binary)) {
    throw new Error(`${binary} is missing: build it with \`cargo build --release -p smm-cli\` or set SMM_BIN`);
  }
  return binary;
}

export interface Diagnostic {
  code: string;
  message: string;
}

/** The diagnostics `smm check - --format json` reports for `text`. */
export function check(text: string, fileName = "snippet.smm"): Diagnostic[] {
  const result = spawnSync(smmBinary(), ["check", "-", "--format", "json", "--fail-on", "never", "--stdin-filename", fileName], {
    input: text,
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`smm check exited with ${String(result.status)}: ${result.stderr}`);
  }
  const report = JSON.parse(result.stdout) as { files: { diagnostics: Diagnostic[] }[] };
  return report.files.flatMap((file) => file.diagnostics);
}

export interface ZipEntry {
  name: string;
  /** The Unix mode from the external attributes (0 when the archive has none). */
  mode: number;
  data(): Buffer;
}

/** The entries of a zip archive (a .vsix), from its central directory. */
export function readZip(file: string): Map<string, ZipEntry> {
  const zip = fs.readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) {
    end--;
  }
  if (end < 0) {
    throw new Error(`${file} is not a zip archive`);
  }
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) {
      throw new Error(`${file}: broken central directory`);
    }
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    entries.set(name, {
      name,
      mode,
      data: () => {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const raw = zip.subarray(start, start + compressedSize);
        return method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The package built by `npm run package`: SMM_VSIX, else the newest .vsix in editors/vscode. */
export function builtPackage(): string | undefined {
  if (process.env.SMM_VSIX) {
    return process.env.SMM_VSIX;
  }
  const found = fs
    .readdirSync(extensionDir)
    .filter((name) => name.endsWith(".vsix"))
    .map((name) => path.join(extensionDir, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return found[0];
}
