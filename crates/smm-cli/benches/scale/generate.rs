//! The generated inputs: the throughput workload (a port of /work/shared/bench/gen_workload.py:
//! the same `.smm` and `.json` text, with a PRNG of our own instead of Python's) and the long
//! inputs, each at a size given by the caller.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

const PRACTICES: [&str; 18] = [
    "security-program-management",
    "compliance-management",
    "threat-modeling",
    "risk-attitude",
    "product-supply-chain",
    "third-party-dependencies",
    "identities",
    "access-control",
    "asset-configuration-management",
    "physical-protection",
    "data-protection-policy",
    "data-protection-controls",
    "vulnerability-assessment",
    "patch-management",
    "monitoring",
    "situational-awareness",
    "event-response-plan",
    "recovery-continuity",
];
const CLAUSES: [&str; 6] = [
    "iec62443-3-3:SR1.1",
    "iec62443-3-3:SR2.1",
    "iec62443-2-1:ORG1.1",
    "iso27002:5.15",
    "iso27002:8.8",
    "iso27001:6.1.2",
];
const SCOPES: [&str; 3] = ["general", "industry", "system"];

/// The throughput workload: one profile and `n` assessments of all 18 practices, as `.smm`
/// (profile and assessments kept apart, so that it can be split into files) and as JSON.
pub struct Workload {
    /// The profile, then each assessment; each ends with `}` and a blank line.
    pub items: Vec<String>,
    pub json: String,
}

impl Workload {
    /// `w.smm`: every item, one after the other.
    pub fn smm(&self) -> String {
        self.items.concat()
    }
}

#[derive(Serialize)]
struct Document {
    assessments: Vec<Assessment>,
}

#[derive(Serialize)]
struct Assessment {
    id: String,
    title: String,
    profile: &'static str,
    role: &'static str,
    date: &'static str,
    assessor: &'static str,
    practices: Vec<Practice>,
}

#[derive(Serialize)]
struct Practice {
    id: &'static str,
    level: u64,
    scope: &'static str,
    evidence: Vec<Evidence>,
    note: &'static str,
}

#[derive(Serialize)]
struct Evidence {
    text: String,
    implements: [&'static str; 2],
    expires: &'static str,
}

/// SplitMix64: deterministic, so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Two different clauses, like `random.sample(clauses, 2)`.
    fn two_clauses(&mut self) -> [&'static str; 2] {
        let first = self.below(CLAUSES.len());
        let second = (first + 1 + self.below(CLAUSES.len() - 1)) % CLAUSES.len();
        [CLAUSES[first], CLAUSES[second]]
    }
}

pub fn workload(n: usize) -> Workload {
    let mut rng = Rng(1);
    let assessments: Vec<Assessment> = (0..n)
        .map(|a| Assessment {
            id: format!("site-{a}"),
            title: format!("Site {a}, line {}", a % 7),
            profile: "factory-baseline",
            role: "asset-owner",
            date: "2026-10-01",
            assessor: "A. Assessor",
            practices: PRACTICES
                .iter()
                .map(|&p| Practice {
                    id: p,
                    level: rng.below(5) as u64,
                    scope: SCOPES[rng.below(SCOPES.len())],
                    evidence: (0..2)
                        .map(|k| Evidence {
                            text: format!("Evidence {k} for {p} at site {a}"),
                            implements: rng.two_clauses(),
                            expires: "2027-09-30",
                        })
                        .collect(),
                    note: "Reviewed during the yearly audit",
                })
                .collect(),
        })
        .collect();

    // The profile the assessments name, so that smm runs its full semantic check.
    let mut profile =
        String::from("profile factory-baseline \"Factory baseline\" {\n  role asset-owner\n");
    for (i, p) in PRACTICES.iter().enumerate() {
        writeln!(profile, "  target {p} level {} scope industry", 1 + i % 4).unwrap();
    }
    profile.push_str("}\n\n");
    let mut items = vec![profile];
    for a in &assessments {
        let mut text = format!(
            "assessment {} \"{}\" {{\n  profile {}\n  role {}\n  date {}\n  assessor \"{}\"\n",
            a.id, a.title, a.profile, a.role, a.date, a.assessor
        );
        for p in &a.practices {
            writeln!(
                text,
                "  practice {} level {} scope {} {{",
                p.id, p.level, p.scope
            )
            .unwrap();
            for e in &p.evidence {
                writeln!(
                    text,
                    "    evidence \"{}\" implements {} expires {}",
                    e.text,
                    e.implements.join(" "),
                    e.expires
                )
                .unwrap();
            }
            writeln!(text, "    note \"{}\"\n  }}", p.note).unwrap();
        }
        text.push_str("}\n\n");
        items.push(text);
    }
    // Python's `json.dump(indent=2)`: two spaces, `": "`, no final newline.
    let json = serde_json::to_string_pretty(&Document { assessments }).unwrap();
    Workload { items, json }
}

/// A temporary workspace: an empty `smm.toml` and the given files.
pub fn workspace(files: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("smm-scale ")
        .tempdir()
        .expect("a temporary folder");
    write(dir.path(), "smm.toml", "");
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

pub fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("the temporary folder is writable");
}

/// A long input: its label and how to write it at a size (the size is `full`).
pub struct LongInput {
    pub key: char,
    pub label: &'static str,
    pub full: usize,
    /// The files of the workspace at a size (besides `smm.toml`).
    pub files: fn(usize) -> Vec<(String, String)>,
    /// Formatting one small file among many: measured with `smm fmt a.smm` only.
    pub fmt_one_file: bool,
    /// Over smm's limit of 64 KiB per line: the goal is a refusal (exit 2) at both sizes, in
    /// time linear in the input.
    pub refused: bool,
}

fn one(text: String) -> Vec<(String, String)> {
    vec![("a.smm".to_string(), text)]
}

pub const LONG_INPUTS: [LongInput; 12] = [
    LongInput {
        key: 'a',
        label: "`profile p \"` lines",
        full: 20_000,
        files: |n| one("profile p \"\n".repeat(n)),
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'b',
        label: "KB of `//` comment (lines of 60 KB), then as many targets",
        full: 4_000,
        files: |n| {
            let line = format!("// {}\n", "x".repeat(59_996));
            let mut text = line.repeat(n * 1_000 / line.len());
            text.push_str("profile p \"P\" {\n");
            text.push_str(&"  target access-control level 1\n".repeat(n));
            text.push_str("}\n");
            one(text)
        },
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'c',
        label: "standards in a supersedes chain",
        full: 2_000,
        files: |n| {
            let mut text = String::new();
            for i in 0..n {
                write!(text, "standard s{i} \"S{i}\" {{\n  edition \"{i}\"\n").unwrap();
                if i > 0 {
                    writeln!(text, "  supersedes s{}", i - 1).unwrap();
                }
                write!(text, "  clause s{i}:c \"C\"\n}}\n").unwrap();
            }
            one(text)
        },
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'd',
        label: "characters in each of 2 profile names (the most a line holds)",
        full: 64_000,
        files: |n| {
            let long = "p".repeat(n);
            one((0..2)
                .map(|i| format!("profile {long}{i} \"P{i}\" {{\n}}\n"))
                .collect())
        },
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'e',
        label: "misindented targets (fmt diff)",
        full: 64_000,
        files: |n| {
            let mut text = String::from("profile p \"P\" {\n");
            text.push_str(&"    target access-control    level 1\n".repeat(n));
            text.push_str("}\n");
            one(text)
        },
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'f',
        label: "bytes on one line of targets",
        full: 10_000_000,
        files: |n| {
            let target = "target access-control level 1 ";
            let mut text = String::from("profile p \"P\" { ");
            text.push_str(&target.repeat(n / target.len()));
            text.push_str("}\n");
            one(text)
        },
        fmt_one_file: false,
        refused: true,
    },
    LongInput {
        key: 'g',
        label: "profiles in an extends chain",
        full: 10_000,
        files: |n| {
            let mut text = String::from("profile p0 \"P0\" {\n  role asset-owner\n}\n");
            for i in 1..n {
                writeln!(text, "profile p{i} \"P{i}\" {{\n  extends p{}\n}}", i - 1).unwrap();
            }
            one(text)
        },
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'h',
        label: "clauses in a parent chain",
        full: 20_000,
        files: |n| {
            let mut text = String::from("standard s \"S\" {\n  clause s:c0 \"C0\"\n");
            for i in 1..n {
                writeln!(text, "  clause s:c{i} \"C{i}\" parent s:c{}", i - 1).unwrap();
            }
            text.push_str("}\n");
            one(text)
        },
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'i',
        label: "assessments in one file",
        full: 50_000,
        files: |n| {
            let mut text = String::from(
                "profile p \"P\" {\n  role asset-owner\n  target access-control level 2\n}\n",
            );
            for i in 0..n {
                writeln!(
                    text,
                    "assessment a{i} \"A{i}\" {{\n  profile p\n  role asset-owner\n  date 2026-01-01\n  practice access-control level 1\n}}"
                )
                .unwrap();
            }
            one(text)
        },
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'j',
        label: "bytes of `#`",
        full: 10_000_000,
        files: |n| one("#".repeat(n)),
        fmt_one_file: false,
        refused: true,
    },
    LongInput {
        key: 'l',
        label: "bytes of `#` in lines of 64 KiB",
        full: 10_000_000,
        files: |n| one(format!("{}\n", "#".repeat(65_535)).repeat(n / 65_536)),
        fmt_one_file: false,
        refused: false,
    },
    LongInput {
        key: 'k',
        label: "other profiles (37 B each, 100 files) beside a.smm",
        full: 300_000,
        files: |n| {
            let mut files = one("profile p \"P\" {\n  role asset-owner\n}\n".to_string());
            let per_file = n / 100;
            for f in 0..100 {
                let text = "profile q \"Q\" {\n  role asset-owner\n}\n".repeat(per_file);
                files.push((format!("other-{f:02}.smm"), text));
            }
            files
        },
        fmt_one_file: true,
        refused: false,
    },
];
