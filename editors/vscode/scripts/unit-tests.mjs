// `npm test`: bundles test/*.test.ts with esbuild into dist/test/ and runs them with `node
// --test` (no VS Code needed). Prints one closing line, `vscode-unit: N passed in Ns`, for
// scripts/test to add up; exits non-zero on failure.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { extensionDir } from "./paths.mjs";

const start = Date.now();
const outdir = path.join(extensionDir, "dist", "test");
fs.rmSync(outdir, { recursive: true, force: true });
const tests = fs
  .readdirSync(path.join(extensionDir, "test"))
  .filter((name) => name.endsWith(".test.ts"))
  .map((name) => path.join("test", name));
await esbuild.build({
  absWorkingDir: extensionDir,
  entryPoints: tests,
  outdir: "dist/test",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: "inline",
  logLevel: "warning",
});
const tap = path.join(outdir, "results.tap");
const compiled = tests.map((t) => path.join(outdir, path.basename(t).replace(/\.ts$/, ".js")));
const run = spawnSync(
  process.execPath,
  ["--enable-source-maps", "--test", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${tap}`, ...compiled],
  { cwd: extensionDir, stdio: "inherit" },
);
const results = fs.existsSync(tap) ? fs.readFileSync(tap, "utf8") : "";
const count = (key) => Number(new RegExp(`^# ${key} (\\d+)$`, "m").exec(results)?.[1] ?? 0);
const passed = count("pass");
const failed = count("fail") + count("cancelled") + (run.status !== 0 && count("fail") === 0 ? 1 : 0);
const seconds = Math.round((Date.now() - start) / 1000);
console.log(failed ? `vscode-unit: ${passed} passed, ${failed} failed in ${seconds}s` : `vscode-unit: ${passed} passed in ${seconds}s`);
process.exit(failed ? 1 : 0);
