//! The thread that runs checks. It runs at a lower priority than the thread that answers
//! requests, so that on a machine whose cores are all busy (two, with the editor) a hover
//! still comes first; and it runs one check at a time, so that a check cancelled by a newer
//! edit ends before the next begins instead of competing with it.
//!
//! A lower priority alone did not let a request in at once: Linux's scheduler (EEVDF) lets a
//! running thread finish its time slice (3 ms) before a thread that wakes takes the core, and
//! a hover that arrived during a check of the closed dependents waited that long (p95 4 ms).
//! A thread that asks for a short slice is let in at once, so the thread that answers
//! requests asks for one (`favour_this_thread`, p95 0.25 ms), and the checking thread keeps
//! the usual slice, which is fairer to long work.

use std::sync::mpsc;

type Work = Box<dyn FnOnce() + Send>;

pub struct Worker {
    queue: mpsc::Sender<Work>,
}

/// How much less the checking thread is favoured than the rest of the server: nice 10 gets
/// about a tenth of a core that the other threads want.
#[cfg(target_os = "linux")]
const NICENESS: libc::c_int = 10;

impl Worker {
    pub fn start() -> std::io::Result<Worker> {
        let (queue, work) = mpsc::channel::<Work>();
        std::thread::Builder::new()
            .name("smm-check".into())
            .spawn(move || {
                // Threads inherit their creator's slice; checks are long work.
                set_slice(0);
                lower_priority();
                for job in work {
                    job();
                }
            })?;
        Ok(Worker { queue })
    }

    /// Drops `value` on the worker thread: a whole analysis takes a millisecond to free,
    /// which the thread that answers requests should not spend.
    pub fn dispose<T: Send + 'static>(&self, value: T) {
        // When the thread is gone, the value is dropped here, with the job that failed to go.
        let _ = self.queue.send(Box::new(move || drop(value)));
    }

    /// Runs `work` on the worker thread and waits for its result without blocking the
    /// caller's thread; `None` if the work panicked (the panic is the caller's to catch in
    /// `work` to learn more) or the thread is gone.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Work = Box::new(move || {
            let _ = done.send(work());
        });
        self.queue.send(job).ok()?;
        result.await.ok()
    }
}

#[cfg(target_os = "linux")]
fn lower_priority() {
    // On Linux the nice value belongs to the thread, and `who = 0` names the calling one.
    // SAFETY: setpriority only reads its arguments.
    let done = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS) };
    if done != 0 {
        eprintln!(
            "smm lsp: checks run at normal priority: {}",
            std::io::Error::last_os_error()
        );
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// The time slice the thread that answers requests asks for: the least Linux grants.
#[cfg(target_os = "linux")]
const REQUEST_SLICE_NS: u64 = 100_000;

/// Asks for a short time slice for the calling thread, so that it takes a core as soon as it
/// wakes (a request arrived) instead of after the running thread's slice. Linux 6.6 and later
/// (EEVDF) honour it; older kernels ignore it.
pub fn favour_this_thread() {
    #[cfg(target_os = "linux")]
    set_slice(REQUEST_SLICE_NS);
}

/// Sets the calling thread's time slice (`sched_runtime` of the normal class; 0 is the
/// default), keeping its class and nice value.
#[cfg(target_os = "linux")]
fn set_slice(ns: u64) {
    // SAFETY: getpriority only reads its arguments.
    let nice = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
    let attr = libc::sched_attr {
        size: std::mem::size_of::<libc::sched_attr>() as u32,
        sched_policy: libc::SCHED_OTHER as u32,
        sched_flags: 0,
        sched_nice: nice,
        sched_priority: 0,
        sched_runtime: ns,
        sched_deadline: 0,
        sched_period: 0,
    };
    // SAFETY: sched_setattr reads `attr`, whose `size` is its own; `pid = 0` is this thread.
    // Failing (an old kernel, a seccomp filter) leaves the thread as it was.
    unsafe { libc::syscall(libc::SYS_sched_setattr, 0, &attr, 0) };
}

#[cfg(not(target_os = "linux"))]
fn set_slice(_: u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is disposed of is dropped on the worker's thread.
    #[tokio::test(flavor = "current_thread")]
    async fn disposed_values_are_dropped_on_the_worker() {
        struct Noted(std::sync::mpsc::Sender<std::thread::ThreadId>);
        impl Drop for Noted {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let worker = Worker::start().unwrap();
        let (noted, dropped) = std::sync::mpsc::channel();
        worker.dispose(Noted(noted));
        let there = worker.run(|| std::thread::current().id()).await.unwrap();
        assert_eq!(dropped.recv().unwrap(), there);
        assert_ne!(there, std::thread::current().id());
    }

    #[tokio::test(flavor = "current_thread")]
    async fn work_runs_on_its_own_thread_in_order() {
        let worker = Worker::start().unwrap();
        let here = std::thread::current().id();
        let (first, second) = tokio::join!(
            worker.run(move || (std::thread::current().id() != here, 1)),
            worker.run(|| 2)
        );
        assert_eq!(first, Some((true, 1)));
        assert_eq!(second, Some(2));
    }

    #[cfg(target_os = "linux")]
    #[tokio::test(flavor = "current_thread")]
    async fn the_worker_is_less_favoured_than_the_caller() {
        let worker = Worker::start().unwrap();
        // SAFETY: getpriority only reads its arguments.
        let niceness = || unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
        let caller = niceness();
        let worker_niceness = worker.run(niceness).await.unwrap();
        assert_eq!(worker_niceness, (caller + NICENESS).min(19));
        assert_eq!(niceness(), caller, "the caller's own priority is untouched");
    }

    /// The calling thread's time slice as the kernel reports it (0 where it does not).
    #[cfg(target_os = "linux")]
    fn slice() -> u64 {
        let mut attr: libc::sched_attr = unsafe { std::mem::zeroed() };
        let size = std::mem::size_of::<libc::sched_attr>() as u32;
        // SAFETY: sched_getattr writes at most `size` bytes into `attr`.
        let got = unsafe { libc::syscall(libc::SYS_sched_getattr, 0, &mut attr, size, 0) };
        assert_eq!(got, 0, "{}", std::io::Error::last_os_error());
        attr.sched_runtime
    }

    /// The thread that answers requests asks for a short slice; the checking thread it
    /// starts does not inherit it. Kernels before 6.12 report no custom slice.
    #[cfg(target_os = "linux")]
    #[test]
    fn requests_get_a_short_slice_and_checks_the_usual_one() {
        std::thread::spawn(|| {
            let before = slice();
            favour_this_thread();
            if before == slice() {
                eprintln!("this kernel keeps no custom slice ({before} ns)");
                return;
            }
            assert_eq!(slice(), REQUEST_SLICE_NS);
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            let worker = Worker::start().unwrap();
            let checks = runtime.block_on(worker.run(slice)).unwrap();
            assert_eq!(checks, before);
            assert_eq!(slice(), REQUEST_SLICE_NS);
        })
        .join()
        .unwrap();
    }
}
