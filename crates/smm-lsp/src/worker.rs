//! The thread that runs checks. It runs at a lower priority than the thread that answers
//! requests, so that on a machine whose cores are all busy (two, with the editor) a hover
//! still comes first; and it runs one check at a time, so that a check cancelled by a newer
//! edit ends before the next begins instead of competing with it.

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
                lower_priority();
                for job in work {
                    job();
                }
            })?;
        Ok(Worker { queue })
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
