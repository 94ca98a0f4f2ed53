// Every snippet, expanded with its defaults, parses: no `syntax::` diagnostic from the smm
// checker. Snippets that belong inside a block are checked inside a minimal enclosing item.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { check, extensionDir } from "./helpers";
import { expand } from "./snippet";

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const snippets = JSON.parse(fs.readFileSync(path.join(extensionDir, "snippets", "smm.json"), "utf8")) as Record<string, Snippet>;

/** Where each snippet is inserted: `%s` stands for it, indented as the block's content. */
const enclosing: Record<string, string> = {
  profile: "%s\n",
  assessment: "%s\n",
  target: 'profile p {\n  role asset-owner\n  %s\n}\n',
  practice: 'assessment a {\n  profile p\n  date 2026-01-01\n  %s\n}\n',
  evidence: 'assessment a {\n  profile p\n  date 2026-01-01\n  practice access-control level 1 scope industry {\n    %s\n  }\n}\n',
  waive: 'assessment a {\n  profile p\n  date 2026-01-01\n  %s\n}\n',
};

function place(prefix: string, expanded: string): string {
  const frame = enclosing[prefix];
  if (frame === undefined) {
    throw new Error(`no enclosing item for the snippet \`${prefix}\`: add one to snippets.test.ts`);
  }
  const indent = /^( *)%s/m.exec(frame)?.[1] ?? "";
  const indented = expanded
    .split("\n")
    .map((line, i) => (i === 0 ? line : indent + line))
    .join("\n")
    .replace(/\t/g, "  ");
  return frame.replace("%s", indented);
}

describe("snippets", () => {
  test("the four snippets of the issue exist", () => {
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    for (const prefix of ["profile", "assessment", "practice", "waive"]) {
      assert.ok(prefixes.includes(prefix), `no snippet with the prefix ${prefix}`);
    }
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    test(`${name} parses with its defaults`, () => {
      const prefix = Array.isArray(snippet.prefix) ? snippet.prefix[0] ?? "" : snippet.prefix;
      const expanded = expand(snippet.body, new Date(2026, 0, 5));
      assert.doesNotMatch(expanded, /\$/, "a placeholder was left");
      const text = place(prefix, expanded);
      const syntax = check(text).filter((d) => d.code.startsWith("syntax::"));
      assert.deepEqual(syntax, [], `the expansion does not parse:\n${text}`);
    });
  }
});

describe("expand", () => {
  test("defaults, mirrors, choices, nesting, variables, escapes and $0", () => {
    const today = new Date(2026, 2, 7);
    assert.equal(expand("a ${1:x} $1 ${1} ${2|p,q|} $2 $0"), "a x x x p p ");
    assert.equal(expand(["${1:${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}}", "$1"], today), "2026-03-07\n2026-03-07");
    assert.equal(expand("${1:outer ${2:inner}} $2"), "outer inner inner");
    assert.equal(expand("\\$1 \\} ${1:a\\}b}"), "$1 } a}b");
    assert.equal(expand("${1|a\\,b,c|}"), "a,b");
  });

  test("a syntax error is caught: the check sees the enclosing item's errors", () => {
    const codes = check(place("practice", "practice access-control level {")).map((d) => d.code);
    assert.ok(codes.some((c) => c.startsWith("syntax::")), codes.join(", "));
  });
});
