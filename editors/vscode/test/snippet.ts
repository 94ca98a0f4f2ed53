// Expands a VS Code snippet body the way accepting every default would: `${1:default}` gives its
// default (which may hold placeholders and variables itself), `$1` and `${1}` repeat what
// placeholder 1 holds, `${1|a,b|}` gives its first choice, `$0` gives nothing, and the date
// variables give today's date. Escapes: `\$`, `\}`, `\\` (and `\,` `\|` in choices).

type Node =
  | { kind: "text"; text: string }
  | { kind: "tabstop"; index: number; value?: Node[] }
  | { kind: "choice"; index: number; options: string[] }
  | { kind: "variable"; name: string; value?: Node[] };

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  parse(): Node[] {
    const nodes = this.nodes(false);
    if (this.at !== this.source.length) {
      throw new Error(`unexpected \`${this.source[this.at] ?? ""}\` at ${this.at} in ${this.source}`);
    }
    return nodes;
  }

  /** Nodes up to the end, or up to an unescaped `}` when nested. */
  private nodes(nested: boolean): Node[] {
    const nodes: Node[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") {
        nodes.push({ kind: "text", text });
        text = "";
      }
    };
    while (this.at < this.source.length) {
      const c = this.source.charAt(this.at);
      const escaped = this.escaped("$}\\");
      if (escaped !== undefined) {
        text += escaped;
        this.at += 2;
      } else if (c === "}" && nested) {
        break;
      } else if (c === "$") {
        flush();
        nodes.push(this.dollar());
      } else {
        text += c;
        this.at++;
      }
    }
    flush();
    return nodes;
  }

  /** The character after a backslash at the cursor, when it is one that `which` escapes. */
  private escaped(which: string): string | undefined {
    const next = this.source.charAt(this.at + 1);
    return this.source.charAt(this.at) === "\\" && next !== "" && which.includes(next) ? next : undefined;
  }

  private dollar(): Node {
    this.at++; // $
    const simple = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(this.source.slice(this.at));
    if (simple !== null) {
      this.at += simple[0].length;
      return this.reference(simple[0]);
    }
    if (this.source[this.at] !== "{") {
      return { kind: "text", text: "$" };
    }
    this.at++; // {
    const head = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(this.source.slice(this.at));
    if (head === null) {
      throw new Error(`a placeholder without an index at ${this.at} in ${this.source}`);
    }
    this.at += head[0].length;
    const name = head[0];
    const next = this.source[this.at];
    let node: Node;
    if (next === "}") {
      node = this.reference(name);
    } else if (next === ":") {
      this.at++;
      const value = this.nodes(true);
      node = /^\d+$/.test(name) ? { kind: "tabstop", index: Number(name), value } : { kind: "variable", name, value };
    } else if (next === "|" && /^\d+$/.test(name)) {
      this.at++;
      const options: string[] = [];
      let option = "";
      for (;;) {
        if (this.at >= this.source.length) {
          throw new Error(`an unclosed choice in ${this.source}`);
        }
        const c = this.source.charAt(this.at);
        const escaped = this.escaped(",|\\$}");
        if (escaped !== undefined) {
          option += escaped;
          this.at += 2;
        } else if (c === ",") {
          options.push(option);
          option = "";
          this.at++;
        } else if (c === "|" && this.source[this.at + 1] === "}") {
          options.push(option);
          this.at++;
          break;
        } else {
          option += c;
          this.at++;
        }
      }
      node = { kind: "choice", index: Number(name), options };
    } else {
      throw new Error(`unexpected \`${next ?? "end"}\` in a placeholder in ${this.source}`);
    }
    if (this.source[this.at] !== "}") {
      throw new Error(`an unclosed placeholder in ${this.source}`);
    }
    this.at++;
    return node;
  }

  private reference(name: string): Node {
    return /^\d+$/.test(name) ? { kind: "tabstop", index: Number(name) } : { kind: "variable", name };
  }
}

function variable(name: string, today: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  switch (name) {
    case "CURRENT_YEAR":
      return String(today.getFullYear());
    case "CURRENT_MONTH":
      return two(today.getMonth() + 1);
    case "CURRENT_DATE":
      return two(today.getDate());
    default:
      throw new Error(`the test does not know the snippet variable ${name}`);
  }
}

/** The text a snippet inserts when every placeholder keeps its default. `$0` and the lines of
 *  the body are joined as VS Code does; tabs stay tabs. */
export function expand(body: string | string[], today = new Date()): string {
  const source = Array.isArray(body) ? body.join("\n") : body;
  const nodes = new Parser(source).parse();
  // What each placeholder holds: the first occurrence with a default or choices defines it.
  const values = new Map<number, Node[]>();
  const collect = (list: Node[]) => {
    for (const node of list) {
      if (node.kind === "tabstop" && node.value !== undefined) {
        if (!values.has(node.index)) {
          values.set(node.index, node.value);
        }
        collect(node.value);
      } else if (node.kind === "choice" && !values.has(node.index)) {
        values.set(node.index, [{ kind: "text", text: node.options[0] ?? "" }]);
      } else if (node.kind === "variable" && node.value !== undefined) {
        collect(node.value);
      }
    }
  };
  collect(nodes);
  const render = (list: Node[], depth: number): string => {
    if (depth > 20) {
      throw new Error("placeholders refer to each other in a cycle");
    }
    return list
      .map((node) => {
        switch (node.kind) {
          case "text":
            return node.text;
          case "choice":
            return node.options[0] ?? "";
          case "tabstop":
            return render(node.value ?? values.get(node.index) ?? [], depth + 1);
          case "variable":
            return variable(node.name, today);
        }
      })
      .join("");
  };
  return render(nodes, 0);
}
