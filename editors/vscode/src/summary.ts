// What the SMM Summary output shows of `smm check --summary`: its summary, not the findings
// (those are in the Problems panel). Free of the `vscode` module: unit-tested with node --test.

/** The lines of the summary in the human output of `smm check --summary`: one per assessment
 *  (`assessment NAME: …`) and the closing count (`checked N files…`). Everything, when the
 *  output has no such line (an error, or a format this version does not know). */
export function summaryLines(output: string): string[] {
  const lines = output.split(/\r?\n/);
  const kept = lines.filter((line) => /^assessment \S+: /.test(line) || /^checked \d+ files?\b/.test(line));
  if (kept.length === 0) {
    return lines.filter((line, i) => line !== "" || i < lines.length - 1);
  }
  return kept;
}
