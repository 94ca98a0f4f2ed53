"""The tree-sitter grammar (grammar/tree-sitter-smm) held to the real parser (crates/smm-syntax).

The files: every example, every built-in catalog, every parser, formatter and mistakes fixture,
the highlight tests, the variants the mutation test writes to target/mutations/ (`cargo test -p
smm-syntax --test mutations`), and FUZZ_VARIANTS random variants of the small ones (seeded: the
same every run) made by dropping, doubling, swapping and inserting tokens and changing blanks.

- A file the real parser accepts (no `syntax::` diagnostic from `smm check --format json`) must
  parse without an ERROR or MISSING node.
- Of the files it rejects, the share tree-sitter rejects too (the agreement rate) is printed at
  the end of the run (conftest.py), with the kinds of file tree-sitter accepts anyway; it must
  stay at AGREEMENT_FLOOR or above.
- The corpus tests (test/corpus) agree with the real parser: `:error` tests are rejected by it,
  the others accepted.
- The committed src/ is what grammar.js generates, and every keyword of the language is in
  grammar.js and in the external scanner.

Run after `cargo build -p smm-cli` and the mutation test (scripts/test does both). SMM_BIN names
the binary (default: target/debug/smm), TREE_SITTER the CLI (default: tree-sitter on PATH),
CARGO_TARGET_DIR the target directory (default: target).
"""

import collections
import functools
import json
import os
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GRAMMAR = REPO / "grammar" / "tree-sitter-smm"
SMM = Path(os.environ.get("SMM_BIN", REPO / "target" / "debug" / "smm"))
TREE_SITTER = os.environ.get("TREE_SITTER", "tree-sitter")
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
MUTATIONS = TARGET / "mutations"

# Rejected files that tree-sitter must reject too, at least this share of them.
AGREEMENT_FLOOR = 0.99
BATCH = 400
FUZZ_VARIANTS = 1500
FUZZ_SEED = 13

# Filled by the tests, printed by conftest.py at the end of the run.
REPORT = []


def tree_sitter():
    path = shutil.which(TREE_SITTER)
    if path is None:
        pytest.fail(
            f"`{TREE_SITTER}` not found: run scripts/setup "
            "(cargo install tree-sitter-cli --locked)"
        )
    return path


def batches(items, size=BATCH):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def tree_sitter_verdicts(files):
    """{path: True if tree-sitter parses it without ERROR or MISSING nodes}."""
    verdicts = {}
    for batch in batches(files):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as paths:
            paths.write("".join(f"{f}\n" for f in batch))
        try:
            result = subprocess.run(
                [tree_sitter(), "parse", "--quiet", "--json-summary", "--paths", paths.name],
                cwd=GRAMMAR,
                capture_output=True,
                text=True,
                timeout=300,
            )
        finally:
            os.unlink(paths.name)
        # Files with errors are listed first, one line each, then the JSON summary.
        out = result.stdout
        start = 0 if out.startswith("{") else out.find("\n{\n") + 1
        assert start >= 0 and out[start:].startswith("{"), (result.stdout, result.stderr)
        for summary in json.loads(out[start:])["parse_summaries"]:
            verdicts[str(Path(GRAMMAR, summary["file"]).resolve())] = summary["successful"]
    missing = [f for f in files if str(f) not in verdicts]
    assert not missing, f"tree-sitter did not report on {missing[:5]}"
    return verdicts


def real_parser_codes(files, root):
    """{path: the `syntax::` codes the real parser reports, in order}; `root` is the folder
    of the workspace (the nearest smm.toml) the files are in, which the paths are relative to."""
    if not SMM.exists():
        pytest.fail(f"{SMM} is missing: build it with `cargo build -p smm-cli`")
    codes = {}
    for batch in batches(files):
        result = subprocess.run(
            [str(SMM), "check", "--format", "json", "--color", "never", *map(str, batch)],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode in (0, 1), result.stderr
        for entry in json.loads(result.stdout)["files"]:
            path = str(Path(root, entry["path"]).resolve())
            codes[path] = [
                d["code"] for d in entry["diagnostics"] if d["code"].startswith("syntax::")
            ]
    missing = [f for f in files if str(f) not in codes]
    assert not missing, f"smm check did not report on {missing[:5]}"
    return codes


def smm_files(folder):
    return sorted(p.resolve() for p in folder.rglob("*.smm"))


def corpus_files():
    """The repository's own .smm files the grammar is held to, by kind."""
    fixtures = REPO / "crates" / "smm-syntax" / "tests" / "fixtures"
    return {
        "example": smm_files(REPO / "examples"),
        "built-in catalog": smm_files(REPO / "crates" / "smm-model" / "data"),
        "fixture": [
            p for kind in ("parse", "format", "mistakes") for p in smm_files(fixtures / kind)
        ],
        "highlight test": smm_files(GRAMMAR / "test" / "highlight"),
    }


def mutation_files():
    """The mutation test's variants, with what was done to each (`append junk`, `drop `x``)."""
    index = MUTATIONS / "index.tsv"
    if not index.exists():
        pytest.fail(
            f"{index} is missing: run `cargo test -p smm-syntax --test mutations` first"
        )
    variants = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        name, description = line.split("\t", 1)
        variants[(MUTATIONS / name).resolve()] = description
    assert len(variants) > 300, f"only {len(variants)} variants in {MUTATIONS}"
    return variants


KEYWORD_RE = re.compile(r'Keyword::(\w+) => "([a-z][a-z-]*)"')


@functools.cache
def keywords():
    """The keywords of the language, from the lexer's own list (crates/smm-syntax)."""
    token_rs = (REPO / "crates" / "smm-syntax" / "src" / "token.rs").read_text(encoding="utf-8")
    words = sorted(set(KEYWORD_RE.findall(token_rs)))
    assert len(words) >= 43, words
    return tuple(word for _, word in words)


def spec_keywords():
    """The keywords in the table of grammar/README.md, section 2.5."""
    spec = (REPO / "grammar" / "README.md").read_text(encoding="utf-8")
    section = spec[spec.index("### 2.5 Keywords") : spec.index("### 2.6")]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    return sorted({word for row in rows for word in re.findall(r"`([a-z][a-z-]*)`", row.split("|")[2])})


def mutation_class(description):
    """What a mutation did, by kind of token: `drop keyword `level``, `drop identifier`..."""
    if description.endswith("append junk"):
        return "append junk"
    token = re.search(r"drop `(.*)`$", description, re.S).group(1)
    if token in keywords():
        return f"drop keyword `{token}`"
    if token == "}":
        return "drop `}`"
    if token.startswith('"'):
        return "drop string"
    if re.fullmatch(r"\d{4}-\d\d-\d\d", token):
        return "drop date"
    if re.fullmatch(r"-?\d+", token):
        return "drop integer"
    if ":" in token:
        return "drop clause reference"
    return "drop identifier"


def corpus_inputs():
    """The inputs of the grammar's corpus tests: (name, source, expects an error)."""
    header = re.compile(r"^(={3,}[^\n]*)\n(.*?)\n\1\n", re.M | re.S)
    tests = []
    for path in sorted((GRAMMAR / "test" / "corpus").glob("*.txt")):
        # Byte for byte: some tests are about `\r\n` and a lone `\r`.
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        heads = list(header.finditer(text))
        for i, head in enumerate(heads):
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            body = text[head.end() : end]
            source = re.split(r"^-{3,}[^\n]*\n", body, maxsplit=1, flags=re.M)[0]
            lines = head.group(2).splitlines()
            name = next(line for line in lines if not line.startswith(":"))
            tests.append((f"{path.name}: {name}", source.strip("\n") + "\n", ":error" in lines))
    assert tests, "no corpus tests"
    return tests


TOKEN_RE = re.compile(r'"(?:[^"\\\r\n]|\\.)*"|//[^\r\n]*|/\*.*?\*/|[{}]|[^\s{}"]+|\s+', re.S)
FUZZ_VALUES = [
    "x", "industry", "asset-owner", "3", "-1", "2026-01-01", "iso27002:5.15", '"s"', "{", "}",
    "// c\n", "/* c */", "/* a\nb */", "SR1.1", "Foo", ",", "3x",
]


def fuzz_variants(sources, folder):
    """FUZZ_VARIANTS variants of `sources`, written to `folder`: {path: what was done}."""
    rng = random.Random(FUZZ_SEED)
    # Small files only: the large catalogs would only make the run slower.
    sources = [source for source in sources if source.strip() and len(source) < 8000]
    variants = {}
    for i in range(FUZZ_VARIANTS):
        tokens = TOKEN_RE.findall(rng.choice(sources))
        done = []
        for _ in range(rng.choice([1, 1, 2, 3])):
            if not tokens:
                break
            j = rng.randrange(len(tokens))
            op = rng.random()
            if op < 0.25:
                del tokens[j]
                done.append("drop")
            elif op < 0.4:
                tokens.insert(j, tokens[j])
                done.append("double")
            elif op < 0.55 and j + 2 < len(tokens):
                tokens[j], tokens[j + 2] = tokens[j + 2], tokens[j]
                done.append("swap")
            elif op < 0.7:
                tokens.insert(j, rng.choice(keywords()) + rng.choice([" ", "\n"]))
                done.append("insert keyword")
            elif op < 0.85:
                tokens.insert(j, rng.choice(FUZZ_VALUES) + rng.choice([" ", "\n", ""]))
                done.append("insert value")
            elif tokens[j].isspace():
                tokens[j] = rng.choice([" ", "\n", "\r\n", "\r", "\t", ""])
                done.append("change blanks")
        path = (folder / f"{i:05}.smm").resolve()
        path.write_bytes("".join(tokens).encode("utf-8"))
        variants[path] = " + ".join(sorted(set(done))) or "none"
    return variants


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """Both parsers' verdicts on every file: [(kind, path, codes, tree-sitter accepts)]."""
    groups = corpus_files()
    repo_files = [p for files in groups.values() for p in files]
    variants = mutation_files()
    files = repo_files + list(variants)
    ts = tree_sitter_verdicts(files)
    real = real_parser_codes(files, REPO)
    rows = []
    for kind, paths in groups.items():
        rows += [(kind, p, real[str(p)], ts[str(p)]) for p in paths]
    for path, description in variants.items():
        kind = f"mutation: {mutation_class(description)}"
        rows.append((kind, path, real[str(path)], ts[str(path)]))
    # Random variants, in a workspace of their own; in its `target/`, which the workspace walk
    # skips, so that `smm check` reads only the files it is given.
    root = tmp_path_factory.mktemp("fuzz")
    (root / "smm.toml").write_text("")
    (root / "target").mkdir()
    sources = [p.read_bytes().decode("utf-8") for p in repo_files]
    fuzzed = fuzz_variants(sources, root / "target")
    ts = tree_sitter_verdicts(list(fuzzed))
    real = real_parser_codes(list(fuzzed), root)
    for path, done in fuzzed.items():
        rows.append((f"fuzz: {done}", path, real[str(path)], ts[str(path)]))
    return rows


def test_every_file_the_real_parser_accepts_parses_without_errors(verdicts):
    accepted = [row for row in verdicts if not row[2]]
    assert len(accepted) > 100, f"only {len(accepted)} accepted files"
    wrong = [f"{kind}: {path}" for kind, path, _, ok in accepted if not ok]
    REPORT.append(
        f"tree-sitter grammar: {len(accepted) - len(wrong)}/{len(accepted)} files the real "
        "parser accepts parse without ERROR or MISSING nodes"
    )
    assert not wrong, (
        "tree-sitter reports ERROR or MISSING nodes in files the real parser accepts:\n"
        + "\n".join(wrong)
    )


def test_rejected_files_mostly_rejected_too(verdicts):
    rejected = [row for row in verdicts if row[2]]
    assert len(rejected) > 100, f"only {len(rejected)} rejected files"
    agreed = sum(1 for row in rejected if not row[3])
    rate = agreed / len(rejected)
    classes = collections.Counter()
    example = {}
    for kind, path, codes, ok in rejected:
        if ok:
            key = f"{kind} ({codes[0]})"
            classes[key] += 1
            example.setdefault(key, path)
    lines = [
        "tree-sitter grammar: agreement on files the real parser rejects: "
        f"{agreed}/{len(rejected)} ({rate:.1%})"
    ]
    if classes:
        lines.append("  rejected by the real parser, accepted by tree-sitter:")
        lines += [f"    {n} x {key}, e.g. {example[key]}" for key, n in classes.most_common()]
    else:
        lines.append("  no file is rejected by the real parser but accepted by tree-sitter")
    REPORT.extend(lines)
    assert rate >= AGREEMENT_FLOOR, "\n".join(lines)


def test_corpus_tests_agree_with_the_real_parser(tmp_path):
    """A corpus test marked `:error` must be rejected by the real parser, any other accepted:
    the corpus documents the language, not something else."""
    (tmp_path / "smm.toml").write_text("")
    tests = corpus_inputs()
    files = []
    for i, (_, source, _) in enumerate(tests):
        path = tmp_path / f"{i:03}.smm"
        path.write_bytes(source.encode("utf-8"))
        files.append(path.resolve())
    codes = real_parser_codes(files, tmp_path)
    wrong = [
        f"{name}: {'accepted' if not codes[str(path)] else codes[str(path)]}"
        for (name, _, error), path in zip(tests, files)
        if bool(codes[str(path)]) != error
    ]
    assert not wrong, "corpus tests the real parser judges otherwise:\n" + "\n".join(wrong)


# The CLI version src/ was generated with (grammar/tree-sitter-smm/README.md). Another version
# may lay out parser.c and node-types.json differently; grammar.json is compared with any.
GENERATED_WITH = "0.27.1"


def test_generated_parser_is_up_to_date(tmp_path):
    """The committed src/ is what `tree-sitter generate` makes of grammar.js: a change to the
    grammar that forgets to regenerate fails here."""
    version = subprocess.run(
        [tree_sitter(), "--version"], capture_output=True, text=True, check=True
    ).stdout.split()[-1]
    generated = ["src/grammar.json"]
    if version == GENERATED_WITH:
        generated += ["src/node-types.json", "src/parser.c"]
    for name in ["grammar.js", "tree-sitter.json"]:
        shutil.copy(GRAMMAR / name, tmp_path / name)
    result = subprocess.run(
        [tree_sitter(), "generate", "--js-runtime", "native"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    stale = [
        name
        for name in generated
        if (tmp_path / name).read_bytes() != (GRAMMAR / name).read_bytes()
    ]
    assert not stale, (
        f"{', '.join(stale)} differ from what grammar.js generates: run "
        "`tree-sitter generate --js-runtime native` in grammar/tree-sitter-smm and commit src/"
    )


def test_every_keyword_is_in_the_grammar_and_the_scanner():
    words = keywords()
    assert spec_keywords() == sorted(words), "the keyword tables of spec 2.5 and token.rs differ"
    grammar = (GRAMMAR / "grammar.js").read_text(encoding="utf-8")
    scanner = (GRAMMAR / "src" / "scanner.c").read_text(encoding="utf-8")
    in_grammar = set(re.findall(r"'([a-z][a-z-]*)'", grammar))
    in_scanner = set(re.findall(r'"([a-z][a-z-]*)"', scanner))
    missing = [w for w in words if w not in in_grammar]
    assert not missing, f"keywords missing from grammar.js: {missing}"
    missing = [w for w in words if w not in in_scanner]
    assert not missing, f"keywords missing from src/scanner.c (KEYWORDS): {missing}"
    # Reserved in the grammar: the list given to `reserved` holds them all, and nothing else.
    lists = re.findall(r"_KEYWORDS = \[(.*?)\];", grammar, re.S)
    reserved = sorted(w for body in lists for w in re.findall(r"'([a-z][a-z-]*)'", body))
    assert reserved == sorted(words), "STATEMENT_KEYWORDS + MODIFIER_KEYWORDS in grammar.js"
