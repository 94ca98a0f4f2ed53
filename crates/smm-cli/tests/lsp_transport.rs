//! `smm lsp` against clients that misbehave, over its real standard input and output: a body
//! that is not JSON, JSON that is no message, lengths that are wrong, requests it does not
//! know, and clients that leave without a word. Each time the server answers what it can,
//! carries on, and exits when its input ends.

mod common;

use std::time::Duration;

use common::Project;
use serde_json::{json, Value};

fn frame(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

fn message(value: Value) -> String {
    frame(&value.to_string())
}

fn initialize(id: i64, capabilities: Value) -> String {
    message(json!({"jsonrpc": "2.0", "id": id, "method": "initialize",
        "params": {"capabilities": capabilities}}))
}

fn initialized() -> String {
    message(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
}

fn shutdown(id: i64) -> String {
    message(json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"}))
}

fn exit() -> String {
    message(json!({"jsonrpc": "2.0", "method": "exit"}))
}

/// `a.smm`, opened in its workspace.
fn did_open(p: &Project) -> String {
    open_text(&uri_of(p, "a.smm"), "profile p {\n  role asset-owner\n}\n")
}

fn uri_of(p: &Project, relative: &str) -> String {
    format!("file://{}", p.path(relative).display())
}

fn open_text(uri: &str, text: &str) -> String {
    message(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "smm", "version": 1, "text": text}}}),
    )
}

/// A running `smm lsp`: messages go in one by one, as an editor sends them, and every
/// message the server writes is collected.
struct Session {
    child: std::process::Child,
    stdin: Option<std::process::ChildStdin>,
    replies: std::sync::mpsc::Receiver<Value>,
    seen: Vec<Value>,
}

impl Session {
    fn start(p: &Project) -> Session {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("smm"))
            .arg("lsp")
            .current_dir(&p.root)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("smm lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, replies) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = std::io::BufReader::new(stdout);
            while let Some(body) = read_frame(&mut reader) {
                if tx.send(body).is_err() {
                    return;
                }
            }
        });
        Session {
            stdin: child.stdin.take(),
            child,
            replies,
            seen: Vec::new(),
        }
    }

    fn send(&mut self, bytes: &str) -> &mut Session {
        use std::io::Write;
        let stdin = self.stdin.as_mut().expect("input open");
        stdin.write_all(bytes.as_bytes()).unwrap();
        stdin.flush().unwrap();
        self
    }

    /// Waits for the reply to the request `id`.
    fn reply(&mut self, id: Value) -> Value {
        self.wait_for(&format!("reply to {id}"), |r| {
            r["id"] == id && r.get("method").is_none()
        })
    }

    /// Waits for a message from the server that `wanted` accepts.
    fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(found) = self.seen.iter().find(|r| wanted(r)) {
                return found.clone();
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.replies.recv_timeout(left) {
                Ok(reply) => self.seen.push(reply),
                Err(_) => panic!("no {what}: {:#?}", self.seen),
            }
        }
    }

    /// `shutdown`, answered, then `exit`; the exit code (0 expected) and every message.
    fn shut_down(mut self, id: i64) -> (i32, Vec<Value>) {
        self.send(&shutdown(id));
        assert_eq!(self.reply(json!(id))["result"], Value::Null);
        self.send(&exit());
        self.end(false)
    }

    /// Closes the input (or not) and waits for the server to exit: its exit code and every
    /// message it wrote.
    fn end(mut self, close_input: bool) -> (i32, Vec<Value>) {
        if close_input {
            self.stdin = None;
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if std::time::Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit: {:#?}", self.seen);
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        self.seen.extend(self.replies.iter());
        (status.code().expect("an exit code"), self.seen)
    }
}

fn read_frame(reader: &mut impl std::io::BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server writes JSON"))
}

/// A workspace (with smm.toml) and an initialized session in it; the URI of `relative`.
fn in_workspace(relative: &str) -> (Project, String, Session) {
    let p = Project::new();
    p.file("smm.toml", "");
    let uri = uri_of(&p, relative);
    let session = initialized_session(&p, json!({}));
    (p, uri, session)
}

/// A session through `initialize`.
fn initialized_session(p: &Project, capabilities: Value) -> Session {
    let mut session = Session::start(p);
    session.send(&initialize(1, capabilities));
    assert!(session.reply(json!(1))["result"]["capabilities"].is_object());
    session.send(&initialized());
    session
}

fn error_codes(replies: &[Value]) -> Vec<i64> {
    replies
        .iter()
        .filter(|r| r.get("method").is_none())
        .filter_map(|r| r["error"]["code"].as_i64())
        .collect()
}

#[test]
fn a_body_that_is_not_json_is_answered_and_the_next_request_too() {
    let p = Project::new();
    let mut session = Session::start(&p);
    session.send(&frame("{\"jsonrpc\": \"2.0\", \"id\": 1, "));
    session.send(&initialize(2, json!({})));
    assert!(session.reply(json!(2))["result"]["capabilities"].is_object());
    let (code, replies) = session.shut_down(3);
    assert_eq!(error_codes(&replies), vec![-32700], "{replies:#?}");
    assert_eq!(code, 0);
}

#[test]
fn json_that_is_no_message_is_an_invalid_request_and_the_session_goes_on() {
    let p = Project::new();
    let mut session = initialized_session(&p, json!({}));
    session.send(&frame("{}"));
    session.send(&frame(r#"{"jsonrpc":"2.0","id":7}"#));
    assert_eq!(session.reply(json!(7))["error"]["code"], -32600);
    let (code, replies) = session.shut_down(2);
    assert_eq!(error_codes(&replies), vec![-32600, -32600], "{replies:#?}");
    assert_eq!(code, 0);
}

#[test]
fn wrong_lengths_are_answered_and_the_next_message_is_read_again() {
    let p = Project::new();
    let mut session = Session::start(&p);
    let body = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}}})
    .to_string();
    session.send("Content-Length: -4\r\n\r\n");
    session.send("Content-Length: lots\r\n\r\n");
    // Says 10 bytes of a longer body: the rest runs into the next header.
    session.send(&format!("Content-Length: 10\r\n\r\n{body}"));
    session.send(&initialize(2, json!({})));
    assert!(session.reply(json!(2))["result"]["capabilities"].is_object());
    let (code, replies) = session.shut_down(3);
    let codes = error_codes(&replies);
    assert!(
        codes.len() >= 3 && codes.iter().all(|&c| c == -32700),
        "{replies:#?}"
    );
    assert_eq!(code, 0);
}

#[test]
fn a_huge_length_is_refused_without_waiting_for_its_bytes() {
    let p = Project::new();
    let mut session = initialized_session(&p, json!({}));
    session.send("Content-Length: 999999999999\r\n\r\n{}");
    let (code, replies) = session.end(true);
    let refused = replies
        .iter()
        .find(|r| r["error"]["code"] == -32700)
        .unwrap_or_else(|| panic!("refused: {replies:#?}"));
    let why = refused["error"]["message"].as_str().unwrap();
    assert!(why.contains("over the limit of 64 MiB"), "{why}");
    assert_eq!(code, 0);
}

#[test]
fn unknown_dollar_requests_get_method_not_found() {
    let p = Project::new();
    let mut session = initialized_session(&p, json!({}));
    session.send(&message(
        json!({"jsonrpc": "2.0", "id": 5, "method": "$/unknownRequest"}),
    ));
    assert_eq!(session.reply(json!(5))["error"]["code"], -32601);
    session.send(&message(
        json!({"jsonrpc": "2.0", "method": "$/unknownNotification"}),
    ));
    let (_, replies) = session.shut_down(6);
    assert_eq!(error_codes(&replies), vec![-32601], "{replies:#?}");
}

#[test]
fn exit_without_shutdown_exits_with_code_one_and_after_shutdown_with_zero() {
    let p = Project::new();
    let mut session = initialized_session(&p, json!({}));
    session.send(&exit());
    assert_eq!(session.end(false).0, 1);

    assert_eq!(initialized_session(&p, json!({})).shut_down(2).0, 0);
}

#[test]
fn a_request_before_initialize_is_refused_and_initialize_still_works() {
    let p = Project::new();
    let mut session = Session::start(&p);
    session.send(&message(json!({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": "file:///a.smm"}, "position": {"line": 0, "character": 0}}})));
    assert_eq!(session.reply(json!(1))["error"]["code"], -32002);
    session.send(&initialize(2, json!({})));
    assert!(session.reply(json!(2))["result"].is_object());
    assert_eq!(session.end(true).0, 0);
}

/// The server exits when its input ends, also with a document open, in the middle of a
/// message, or while it waits for the client to answer its own request.
#[test]
fn the_server_exits_when_its_input_ends_whatever_is_pending() {
    let p = Project::new();
    p.file("smm.toml", "");
    let watching = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});

    let mut session = initialized_session(&p, json!({}));
    session.send(&did_open(&p));
    assert_eq!(session.end(true).0, 0, "a document open");

    let mut session = initialized_session(&p, json!({}));
    session.send("Content-Length: 100\r\n\r\n{\"jsonrpc\"");
    assert_eq!(session.end(true).0, 0, "a body cut short");

    let mut session = initialized_session(&p, json!({}));
    session.send(&did_open(&p));
    let uri = uri_of(&p, "a.smm");
    session.send(&message(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 8}}}),
    ));
    assert_eq!(
        session.end(true).0,
        0,
        "a client gone in the middle of a request"
    );

    // The server's request is there, and never answered, when the input ends.
    let mut session = initialized_session(&p, watching);
    session.wait_for("a registration", |m| {
        m["method"] == "client/registerCapability"
    });
    session.send(&did_open(&p));
    let (code, _) = session.end(true);
    assert_eq!(code, 0, "a registration never answered");
}

/// A document over the CLI's 16 MiB limit is not checked: the user is told, its findings are
/// withdrawn, and an edit that makes it small enough brings it back.
#[test]
fn a_document_over_the_size_limit_is_set_aside_until_it_is_smaller() {
    let (_p, uri, mut session) = in_workspace("big.smm");
    let line = format!("// {}\n", "x".repeat(1000));
    session.send(&open_text(&uri, &line.repeat(17 * 1024 + 100)));
    let shown = session.wait_for("message", |m| m["method"] == "window/showMessage");
    let said = shown["params"]["message"].as_str().unwrap();
    assert!(
        said.contains("big.smm: file is too large (16.8 MiB")
            && said.contains("the limit is 16 MiB"),
        "{said}"
    );
    let withdrawn = session.wait_for("diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
    });
    assert_eq!(withdrawn["params"]["diagnostics"], json!([]));

    // A keystroke that leaves it too large: still unchecked, and not said again.
    session.send(&message(
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
            "end": {"line": 0, "character": 0}}, "text": "x"}]}}),
    ));
    session.wait_for("diagnostics of version 2", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["version"] == 2
            && m["params"]["diagnostics"] == json!([])
    });

    session.send(&message(
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": 3},
        "contentChanges": [{"text": "profile p {\n  role nobody\n}\n"}]}}),
    ));
    let checked = session.wait_for("diagnostics of version 3", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri.as_str()
            && m["params"]["version"] == 3
    });
    let codes: Vec<&str> = checked["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["check::unknown-role"]);
    let (code, all) = session.shut_down(9);
    let shown = all
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .count();
    assert_eq!(shown, 1, "{all:#?}");
    assert_eq!(code, 0);
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Ten thousand changes sent as fast as the pipe takes them: the last version's diagnostics
/// arrive, a request after them is answered, and the server's memory stays flat.
#[test]
fn ten_thousand_rapid_changes_are_taken_in_order_with_flat_memory() {
    let (p, uri, mut session) = in_workspace("a.smm");
    session.send(&did_open(&p));
    let edit = |version: i32| {
        // Odd versions insert a character at the start of line 1, even ones take it away.
        let (range, text) = if version % 2 == 0 {
            (
                json!({"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}),
                "x",
            )
        } else {
            (
                json!({"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 1}}),
                "",
            )
        };
        message(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": range, "text": text}]}}),
        )
    };
    let published = |version: i32| {
        move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        }
    };
    // A first few hundred, so that what the server keeps for good is there before measuring.
    let all: String = (2..=501).map(edit).collect();
    session.send(&all);
    session.wait_for("diagnostics of version 501", published(501));
    let pid = session.child.id();
    let before = rss_kib(pid);
    let all: String = (502..=10501).map(edit).collect();
    session.send(&all);
    let last = session.wait_for("diagnostics of version 10501", published(10501));
    let after = rss_kib(pid);
    // Version 10501 is odd: the `x` is gone and the profile is as it was opened.
    assert_eq!(last["params"]["diagnostics"], json!([]), "{last}");
    let hover = message(
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 10}}}),
    );
    session.send(&hover);
    assert!(session.reply(json!(2))["result"]["contents"]["value"]
        .as_str()
        .is_some_and(|h| h.contains("asset-owner")));
    assert!(
        after < before + 16 * 1024,
        "RSS grew from {before} KiB to {after} KiB"
    );
    assert_eq!(session.shut_down(9).0, 0);
}
