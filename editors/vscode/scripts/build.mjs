// `npm run build`: bundles the extension with esbuild into dist/extension.js and copies the
// TextMate grammar from grammar/ into dist/syntaxes/. `--minify` for the package.
import * as fs from "node:fs";
import * as path from "node:path";
import * as esbuild from "esbuild";
import { extensionDir, grammarCopy, grammarSource } from "./paths.mjs";

export async function build({ minify = false } = {}) {
  fs.mkdirSync(path.dirname(grammarCopy), { recursive: true });
  fs.copyFileSync(grammarSource, grammarCopy);
  const result = await esbuild.build({
    absWorkingDir: extensionDir,
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.js",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    minify,
    sourcemap: minify ? false : "linked",
    logLevel: "warning",
    metafile: true,
  });
  writeNotices(result.metafile);
}

/** dist/ThirdPartyNotices.txt: the license of every npm package bundled into the extension. */
function writeNotices(metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) {
      packages.add(match[1]);
    }
  }
  const sections = [...packages].sort().map((dir) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir, dir, "package.json"), "utf8"));
    const licenseFile = fs.readdirSync(path.join(extensionDir, dir)).find((name) => /^(license|licence|copying)/i.test(name));
    if (licenseFile === undefined) {
      throw new Error(`${dir} has no license file to include in the notices`);
    }
    const text = fs.readFileSync(path.join(extensionDir, dir, licenseFile), "utf8").trim();
    return `${manifest.name} ${manifest.version} (${manifest.license})\n${"-".repeat(72)}\n${text}\n`;
  });
  fs.writeFileSync(
    path.join(extensionDir, "dist", "ThirdPartyNotices.txt"),
    `The smm extension bundles these npm packages in dist/extension.js.\n\n${sections.join("\n")}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build({ minify: process.argv.includes("--minify") });
}
