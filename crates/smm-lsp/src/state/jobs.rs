//! Checks as jobs for a worker thread. A job carries a snapshot of what it checks (the
//! workspace and model as `Arc`s), so the state can take further edits while it runs; its
//! result is taken in only if nothing changed meanwhile, and a newer change cancels it.
//!
//! Work waits in two queues: `pending` (the changed files and their open dependents, or
//! everything) and `deferred` (closed dependents), which runs only when `pending` is empty,
//! so that the files the user looks at are answered first.

use std::collections::BTreeSet;
use std::sync::Arc;

use smm_check::disk::confine::Confinement;
use smm_check::{Analysis, Cancel, FileId, ItemEdit, Workspace};
use smm_model::Model;

use super::{Dirty, LinkLoader, State};

#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Everything: files came or went, names changed, or the model or settings did.
    All,
    Files(BTreeSet<FileId>),
    /// One assessment, edited inside its body (one edit, or several in a row).
    Item(ItemEdit),
}

impl Pending {
    /// `pending` and `files` to check.
    pub fn with_files(pending: Option<Pending>, mut files: BTreeSet<FileId>) -> Pending {
        match pending {
            Some(Pending::All) => Pending::All,
            Some(Pending::Files(before)) => {
                files.extend(before);
                Pending::Files(files)
            }
            Some(Pending::Item(edit)) => {
                files.insert(edit.file);
                Pending::Files(files)
            }
            None => Pending::Files(files),
        }
    }

    /// `pending` and an edit inside an assessment. Edits in a row inside the same assessment
    /// stay one item edit: from the assessment as last checked to the latest text of it.
    pub fn with_item(pending: Option<Pending>, edit: ItemEdit) -> Pending {
        match pending {
            None => Pending::Item(edit),
            Some(Pending::Item(before)) if before.file == edit.file && before.new == edit.old => {
                Pending::Item(ItemEdit {
                    file: edit.file,
                    old: before.old,
                    new: edit.new,
                    // Nothing inside the assessment is kept: what follows it moves.
                    old_end: before.old.end,
                    by: before.by + edit.by,
                })
            }
            other => Pending::with_files(other, [edit.file].into()),
        }
    }
}

/// The job on the worker.
pub struct Running {
    id: u64,
    generation: u64,
    cancel: Cancel,
}

pub struct Job {
    id: u64,
    /// The state's generation the snapshot belongs to.
    generation: u64,
    workspace: Arc<Workspace>,
    model: Arc<Model>,
    confinement: Confinement,
    options: smm_check::CheckOptions,
    /// What the job checks: `pending`, or the deferred files.
    scope: Scope,
    /// The analysis when the job began (`State::analyses`), which its result completes.
    base: u64,
    /// That analysis itself, for a check of some files, whose result is merged into it on
    /// the worker (`JobResult`).
    merge_into: Option<Arc<Analysis>>,
}

enum Scope {
    Pending(Pending),
    Deferred(BTreeSet<FileId>),
}

/// A job's result: the whole analysis after a check of everything; after a check of some
/// files, merged into the analysis the job began from on the worker (merging copies every
/// file's findings when a request still holds the analysis; on the thread that answers
/// requests that took up to 1.4 ms, and hovers waited behind it); after an edit inside one
/// item, that item's, to merge in place: it is what typing sends, the analysis is rarely
/// shared then, and a copy of a long file's findings would cost every keystroke.
pub struct JobResult {
    analysis: Analysis,
    merged: bool,
}

/// What became of a job's result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Taken in: its files' diagnostics are to be sent.
    Applied,
    /// Thrown away: the state changed while it ran (a newer job covers its work).
    Stale,
}

impl Job {
    /// Runs the check, on the worker, and merges its result there when it should be
    /// (`JobResult`).
    pub fn run(&self) -> JobResult {
        let partial = smm_check::check(
            &self.workspace,
            &self.model,
            &LinkLoader(&self.confinement),
            &self.options,
        );
        match (&self.scope, &self.merge_into) {
            // A cancelled job's result is thrown away: merging it would only hold up the next.
            _ if self.options.cancel.is_cancelled() => JobResult {
                analysis: partial,
                merged: false,
            },
            (Scope::Pending(Pending::Files(files)) | Scope::Deferred(files), Some(base)) => {
                let mut whole = (**base).clone();
                whole.update(partial, files);
                JobResult {
                    analysis: whole,
                    merged: true,
                }
            }
            _ => JobResult {
                analysis: partial,
                merged: false,
            },
        }
    }
}

impl State {
    /// The check to start now, if any: for `pending`, else for the deferred files. A job
    /// already running for the current generation is left to finish; one for an older
    /// generation is cancelled, since its result would be thrown away.
    pub fn next_job(&mut self) -> Option<Job> {
        if let Some(running) = &self.running {
            if running.generation == self.generation {
                return None;
            }
            running.cancel.cancel();
            self.running = None;
        }
        let scope = match &self.pending {
            Some(pending) => Scope::Pending(pending.clone()),
            None if !self.deferred.is_empty() => Scope::Deferred(self.deferred.clone()),
            None => return None,
        };
        let (only, within) = match &scope {
            Scope::Pending(Pending::All) => (None, None),
            Scope::Pending(Pending::Files(files)) | Scope::Deferred(files) => {
                (Some(files.clone()), None)
            }
            Scope::Pending(Pending::Item(edit)) => (Some([edit.file].into()), Some(edit.new)),
        };
        self.jobs += 1;
        let cancel = Cancel::new();
        let options = smm_check::CheckOptions {
            cancel: cancel.clone(),
            within,
            // The other core answers requests meanwhile.
            one_thread: true,
            ..self.options(only)
        };
        self.running = Some(Running {
            id: self.jobs,
            generation: self.generation,
            cancel,
        });
        Some(Job {
            id: self.jobs,
            generation: self.generation,
            workspace: Arc::clone(&self.workspace),
            model: Arc::clone(&self.model),
            confinement: self.confinement.clone(),
            merge_into: match &scope {
                Scope::Pending(Pending::All | Pending::Item(_)) => None,
                _ => Some(Arc::clone(&self.analysis)),
            },
            options,
            scope,
            base: self.analyses,
        })
    }

    /// Cancels the job running if a change has made it out of date, without starting the
    /// next (`next_job` does, once it has ended).
    pub fn cancel_outdated(&mut self) {
        if let Some(running) = &self.running {
            if running.generation != self.generation {
                running.cancel.cancel();
            }
        }
    }

    /// Takes in a job's result if the state has not changed since the job began. The
    /// analysis it replaces is kept for the caller to free where that costs no request its
    /// time (`take_replaced`).
    pub fn finish(&mut self, job: &Job, checked: JobResult) -> Outcome {
        if self.running.as_ref().is_some_and(|r| r.id == job.id) {
            self.running = None;
        }
        if job.generation != self.generation
            || job.options.cancel.is_cancelled()
            || job.base != self.analyses
        {
            return Outcome::Stale;
        }
        self.analyses += 1;
        let analysis = checked.analysis;
        match &job.scope {
            Scope::Pending(Pending::All) => {
                self.replaced = Some(std::mem::replace(&mut self.analysis, Arc::new(analysis)));
                self.dirty = Dirty::All;
                self.deferred.clear();
            }
            Scope::Pending(Pending::Item(edit)) => {
                let others = Arc::make_mut(&mut self.analysis).update_item(analysis, edit);
                self.dirty.add([edit.file]);
                self.dirty.add(others);
            }
            Scope::Pending(Pending::Files(files)) | Scope::Deferred(files) => {
                if checked.merged {
                    self.replaced = Some(std::mem::replace(&mut self.analysis, Arc::new(analysis)));
                } else {
                    Arc::make_mut(&mut self.analysis).update(analysis, files);
                }
                self.dirty.add(files.iter().copied());
                if matches!(job.scope, Scope::Deferred(_)) {
                    self.deferred.retain(|f| !files.contains(f));
                }
            }
        }
        if matches!(job.scope, Scope::Pending(_)) {
            self.pending = None;
        }
        Outcome::Applied
    }

    /// The analysis the last result taken in replaced, if the caller has not taken it yet.
    pub fn take_replaced(&mut self) -> Option<Arc<Analysis>> {
        self.replaced.take()
    }

    /// Gives up a job that panicked: its work is dropped rather than tried again forever; the
    /// next change checks again.
    pub fn abandon(&mut self, job: &Job) {
        if self.running.as_ref().is_some_and(|r| r.id == job.id) {
            self.running = None;
        }
        if job.generation == self.generation {
            match job.scope {
                Scope::Pending(_) => self.pending = None,
                Scope::Deferred(_) => self.deferred.clear(),
            }
        }
    }

    /// Whether the analysis is up to date with every open file (closed dependents may still
    /// be under way): what requests that read findings wait for.
    pub fn is_settled(&self) -> bool {
        self.pending.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROFILE: &str = "profile base {\n  role asset-owner\n  target identities level 2\n}\n";
    const ASSESSMENT: &str = "assessment a {\n  profile base\n  date 2026-11-10\n  practice identities level LEVEL {\n    evidence \"Accounts\" implements iso27002:5.16\n  }\n}\n";

    /// A workspace of a profile and an open assessment at `level`, checked.
    fn opened(level: &str) -> (tempfile::TempDir, State, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("smm.toml"), "").unwrap();
        std::fs::write(root.join("base.smm"), PROFILE).unwrap();
        let path = root.join("a.smm");
        let text = ASSESSMENT.replace("LEVEL", level);
        std::fs::write(&path, &text).unwrap();
        let mut state = State::new(Some(root.to_path_buf()));
        state.open_buffer(path.clone(), text.into());
        while let Some(job) = state.next_job() {
            let analysis = job.run();
            state.finish(&job, analysis);
        }
        assert!(state.is_settled());
        (dir, state, path)
    }

    fn codes(state: &State) -> Vec<&str> {
        state.analysis.findings().map(|f| f.code()).collect()
    }

    /// An edit while a check runs: the check is cancelled, its result thrown away, and the
    /// next job checks the latest text.
    #[test]
    fn a_newer_edit_cancels_the_running_check_and_its_result_is_not_taken() {
        let (_dir, mut state, path) = opened("2");
        assert!(!codes(&state).contains(&"check::unmet-target"));

        state.set_text(path.clone(), ASSESSMENT.replace("LEVEL", "1").into());
        let first = state.next_job().expect("a check for the edit");
        assert!(state.next_job().is_none(), "one job per generation");
        state.set_text(path.clone(), ASSESSMENT.replace("LEVEL", "0").into());
        let second = state.next_job().expect("a check for the newer edit");
        // Both edits lie in the assessment's body: one check of that assessment covers them.
        assert!(matches!(&second.scope, Scope::Pending(Pending::Item(_))));
        assert!(first.options.cancel.is_cancelled());
        assert!(!second.options.cancel.is_cancelled());

        let stale = first.run();
        assert_eq!(state.finish(&first, stale), Outcome::Stale);
        assert!(!state.is_settled());
        assert!(!codes(&state).contains(&"check::unmet-target"));

        let analysis = second.run();
        assert_eq!(state.finish(&second, analysis), Outcome::Applied);
        assert!(state.is_settled());
        let full = smm_check::check(
            &state.workspace,
            &state.model,
            &LinkLoader(&state.confinement),
            &state.options(None),
        );
        let all: Vec<&str> = full.findings().map(|f| f.code()).collect();
        assert_eq!(codes(&state), all);
        assert!(all.contains(&"check::unmet-target"));
    }

    /// Requests read the new text at once, before its check is done; the analysis follows.
    #[test]
    fn the_world_has_the_new_text_before_its_check_is_done() {
        let (_dir, mut state, path) = opened("2");
        let edited = ASSESSMENT.replace("LEVEL", "1");
        state.set_text(path.clone(), edited.clone().into());
        let world = state.world();
        let file = world.file(&path).unwrap();
        assert_eq!(&*world.workspace.source(file).unwrap().text, edited);
        assert!(!state.is_settled());
        let job = state.next_job().unwrap();
        // The job's snapshot is not disturbed by the requests' one, nor they by it.
        drop(world);
        let analysis = job.run();
        assert_eq!(state.finish(&job, analysis), Outcome::Applied);
        assert!(codes(&state).contains(&"check::unmet-target"));
    }

    /// A check that panicked is given up, not tried again forever, and waiting requests go
    /// on; the next edit checks again.
    #[test]
    fn an_abandoned_check_settles_the_state() {
        let (_dir, mut state, path) = opened("2");
        state.set_text(path.clone(), ASSESSMENT.replace("LEVEL", "1").into());
        let job = state.next_job().unwrap();
        state.abandon(&job);
        assert!(state.is_settled());
        assert!(state.next_job().is_none());
        state.set_text(path, ASSESSMENT.replace("LEVEL", "0").into());
        assert!(state.next_job().is_some());
    }

    /// A check of some files is merged on the worker and replaces the analysis, which is
    /// handed over to be freed elsewhere; an edit inside an item is merged in place.
    #[test]
    fn files_checked_again_are_merged_on_the_worker_and_an_item_in_place() {
        let (dir, mut state, path) = opened("2");
        let before = Arc::clone(&state.analysis);
        // A profile edit: its file and the open assessment that uses it are checked again.
        let profile = dir.path().join("base.smm");
        state.set_text(profile, PROFILE.replace("level 2", "level 3").into());
        let job = state.next_job().unwrap();
        assert!(matches!(&job.scope, Scope::Pending(Pending::Files(_))));
        let checked = job.run();
        assert!(checked.merged);
        assert_eq!(state.finish(&job, checked), Outcome::Applied);
        let replaced = state.take_replaced().expect("the analysis replaced");
        assert!(Arc::ptr_eq(&replaced, &before));
        assert!(codes(&state).contains(&"check::unmet-target"));

        state.set_text(path, ASSESSMENT.replace("LEVEL", "3").into());
        let job = state.next_job().unwrap();
        assert!(matches!(&job.scope, Scope::Pending(Pending::Item(_))));
        let checked = job.run();
        assert!(!checked.merged);
        assert_eq!(state.finish(&job, checked), Outcome::Applied);
        assert!(state.take_replaced().is_none());
        assert!(!codes(&state).contains(&"check::unmet-target"));
    }

    /// A result is taken in only over the analysis its job began from.
    #[test]
    fn a_result_for_an_analysis_since_replaced_is_stale() {
        let (dir, mut state, _path) = opened("2");
        let profile = dir.path().join("base.smm");
        state.set_text(profile, PROFILE.replace("level 2", "level 3").into());
        let job = state.next_job().unwrap();
        let checked = job.run();
        state.analyses += 1;
        assert_eq!(state.finish(&job, checked), Outcome::Stale);
        assert!(!state.is_settled(), "its work is still to do");
    }
}
