// Paths shared by the build scripts.
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** editors/vscode */
export const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The root of the smm Cargo workspace (two folders up). */
export const repoDir = path.resolve(extensionDir, "..", "..");
/** The TextMate grammar, maintained in grammar/ and copied into the extension. */
export const grammarSource = path.join(repoDir, "grammar", "smm.tmLanguage.json");
export const grammarCopy = path.join(extensionDir, "dist", "syntaxes", "smm.tmLanguage.json");
/** The release binary of the workspace, and its copy in the extension. */
export const binaryName = process.platform === "win32" ? "smm.exe" : "smm";
export const releaseBinary = path.join(repoDir, "target", "release", binaryName);
export const bundledBinary = path.join(extensionDir, "server", binaryName);
