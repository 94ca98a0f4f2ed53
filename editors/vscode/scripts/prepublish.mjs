// `vscode:prepublish`, run by `vsce package`: builds the bundle, copies the grammar, and puts the
// workspace's release binary into server/ (building it with cargo when it is missing), or the
// binary SMM_SERVER_BINARY names.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { build } from "./build.mjs";
import { bundledBinary, releaseBinary, repoDir } from "./paths.mjs";

await build({ minify: true });

// SMM_SERVER_BINARY bundles another build (a debug one, say); it is never built here.
const chosen = process.env.SMM_SERVER_BINARY ? path.resolve(process.env.SMM_SERVER_BINARY) : undefined;
const source = chosen ?? releaseBinary;
if (chosen !== undefined && !fs.existsSync(chosen)) {
  console.error(`prepublish: SMM_SERVER_BINARY names ${chosen}, which does not exist`);
  process.exit(1);
}
if (!fs.existsSync(source)) {
  if (!fs.existsSync(path.join(repoDir, "Cargo.toml"))) {
    console.error(`prepublish: ${source} is missing and ${repoDir} is not the smm workspace`);
    process.exit(1);
  }
  console.log(`prepublish: ${source} is missing; building it: cargo build --release -p smm-cli`);
  const cargo = spawnSync("cargo", ["build", "--release", "-p", "smm-cli"], { cwd: repoDir, stdio: "inherit" });
  if (cargo.error !== undefined || cargo.status !== 0) {
    console.error(`prepublish: cargo build failed${cargo.error ? `: ${cargo.error.message}` : ""}`);
    process.exit(1);
  }
}
fs.mkdirSync(path.dirname(bundledBinary), { recursive: true });
fs.rmSync(bundledBinary, { force: true });
fs.copyFileSync(source, bundledBinary);
fs.chmodSync(bundledBinary, 0o755);
console.log(`prepublish: bundled ${source}`);
