// `npm run package`: `vsce package --target T` for the platform this runs on (the bundled
// server is this machine's binary), e.g. smm-linux-x64-0.1.0.vsix. More arguments go to vsce.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { extensionDir } from "./paths.mjs";

const targets = {
  "linux-x64": "linux-x64",
  "linux-arm64": "linux-arm64",
  "darwin-x64": "darwin-x64",
  "darwin-arm64": "darwin-arm64",
  "win32-x64": "win32-x64",
  "win32-arm64": "win32-arm64",
};
const target = targets[`${process.platform}-${process.arch}`];
if (target === undefined) {
  console.error(`package: no VS Code target for ${process.platform}-${process.arch}`);
  process.exit(1);
}
const vsce = path.join(extensionDir, "node_modules", "@vscode", "vsce", "vsce");
const result = spawnSync(process.execPath, [vsce, "package", "--target", target, ...process.argv.slice(2)], {
  cwd: extensionDir,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
