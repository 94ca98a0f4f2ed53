//! The language server's latency, measured the way an editor feels it: `smm lsp` (the bench
//! profile's build) over stdio on a generated workspace of about 10,000 lines.
//!
//! `cargo bench -p smm-cli --bench lsp_latency` prints p50, p95 and p99 per measure, for that
//! workspace and again for one file of over 10,000 lines edited by incremental changes, and
//! exits non-zero when a p95 misses its goal. `SMM_BENCH_ROUNDS` sets the samples per measure;
//! `-- many` or `-- big` runs one of the two workloads.

mod client;
mod generate;

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use client::Client;

struct Measure {
    name: &'static str,
    /// The p95 goal; `None` for figures that are reported but have no goal.
    goal: Option<Duration>,
    samples: Vec<Duration>,
}

fn main() {
    let rounds: usize = std::env::var("SMM_BENCH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    // `cargo bench` passes `--bench`; `many` or `big` after `--` runs that workload only.
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let mut missed = false;
    if wanted("many") {
        missed |= many_files(rounds);
    }
    if wanted("big") {
        missed |= one_big_file(rounds);
    }
    if missed {
        eprintln!("a p95 goal was missed");
        std::process::exit(1);
    }
}

/// `smm lsp` in `root`, initialized as an editor would.
fn start(root: &std::path::Path) -> Client {
    let mut client = Client::spawn(env!("CARGO_BIN_EXE_smm"), root);
    let root_uri = uri(root);
    client.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root_uri,
            "workspaceFolders": [{"uri": root_uri, "name": "bench"}],
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {"publishDiagnostics": {"versionSupport": true}}
            }
        }),
    );
    client.notify("initialized", json!({}));
    client
}

/// The workspace of many files; whether a goal was missed.
fn many_files(rounds: usize) -> bool {
    let workspace = generate::workspace();
    let root = workspace.dir.path();
    println!(
        "workspace: {} files, {} lines, in {}",
        workspace.files,
        workspace.lines,
        root.display()
    );

    let started = Instant::now();
    let mut client = start(root);

    let assessment_uri = uri(&workspace.assessment);
    let mut assessment = generate::read(&workspace.assessment);
    open(&mut client, &assessment_uri, &assessment);
    wait_for_diagnostics(&mut client, &assessment_uri, 1);
    let startup = started.elapsed();

    let profile_uri = uri(&workspace.base_profile);
    let mut profile = generate::read(&workspace.base_profile);
    open(&mut client, &profile_uri, &profile);
    wait_for_diagnostics(&mut client, &profile_uri, 1);

    let mut change_assessment = Measure::new("didChange (assessment) → its diagnostics", Some(20));
    let mut change_profile = Measure::new("didChange (profile) → open dependent's", Some(20));
    let mut change_all = Measure::new("didChange → last closed dependent's", None);
    let last_uri = uri(&workspace.last_affected);
    let mut hover = Measure::new("hover on a practice (server idle)", Some(2));
    let mut hover_busy = Measure::new("hover while closed dependents are checked", None);
    let mut completion = Measure::new("completion of clause ids", Some(5));
    let mut change_name = Measure::new("didChange (a name) → its diagnostics (all checked)", None);
    let mut hover_full = Measure::new("hover while everything is checked again", Some(2));

    // Alternate two texts so every change is a real one with different findings.
    let (practice_line, _) = generate::position(&assessment, "  practice ", 0, true);
    let (target_line, _) = generate::position(&profile, "  target ", 1, true);
    let mut version = 1;
    for round in 0..rounds {
        version += 1;
        assessment = toggle_level(&assessment, practice_line);
        let time = Instant::now();
        change(&mut client, &assessment_uri, version, &assessment);
        wait_for_diagnostics(&mut client, &assessment_uri, version);
        change_assessment.samples.push(client.arrived - time);

        profile = toggle_level(&profile, target_line);
        client.clear_backlog();
        let time = Instant::now();
        change(&mut client, &profile_uri, version, &profile);
        // Every assessment builds on this profile; the open one's findings change, and so do
        // those of a quarter of the others. The level on those assessments is 2, so they are
        // below target exactly when the target is now 3. Diagnostics are recognised by that
        // content: a file's report may be deferred, or sent late, so arrival alone says little.
        let unmet = profile
            .lines()
            .nth(target_line)
            .unwrap()
            .contains(" level 3");
        let below = format!("`{}` is below its target", workspace.edited_practice);
        let expected = |m: &Value| {
            let messages = m["params"]["diagnostics"].to_string();
            messages.contains(&below) == unmet
        };
        wait_for_content(&mut client, &assessment_uri, &expected);
        change_profile.samples.push(client.arrived - time);
        // The user hovers while the closed files are still being checked.
        let practice = generate::position(&assessment, "  practice ", 0, false);
        let asked = Instant::now();
        let answer = client.request("textDocument/hover", at(&assessment_uri, practice));
        hover_busy.samples.push(client.arrived - asked);
        assert!(answer["contents"]["value"].as_str().is_some(), "a hover");
        wait_for_content(&mut client, &last_uri, &expected);
        change_all.samples.push(client.arrived - time);

        // The last files of the deferred check may still be under way: a hover when the
        // server is idle comes a moment later.
        std::thread::sleep(Duration::from_millis(20));
        let time = Instant::now();
        let answer = client.request("textDocument/hover", at(&assessment_uri, practice));
        hover.samples.push(client.arrived - time);
        assert!(answer["contents"]["value"].as_str().is_some(), "a hover");

        let (line, column) = generate::position(&assessment, "implements ", 0, false);
        // The cursor after the standard's colon asks for its clauses.
        let colon = assessment.lines().nth(line).unwrap()[column..]
            .find(':')
            .unwrap();
        let time = Instant::now();
        let answer = client.request(
            "textDocument/completion",
            at(&assessment_uri, (line, column + colon + 1)),
        );
        completion.samples.push(client.arrived - time);
        let items = answer.as_array().map_or(0, Vec::len);
        assert!(items > 0, "completions in round {round}");

        // A new name for the assessment: every file is checked again (a name that others
        // may refer to changed), and the user hovers meanwhile.
        version += 1;
        assessment = toggle_name(&assessment);
        client.clear_backlog();
        let time = Instant::now();
        change(&mut client, &assessment_uri, version, &assessment);
        let asked = Instant::now();
        let answer = client.request("textDocument/hover", at(&assessment_uri, practice));
        hover_full.samples.push(client.arrived - asked);
        assert!(answer["contents"]["value"].as_str().is_some(), "a hover");
        wait_for_diagnostics(&mut client, &assessment_uri, version);
        change_name.samples.push(client.arrived - time);
        // The closed files' unchanged reports may still be on their way.
        std::thread::sleep(Duration::from_millis(20));
        client.clear_backlog();
    }
    if let Some((now, peak)) = client.memory() {
        println!("server memory: {now:.0} MB resident at the end, {peak:.0} MB at the peak");
    }
    client.shut_down();

    println!("startup (initialize → first diagnostics): {startup:.1?}");
    report(&[
        &change_assessment,
        &change_profile,
        &change_all,
        &hover_busy,
        &hover,
        &completion,
        &change_name,
        &hover_full,
    ])
}

/// Every assessment in one file of over 10,000 lines, edited as an editor sends keystrokes:
/// one incremental change of one character. Whether a goal was missed.
fn one_big_file(rounds: usize) -> bool {
    let workspace = generate::one_file();
    let root = workspace.dir.path();
    let mut text = generate::read(&workspace.assessment);
    println!(
        "\none file: {} lines ({} KB), beside {} profile files, in {}",
        text.lines().count(),
        text.len() / 1000,
        workspace.files - 1,
        root.display()
    );
    let started = Instant::now();
    let mut client = start(root);
    let file = uri(&workspace.assessment);
    open(&mut client, &file, &text);
    wait_for_diagnostics(&mut client, &file, 1);
    println!(
        "startup (initialize → first diagnostics): {:.1?}",
        started.elapsed()
    );

    let mut change_file = Measure::new("didChange (one character) → its diagnostics", Some(20));
    let mut hover = Measure::new("hover on a practice (server idle)", Some(2));
    let mut hover_busy = Measure::new("hover right after a change", None);
    let mut completion = Measure::new("completion of clause ids", Some(5));
    let (line, _) = generate::position(&text, "  practice ", 0, true);
    let practice = generate::position(&text, "  practice ", 0, false);
    let mut version = 1;
    for round in 0..rounds {
        // A keystroke, then the hover asked before its diagnostics are back.
        version += 1;
        text = edit_level(&mut client, &file, version, &text, line);
        let asked = Instant::now();
        let answer = client.request("textDocument/hover", at(&file, practice));
        hover_busy.samples.push(client.arrived - asked);
        assert!(answer["contents"]["value"].as_str().is_some(), "a hover");
        wait_for_diagnostics(&mut client, &file, version);

        // A keystroke alone.
        version += 1;
        let time = Instant::now();
        text = edit_level(&mut client, &file, version, &text, line);
        wait_for_diagnostics(&mut client, &file, version);
        change_file.samples.push(client.arrived - time);

        let time = Instant::now();
        let answer = client.request("textDocument/hover", at(&file, practice));
        hover.samples.push(client.arrived - time);
        assert!(answer["contents"]["value"].as_str().is_some(), "a hover");

        let (line, column) = generate::position(&text, "implements ", round % 50, false);
        let colon = text.lines().nth(line).unwrap()[column..].find(':').unwrap();
        let time = Instant::now();
        let answer = client.request(
            "textDocument/completion",
            at(&file, (line, column + colon + 1)),
        );
        completion.samples.push(client.arrived - time);
        assert!(
            answer.as_array().is_some_and(|a| !a.is_empty()),
            "completions in round {round}"
        );
    }
    if let Some((now, peak)) = client.memory() {
        println!("server memory: {now:.0} MB resident at the end, {peak:.0} MB at the peak");
    }
    client.shut_down();
    report(&[&change_file, &hover_busy, &hover, &completion])
}

/// Sends the change of the level digit on `line` (2 to 3 or back) as one incremental edit
/// and returns the new text.
fn edit_level(client: &mut Client, uri: &str, version: i32, text: &str, line: usize) -> String {
    let new = toggle_level(text, line);
    let old_line = text.lines().nth(line).unwrap();
    let digit = old_line.find(" level ").unwrap() + " level ".len();
    let replacement = &new.lines().nth(line).unwrap()[digit..digit + 1];
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{
                "range": {"start": {"line": line, "character": digit},
                          "end": {"line": line, "character": digit + 1}},
                "text": replacement
            }]
        }),
    );
    new
}

/// Prints the table; whether a goal was missed.
fn report(measures: &[&Measure]) -> bool {
    println!(
        "{:<46} {:>9} {:>9} {:>9} {:>9} {:>7}",
        "measure", "p50", "p95", "p99", "goal", ""
    );
    let mut missed = false;
    for measure in measures {
        missed |= !measure.report();
    }
    missed
}

impl Measure {
    fn new(name: &'static str, goal_ms: Option<u64>) -> Measure {
        Measure {
            name,
            goal: goal_ms.map(Duration::from_millis),
            samples: Vec::new(),
        }
    }

    /// Prints the line; false when the goal is missed.
    fn report(&self) -> bool {
        let mut sorted = self.samples.clone();
        sorted.sort();
        let pick = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
        let (p50, p95, p99) = (pick(0.50), pick(0.95), pick(0.99));
        let met = self.goal.is_none_or(|goal| p95 <= goal);
        let goal = self.goal.map_or("—".to_string(), |g| format!("{:.1?}", g));
        let verdict = match (self.goal, met) {
            (None, _) => "",
            (Some(_), true) => "met",
            (Some(_), false) => "MISSED",
        };
        println!(
            "{:<46} {:>9} {:>9} {:>9} {:>9} {:>7}",
            self.name,
            format!("{p50:.2?}"),
            format!("{p95:.2?}"),
            format!("{p99:.2?}"),
            goal,
            verdict
        );
        met
    }
}

/// Changes the level on `line` to 3 when it is 2, else to 2.
fn toggle_level(text: &str, line: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let edited = &mut lines[line];
    let digit = edited.find(" level ").expect("a level on the line") + " level ".len();
    let new = if &edited[digit..digit + 1] == "2" {
        "3"
    } else {
        "2"
    };
    edited.replace_range(digit..digit + 1, new);
    lines.join("\n") + "\n"
}

/// Adds `-renamed` to the name on the first line, or takes it away.
fn toggle_name(text: &str) -> String {
    let (first, rest) = text.split_once('\n').expect("more than one line");
    let mut words: Vec<String> = first.split(' ').map(str::to_string).collect();
    let name = &mut words[1];
    match name.strip_suffix("-renamed") {
        Some(bare) => *name = bare.to_string(),
        None => name.push_str("-renamed"),
    }
    format!("{}\n{rest}", words.join(" "))
}

fn uri(path: &std::path::Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_str().expect("a UTF-8 path").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn at(uri: &str, (line, character): (usize, usize)) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn open(client: &mut Client, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "smm", "version": 1, "text": text}}),
    );
}

fn change(client: &mut Client, uri: &str, version: i32, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": text}]
        }),
    );
}

/// Waits for diagnostics of `uri` that `expected` accepts.
fn wait_for_content(client: &mut Client, uri: &str, expected: &dyn Fn(&Value) -> bool) -> Value {
    client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && expected(m)
    })
}

/// Waits for the diagnostics of `version` of the open document `uri`.
fn wait_for_diagnostics(client: &mut Client, uri: &str, version: i32) -> Value {
    client.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == version
    })
}
