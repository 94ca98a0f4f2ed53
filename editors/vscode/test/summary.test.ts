// The SMM Summary output keeps the summary of `smm check --summary`, from the real binary.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import { summaryLines } from "../src/summary";
import { repoDir, smmBinary } from "./helpers";

test("the summary lines of smm check --summary on examples/", () => {
  const run = spawnSync(smmBinary(), ["check", "--summary", "--color", "never", "--fail-on", "never", path.join(repoDir, "examples")], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  assert.equal(run.status, 0, run.stderr);
  const lines = summaryLines(run.stdout);
  assert.ok(lines.some((line) => /^assessment line-4: \d+ of \d+ targets met/.test(line)), lines.join("\n"));
  assert.match(lines.at(-1) ?? "", /^checked \d+ files/);
  assert.ok(!lines.some((line) => line.includes("unmet-target")), "findings are not part of the summary");
});

test("without summary lines, the whole output", () => {
  assert.deepEqual(summaryLines("error: no such path\n"), ["error: no such path"]);
  assert.deepEqual(summaryLines("a\n\nb"), ["a", "", "b"]);
});
