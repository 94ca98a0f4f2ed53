//! How smm scales: throughput from 1k to 100k lines, a workspace of 1,000 files, startup, and
//! inputs far longer than anyone writes by hand. A report, not a test: it prints Markdown
//! tables, each row with its goal and ✓ or ✗, and exits 0 unless the harness itself fails.
//!
//! ```sh
//! cargo bench -p smm-cli --bench scale                 # every table (several minutes)
//! cargo bench -p smm-cli --bench scale -- long startup # only some: throughput files startup long
//! ```
//!
//! Processes are the bench profile's `smm` (release), run in a temporary workspace (an empty
//! `smm.toml` and the generated files; nothing is checked in) with their output thrown away and
//! their exit code ignored (1 means findings; 2, an input smm refused, is shown and counts as
//! a missed goal, except for the inputs whose goal is that refusal). Times are the least of several runs (in process, each run is the least of
//! calls repeated for 100 ms); peak RSS is the child's own (`wait4`'s `ru_maxrss`, spawned from
//! a small runner process so that the harness's memory does not count), the most of those
//! runs. MB are 10^6 bytes. The machine's load shows in the times: compare ratios and growth
//! factors rather than absolute figures, and rerun a row that looks off.
//!
//! 1. **Throughput** at about 1k, 10k and 100k lines of the workload of
//!    /work/shared/bench/gen_workload.py (one profile, N assessments × 18 practices × 2
//!    evidence lines, N = 10, 103, 1030): `smm_syntax::parse` and `smm_syntax::format` in
//!    process, `smm check --format json`, `smm check` and `smm fmt --check` as processes, and
//!    serde_json reading the same content as JSON into a `Value`, in process and as a process
//!    that reads the file, parses it and exits (what /work/shared/bench/json-anchor does: this
//!    bench binary run with `--json-anchor FILE`).
//!    Each cell is time · MB/s of its own input; the growth of each time between sizes is about
//!    10 when linear, and over 11 flags a super-linear path. A second table gives
//!    `smm check --format json` / the json-anchor process at each size (goal ≤ 3× at 100k
//!    lines), the comparison the bench README prescribes: process against process, alternating
//!    run by run so that they are measured side by side.
//! 2. **1,000 files**: the N = 1000 workload split into one file per assessment plus the
//!    profile's (≈96,000 lines): wall time and peak RSS of `smm check --format json` and
//!    `smm check`.
//! 3. **Startup**: `smm check` in a workspace of nothing but `smm.toml`, median of 20 runs.
//! 4. **Long inputs** (a)–(l), each at s = a quarter of its size and at its size (4s): the
//!    growth of wall time and peak RSS of `smm check --format json`, `smm check` and
//!    `smm fmt --check` (linear is ≤ ~4.4); for (k), `smm fmt a.smm` of one small file beside
//!    a workspace that grows, whose cost must not grow (≤ 1.5). (f) and (j) are single lines
//!    over smm's limit of 64 KiB per line: their goal is to be refused (exit 2). A run past the timeout is
//!    killed and shows as `> 60 s`; the bigger size is then not run.
//!
//! Environment: `SMM_BENCH_ROUNDS` runs per measure (default 5; a measure stops repeating once
//! its runs took 30 s), `SMM_BENCH_TIMEOUT` seconds per run (default 60), `SMM_BENCH_QUICK=1`
//! for a quick look while developing: throughput up to 10k lines only, no 1,000-file table,
//! long inputs at a sixteenth and a quarter of their size.

mod generate;
mod run;

use std::cell::RefCell;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generate::LongInput;
use run::{Best, Outcome};

struct Config {
    smm: PathBuf,
    /// This bench binary, which `--json-anchor` turns into the json-anchor.
    anchor: PathBuf,
    runner: RefCell<run::Runner>,
    rounds: usize,
    timeout: Duration,
    /// A measure stops repeating once its runs took this long.
    budget: Duration,
    quick: bool,
}

impl Config {
    fn run(&self, dir: &Path, args: &[&str]) -> run::Run {
        self.run_program(&self.smm, dir, args)
    }

    fn run_program(&self, program: &Path, dir: &Path, args: &[&str]) -> run::Run {
        let mut runner = self.runner.borrow_mut();
        runner.run(program, dir, args, self.timeout)
    }

    /// Runs `args` in `dir` until `best` has enough runs.
    fn measure(&self, best: &mut Best, dir: &Path, args: &[&str]) {
        while best.wants_more(self.rounds, self.budget) {
            best.add(self.run(dir, args));
        }
    }

    /// The time, with the exit code when it is an error.
    fn cell(&self, best: &Best) -> String {
        let time = best.time(self.timeout).map_or_else(|e| e, duration);
        match best.error_exit() {
            Some(code) => format!("{time} (exit {code})"),
            None => time,
        }
    }
}

const SECTIONS: [&str; 4] = ["throughput", "files", "startup", "long"];

fn main() {
    // First: the runner spawns the anchor, which inherits the runner's environment.
    if std::env::args().nth(1).as_deref() == Some("--json-anchor") {
        json_anchor(std::env::args().skip(2));
        return;
    }
    if run::serve_if_runner() {
        return;
    }
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let config = Config {
        smm: PathBuf::from(env!("CARGO_BIN_EXE_smm")),
        anchor: std::env::current_exe().expect("the bench binary"),
        // First, while this process is small: see run.rs.
        runner: RefCell::new(run::Runner::start()),
        rounds: env("SMM_BENCH_ROUNDS").unwrap_or(5).max(1) as usize,
        timeout: Duration::from_secs(env("SMM_BENCH_TIMEOUT").unwrap_or(60)),
        budget: Duration::from_secs(30),
        quick: env("SMM_BENCH_QUICK").is_some_and(|q| q != 0),
    };
    // `cargo bench` passes `--bench`; other arguments name the tables to print.
    let mut wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if let Some(unknown) = wanted.iter().find(|w| !SECTIONS.contains(&w.as_str())) {
        eprintln!("unknown table `{unknown}`: expected some of {SECTIONS:?}");
        std::process::exit(2);
    }
    if wanted.is_empty() {
        wanted = SECTIONS.iter().map(|s| s.to_string()).collect();
    }
    println!(
        "# smm scale report\n\n`{}`: {} rounds per measure, {} s timeout per run{}.\n",
        config.smm.display(),
        config.rounds,
        config.timeout.as_secs(),
        if config.quick { ", quick" } else { "" }
    );
    let wants = |s: &str| wanted.iter().any(|w| w == s);
    if wants("throughput") {
        throughput(&config);
    }
    if wants("files") && !config.quick {
        thousand_files(&config);
    }
    if wants("startup") {
        startup(&config);
    }
    if wants("long") {
        long_inputs(&config);
    }
}

const STEPS: [&str; 7] = [
    "parse (in process)",
    "format (in process)",
    "`smm check --format json`",
    "`smm check`",
    "`smm fmt --check`",
    "serde_json `w.json` → `Value` (in process)",
    "json-anchor `w.json` (process)",
];
const SERDE: usize = 5;
const ANCHOR: usize = 6;

struct Size {
    lines: usize,
    smm_bytes: usize,
    json_bytes: usize,
    best: [Best; 7],
}

fn throughput(config: &Config) {
    let assessments: &[usize] = if config.quick {
        &[10, 103]
    } else {
        &[10, 103, 1030]
    };
    let mut sizes = Vec::new();
    for &n in assessments {
        let workload = generate::workload(n);
        let smm = workload.smm();
        let json = workload.json;
        eprintln!("throughput: {} lines…", smm.lines().count());
        let dir = generate::workspace(&[
            ("w.smm".to_string(), smm.clone()),
            ("w.json".to_string(), json.clone()),
        ]);
        let mut best = [Best::default(); 7];
        // Round by round, every measure once, each after a run of serde_json in process and
        // of the json-anchor process.
        for _ in 0..config.rounds {
            for step in 0..SERDE {
                if !best[step].wants_more(config.rounds, config.budget) {
                    continue;
                }
                best[SERDE].add_time(timed(|| {
                    serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON")
                }));
                let root = dir.path();
                best[ANCHOR].add(config.run_program(
                    &config.anchor,
                    root,
                    &["--json-anchor", "w.json"],
                ));
                match step {
                    0 => best[0].add_time(timed(|| smm_syntax::parse(&smm))),
                    1 => best[1].add_time(timed(|| smm_syntax::format(&smm))),
                    2 => best[2].add(config.run(root, &["check", "--format", "json"])),
                    3 => best[3].add(config.run(root, &["check"])),
                    _ => best[4].add(config.run(root, &["fmt", "--check"])),
                }
            }
        }
        sizes.push(Size {
            lines: smm.lines().count(),
            smm_bytes: smm.len(),
            json_bytes: json.len(),
            best,
        });
    }

    println!("## 1. Throughput\n");
    println!(
        "The workload of gen_workload.py; each cell is the least time of the runs and MB/s of \
         its input (`w.smm`, or `w.json` for serde_json). Growth is the ratio of the times of \
         consecutive sizes (≈10 is linear).\n"
    );
    let mut header = String::from("| measure |");
    let mut rule = String::from("|---|");
    for size in &sizes {
        header += &format!(
            " {} lines ({:.2} MB; JSON {:.2} MB) |",
            thousands(size.lines),
            mb(size.smm_bytes),
            mb(size.json_bytes)
        );
        rule += "---:|";
    }
    for pair in sizes.windows(2) {
        header += &format!(
            " growth {}→{} |",
            short(pair[0].lines),
            short(pair[1].lines)
        );
        rule += "---:|";
    }
    println!("{header} goal | |\n{rule}---|:-:|");
    for (step, name) in STEPS.iter().enumerate() {
        let mut row = format!("| {name} |");
        let mut met = true;
        for size in &sizes {
            let bytes = if step >= SERDE {
                size.json_bytes
            } else {
                size.smm_bytes
            };
            let best = &size.best[step];
            met &= best.normal();
            row += &match best.time(config.timeout) {
                Ok(t) => format!(
                    " {} · {:.1} MB/s |",
                    config.cell(best),
                    mb(bytes) / t.as_secs_f64()
                ),
                Err(e) => format!(" {e} |"),
            };
        }
        for pair in sizes.windows(2) {
            let (before, after) = (&pair[0].best[step], &pair[1].best[step]);
            row += &match (before.time(config.timeout), after.time(config.timeout)) {
                (Ok(a), Ok(b)) => {
                    let growth = b.as_secs_f64() / a.as_secs_f64();
                    met &= growth <= 11.0;
                    format!(" {growth:.1} |")
                }
                _ => " — |".to_string(),
            };
        }
        println!("{row} growth ≤ 11 | {} |", tick(met));
    }

    println!(
        "\n`smm check --format json` against the json-anchor process on the same content, side \
         by side:\n"
    );
    println!("| size | `smm check --format json` | json-anchor (process) | ratio | goal | |\n|---|---:|---:|---:|---|:-:|");
    for (i, size) in sizes.iter().enumerate() {
        let at_100k = i == 2;
        let (check, serde) = (
            size.best[2].time(config.timeout),
            size.best[ANCHOR].time(config.timeout),
        );
        let (ratio, met) = match (&check, &serde) {
            (Ok(c), Ok(s)) => {
                let ratio = c.as_secs_f64() / s.as_secs_f64();
                (
                    format!("{ratio:.1}×"),
                    ratio <= 3.0 && size.best[2].normal(),
                )
            }
            _ => ("—".to_string(), false),
        };
        let (goal, verdict) = if at_100k {
            ("≤ 3×", tick(met))
        } else {
            ("— (≤ 3× at 100k)", "—")
        };
        println!(
            "| {} lines | {} | {} | {ratio} | {goal} | {verdict} |",
            thousands(size.lines),
            config.cell(&size.best[2]),
            config.cell(&size.best[ANCHOR]),
        );
    }
    println!();
}

fn thousand_files(config: &Config) {
    let workload = generate::workload(1000);
    let mut files = Vec::new();
    let mut lines = 0;
    for (i, item) in workload.items.into_iter().enumerate() {
        let name = match i {
            0 => "factory-baseline.smm".to_string(),
            _ => format!("site-{}.smm", i - 1),
        };
        // Each file ends with its closing brace, without the blank line between items.
        let text = item.strip_suffix('\n').unwrap_or(&item).to_string();
        lines += text.lines().count();
        files.push((name, text));
    }
    eprintln!("1,000 files: {} files, {lines} lines…", files.len());
    let count = files.len();
    let dir = generate::workspace(&files);
    drop(files);
    let (mut json, mut human) = (Best::default(), Best::default());
    while json.wants_more(config.rounds, config.budget)
        || human.wants_more(config.rounds, config.budget)
    {
        if json.wants_more(config.rounds, config.budget) {
            json.add(config.run(dir.path(), &["check", "--format", "json"]));
        }
        if human.wants_more(config.rounds, config.budget) {
            human.add(config.run(dir.path(), &["check"]));
        }
    }
    println!("## 2. A workspace of 1,000 files\n");
    println!(
        "{} files, {} lines (the N = 1000 workload, one file per assessment plus the profile).\n",
        thousands(count),
        thousands(lines)
    );
    println!("| command | wall time | peak RSS | goal | |\n|---|---:|---:|---|:-:|");
    let rows = [
        ("`smm check --format json`", &json, 1.0, Some(100.0)),
        ("`smm check`", &human, 1.5, None),
    ];
    for (name, best, seconds, megabytes) in rows {
        let rss = kb_to_mb(best.max_rss_kb);
        let met = best.normal()
            && best
                .time(config.timeout)
                .is_ok_and(|t| t.as_secs_f64() <= seconds)
            && megabytes.is_none_or(|m| rss <= m);
        let goal = match megabytes {
            Some(m) => format!("≤ {seconds} s, ≤ {m} MB"),
            None => format!("≤ {seconds} s"),
        };
        println!(
            "| {name} | {} | {rss:.1} MB | {goal} | {} |",
            config.cell(best),
            tick(met)
        );
    }
    println!();
}

fn startup(config: &Config) {
    let dir = generate::workspace(&[]);
    eprintln!("startup…");
    config.run(dir.path(), &["check"]);
    let runs: Vec<run::Run> = (0..20)
        .map(|_| config.run(dir.path(), &["check"]))
        .collect();
    let mut times: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    times.sort();
    let median = (times[9] + times[10]) / 2;
    let rss = runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0);
    let failed = runs
        .iter()
        .any(|r| !matches!(r.outcome, Outcome::Exited(0 | 1)));
    println!("## 3. Startup\n");
    println!("`smm check` in a workspace holding only an empty `smm.toml`, 20 runs.\n");
    println!(
        "| command | median | min | max | peak RSS | goal | |\n|---|---:|---:|---:|---:|---|:-:|"
    );
    println!(
        "| `smm check` | {} | {} | {} | {:.1} MB | median ≤ 10 ms | {} |\n",
        duration(median),
        duration(times[0]),
        duration(times[19]),
        kb_to_mb(rss),
        tick(!failed && median <= Duration::from_millis(10))
    );
}

fn long_inputs(config: &Config) {
    let divisors = if config.quick { [16, 4] } else { [4, 1] };
    let mut rows = Vec::new();
    for input in &generate::LONG_INPUTS {
        let commands: &[&[&str]] = if input.fmt_one_file {
            &[&["fmt", "a.smm"], &["fmt", "--check", "a.smm"]]
        } else {
            &[
                &["check", "--format", "json"],
                &["check"],
                &["fmt", "--check"],
            ]
        };
        let sizes = divisors.map(|d| input.full / d);
        let mut results = vec![[Best::default(); 2]; commands.len()];
        for (s, &n) in sizes.iter().enumerate() {
            eprintln!("long input ({}) at {n}…", input.key);
            let dir = generate::workspace(&(input.files)(n));
            for (c, args) in commands.iter().enumerate() {
                // Past the timeout at the smaller size, the bigger one is not tried.
                if s == 1 && results[c][0].time(config.timeout).is_err() {
                    continue;
                }
                config.measure(&mut results[c][s], dir.path(), args);
            }
        }
        let label = format!(
            "({}) {} / {} {}",
            input.key,
            thousands(sizes[0]),
            thousands(sizes[1]),
            input.label
        );
        for (args, result) in commands.iter().zip(results) {
            rows.push(long_row(config, &label, args, &result, input));
        }
    }
    println!("## 4. Long inputs\n");
    println!(
        "Each input at s and 4s (the second number is the issue's size{}); growth is 4s over s, \
         of the least wall time and of the peak RSS. Linear is ≤ 4.4; formatting one file (k) \
         must not grow with the workspace around it. Exit 2 means smm refused the input (an \
         input error): that is the goal for (f) and (j), whose lines are over smm's limit of \
         64 KiB per line, and a miss for every other input.\n",
        if config.quick {
            ", here a quarter of it"
        } else {
            ""
        }
    );
    println!(
        "| input | command | time s | time 4s | growth | RSS s | RSS 4s | growth | exit | goal | |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---|---|:-:|");
    for row in rows {
        println!("{row}");
    }
    println!();
}

fn long_row(
    config: &Config,
    label: &str,
    args: &[&str],
    result: &[Best; 2],
    input: &LongInput,
) -> String {
    let limit = if input.fmt_one_file { 1.5 } else { 4.4 };
    let mut met = if input.refused {
        result.iter().all(|b| b.outcome == Some(Outcome::Exited(2)))
    } else {
        result.iter().all(Best::normal)
    };
    let times = result.map(|b| b.time(config.timeout));
    let time_growth = match (&times[0], &times[1]) {
        (Ok(a), Ok(b)) => {
            let growth = b.as_secs_f64() / a.as_secs_f64();
            met &= growth <= limit;
            format!("{growth:.1}")
        }
        (Ok(a), Err(_)) if result[1].outcome == Some(Outcome::TimedOut) => {
            met = false;
            format!("> {:.0}", config.timeout.as_secs_f64() / a.as_secs_f64())
        }
        _ => {
            met = false;
            "—".to_string()
        }
    };
    let rss = result.map(|b| b.max_rss_kb);
    let rss_growth = if rss[0] > 0 && rss[1] > 0 && result[1].time(config.timeout).is_ok() {
        let growth = rss[1] as f64 / rss[0] as f64;
        met &= growth <= limit;
        format!("{growth:.1}")
    } else {
        "—".to_string()
    };
    let rss_cell = |b: &Best| {
        if b.runs == 0 || b.outcome == Some(Outcome::TimedOut) {
            "—".to_string()
        } else {
            format!("{:.1} MB", kb_to_mb(b.max_rss_kb))
        }
    };
    let exit = result
        .iter()
        .map(|b| match b.outcome {
            Some(Outcome::Exited(code)) => code.to_string(),
            Some(Outcome::Signalled(signal)) => format!("signal {signal}"),
            Some(Outcome::TimedOut) => "killed".to_string(),
            None => "—".to_string(),
        })
        .collect::<Vec<_>>()
        .join(" / ");
    format!(
        "| {label} | `smm {}` | {} | {} | {time_growth} | {} | {} | {rss_growth} | {exit} | ≤ {limit} | {} |",
        args.join(" "),
        times[0].clone().map_or_else(|e| e, duration),
        times[1].clone().map_or_else(|e| e, duration),
        rss_cell(&result[0]),
        rss_cell(&result[1]),
        tick(met)
    )
}

/// The least wall time of `f` (its result dropped after the clock stops), over calls repeated
/// for at least 100 ms: small inputs take microseconds, and one call would be mostly noise.
fn timed<T>(f: impl Fn() -> T) -> Duration {
    let (mut least, mut spent) = (Duration::MAX, Duration::ZERO);
    while spent < Duration::from_millis(100) {
        let started = Instant::now();
        let result = black_box(f());
        let elapsed = started.elapsed();
        drop(result);
        least = least.min(elapsed);
        spent += elapsed;
    }
    least
}

fn duration(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 0.001 {
        format!("{:.0} µs", s * 1e6)
    } else if s < 0.01 {
        format!("{:.2} ms", s * 1e3)
    } else if s < 1.0 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{s:.2} s")
    }
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn kb_to_mb(kb: u64) -> f64 {
    kb as f64 * 1024.0 / 1e6
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 992 → "1k", 99,932 → "100k".
fn short(lines: usize) -> String {
    format!("{}k", (lines as f64 / 1000.0).round())
}

fn tick(met: bool) -> &'static str {
    if met {
        "✓"
    } else {
        "✗"
    }
}

/// The json-anchor of /work/shared/bench: reads each file and parses it into a serde_json
/// `Value`, as a checker of JSON would before validating it, and prints the number of
/// top-level keys so that the work cannot be skipped.
fn json_anchor(paths: impl Iterator<Item = String>) {
    let mut keys = 0;
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a readable file");
        let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        keys += value.as_object().map_or(0, |o| o.len());
    }
    println!("{keys}");
}
