//! Runs `smm` as a child process and measures it: wall time from spawn to exit, and peak RSS
//! from `wait4`'s `rusage` (in KB). A watchdog kills a child that runs past the timeout, so a
//! super-linear path shows as a timeout instead of hanging the report.
//!
//! The children are spawned by a small runner process (this bench binary again, started
//! before anything big is allocated), not by the harness: on Linux a child's `ru_maxrss`
//! includes the peak RSS of the process it was spawned from (`exec` records the high-water
//! mark of the memory it replaces, which after a `vfork` is the parent's), and the harness
//! holds large workloads.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Set in the runner's environment.
const RUNNER: &str = "SMM_SCALE_RUNNER";

/// The runner process, which spawns and measures each child for the harness.
pub struct Runner {
    process: Child,
    /// `None` once closed, which ends the runner.
    requests: Option<ChildStdin>,
    answers: BufReader<ChildStdout>,
}

impl Runner {
    pub fn start() -> Runner {
        let mut process = Command::new(std::env::current_exe().expect("the bench binary"))
            .env(RUNNER, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the runner starts");
        Runner {
            requests: process.stdin.take(),
            answers: BufReader::new(process.stdout.take().expect("piped stdout")),
            process,
        }
    }

    /// Runs `program args` in `dir` (see [`run`]) through the runner.
    pub fn run(&mut self, program: &Path, dir: &Path, args: &[&str], timeout: Duration) -> Run {
        let request = json!({
            "program": program, "dir": dir, "args": args, "timeout_ms": timeout.as_millis() as u64
        });
        let requests = self.requests.as_mut().expect("the runner is open");
        writeln!(requests, "{request}").expect("the runner reads");
        let mut line = String::new();
        self.answers
            .read_line(&mut line)
            .expect("the runner answers");
        let answer: Value = serde_json::from_str(&line).expect("the runner's answer");
        let number = |key: &str| answer[key].as_i64().expect("a number in the answer");
        Run {
            wall: Duration::from_nanos(number("wall_ns") as u64),
            max_rss_kb: number("max_rss_kb") as u64,
            outcome: match answer["outcome"].as_str() {
                Some("exited") => Outcome::Exited(number("code") as i32),
                Some("signalled") => Outcome::Signalled(number("code") as i32),
                _ => Outcome::TimedOut,
            },
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        drop(self.requests.take());
        let _ = self.process.wait();
    }
}

/// In the runner: answers each request until standard input closes. Returns false in the
/// harness itself.
pub fn serve_if_runner() -> bool {
    if std::env::var_os(RUNNER).is_none() {
        return false;
    }
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let request: Value = serde_json::from_str(&line.expect("a request")).expect("JSON");
        let text = |v: &Value| v.as_str().expect("a string").to_string();
        let args: Vec<String> = request["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(text)
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let timeout = Duration::from_millis(request["timeout_ms"].as_u64().expect("a timeout"));
        let measured = run(
            Path::new(&text(&request["program"])),
            Path::new(&text(&request["dir"])),
            &args,
            timeout,
        );
        let (outcome, code) = match measured.outcome {
            Outcome::Exited(code) => ("exited", code),
            Outcome::Signalled(signal) => ("signalled", signal),
            Outcome::TimedOut => ("timed-out", 0),
        };
        let answer = json!({
            "wall_ns": measured.wall.as_nanos() as u64,
            "max_rss_kb": measured.max_rss_kb,
            "outcome": outcome,
            "code": code,
        });
        writeln!(out, "{answer}")
            .and_then(|()| out.flush())
            .expect("the harness reads");
    }
    true
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    Exited(i32),
    Signalled(i32),
    TimedOut,
}

#[derive(Clone, Copy, Debug)]
pub struct Run {
    pub wall: Duration,
    pub max_rss_kb: u64,
    pub outcome: Outcome,
}

/// Runs `program args` in `dir`, its output thrown away, killed after `timeout`.
pub fn run(program: &Path, dir: &Path, args: &[&str], timeout: Duration) -> Run {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let started = Instant::now();
    // The child is reaped by `wait4` below, not through `Child` (dropping it does not wait).
    let child = command.spawn().expect("the smm binary starts");
    let pid = child.id() as libc::pid_t;

    // Set once the child has exited (it stays a zombie until reaped, so its pid cannot be
    // reused before the watchdog has given up on it).
    let exited = Arc::new((Mutex::new(false), Condvar::new()));
    let watchdog = {
        let exited = Arc::clone(&exited);
        std::thread::spawn(move || {
            let (lock, condvar) = &*exited;
            let guard = lock.lock().unwrap();
            let (guard, _) = condvar
                .wait_timeout_while(guard, timeout, |exited| !*exited)
                .unwrap();
            if !*guard {
                // SAFETY: `pid` is our unreaped child.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                return true;
            }
            false
        })
    };

    loop {
        // SAFETY: a zeroed siginfo_t is a valid out-parameter.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let flags = libc::WEXITED | libc::WNOWAIT;
        // SAFETY: waits for our own child without reaping it.
        if unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, flags) } == 0 {
            break;
        }
        let error = std::io::Error::last_os_error();
        assert_eq!(
            error.kind(),
            std::io::ErrorKind::Interrupted,
            "waitid: {error}"
        );
    }
    let wall = started.elapsed();
    {
        let (lock, condvar) = &*exited;
        *lock.lock().unwrap() = true;
        condvar.notify_one();
    }
    let timed_out = watchdog.join().unwrap();

    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid out-parameter.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: reaps the child that has exited.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    drop(child);

    let outcome = if timed_out {
        Outcome::TimedOut
    } else if libc::WIFEXITED(status) {
        Outcome::Exited(libc::WEXITSTATUS(status))
    } else {
        Outcome::Signalled(libc::WTERMSIG(status))
    };
    Run {
        wall,
        max_rss_kb: usage.ru_maxrss as u64,
        outcome,
    }
}

/// The best of several runs of one measure: the least time of the runs that exited, the most
/// memory, and the outcome: a normal exit (0, or 1 for findings) unless a run ended otherwise
/// (an exit code of 2 or more, a signal, the timeout).
#[derive(Clone, Copy, Debug, Default)]
pub struct Best {
    pub runs: usize,
    pub spent: Duration,
    pub wall: Option<Duration>,
    pub max_rss_kb: u64,
    pub outcome: Option<Outcome>,
}

impl Best {
    pub fn add(&mut self, run: Run) {
        self.runs += 1;
        self.spent += run.wall;
        self.max_rss_kb = self.max_rss_kb.max(run.max_rss_kb);
        if let Outcome::Exited(_) = run.outcome {
            self.wall = Some(self.wall.map_or(run.wall, |w| w.min(run.wall)));
        }
        if self.outcome.is_none() || !matches!(run.outcome, Outcome::Exited(0 | 1)) {
            self.outcome = Some(run.outcome);
        }
    }

    /// Adds a time measured in process.
    pub fn add_time(&mut self, wall: Duration) {
        self.add(Run {
            wall,
            max_rss_kb: 0,
            outcome: Outcome::Exited(0),
        });
    }

    /// Whether another run is worth it: every run exited and `budget` is not spent yet.
    pub fn wants_more(&self, rounds: usize, budget: Duration) -> bool {
        self.runs == 0
            || (self.runs < rounds
                && self.spent < budget
                && matches!(self.outcome, Some(Outcome::Exited(_))))
    }

    /// Whether every run exited with 0 or 1.
    pub fn normal(&self) -> bool {
        matches!(self.outcome, Some(Outcome::Exited(0 | 1)))
    }

    /// The least time of the runs that exited, or why there is none (`timeout` is the one the
    /// runs had).
    pub fn time(&self, timeout: Duration) -> Result<Duration, String> {
        match self.outcome {
            Some(Outcome::Exited(_)) => Ok(self.wall.expect("an exit has a time")),
            Some(Outcome::Signalled(signal)) => Err(format!("signal {signal}")),
            Some(Outcome::TimedOut) => Err(format!("> {} s", timeout.as_secs())),
            None => Err("not run".to_string()),
        }
    }

    /// The exit code when it is 2 or more (smm could not do the work asked).
    pub fn error_exit(&self) -> Option<i32> {
        match self.outcome {
            Some(Outcome::Exited(code)) if code >= 2 => Some(code),
            _ => None,
        }
    }
}
