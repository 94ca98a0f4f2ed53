//! A bare JSON-RPC client for `smm lsp` over the child's standard input and output: the
//! harness measures the server, so the client does nothing but frame, send and wait.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    /// Each message with the moment its header arrived, before the client parsed it: the
    /// client's own work is not the server's latency.
    incoming: Receiver<(Instant, Value)>,
    /// Messages that arrived while waiting for something else, oldest first.
    backlog: VecDeque<(Instant, Value)>,
    /// When the message `wait_for` last returned arrived.
    pub arrived: Instant,
    next_id: i64,
}

/// Long enough for a debug build on a busy machine; a timeout means the server is broken.
const PATIENCE: Duration = Duration::from_secs(60);

impl Client {
    pub fn spawn(program: &str, dir: &std::path::Path) -> Client {
        let mut child = Command::new(program)
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the smm binary starts");
        let stdin = child.stdin.take().expect("piped stdin");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            incoming,
            backlog: VecDeque::new(),
            arrived: Instant::now(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .expect("the server reads its input");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result; notifications that arrive meanwhile wait in
    /// the backlog.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let reply = self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none());
        if let Some(error) = reply.get("error") {
            panic!("{method} failed: {error}");
        }
        reply["result"].clone()
    }

    /// Forgets the messages nobody waited for.
    pub fn clear_backlog(&mut self) {
        self.backlog.clear();
    }

    /// The first message that satisfies `wanted`, from the backlog or as it arrives,
    /// answering the server's own requests (registrations, refreshes) on the way.
    pub fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(|(_, m)| wanted(m)) {
            let (arrived, message) = self.backlog.remove(index).expect("an index of the backlog");
            self.arrived = arrived;
            return message;
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (arrived, message) = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no answer from the server in time ({} other messages came)",
                    self.backlog.len()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
            };
            if wanted(&message) {
                self.arrived = arrived;
                return message;
            }
            if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
                let id = id.clone();
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
            } else {
                self.backlog.push_back((arrived, message));
            }
        }
    }

    /// The server's resident memory now and at its peak, in MB, from `/proc` (Linux).
    pub fn memory(&self) -> Option<(f64, f64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| -> Option<f64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1024.0)
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    pub fn shut_down(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    let mut arrived = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        arrived.get_or_insert_with(Instant::now);
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some((arrived?, serde_json::from_slice(&body).ok()?))
}
