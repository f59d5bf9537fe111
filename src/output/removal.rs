//! Removing the previous output without holding the command, and cleaning what a killed
//! build left behind.
//!
//! After the swap the old tree sits in a `.gazette-old-*` folder beside the output. Deleting
//! ten thousand pages takes seconds, so it runs on a thread while the build reports; the
//! [`Removal`] guard joins that thread before the command ends (explicitly with
//! [`Removal::finish`], or when dropped), so no half-deleted tree outlives a finished process.
//! A process killed meanwhile leaves the folder, which the next build removes.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use anyhow::Context as _;

use super::MARKER;

/// Prefix of the folder a build is written into before the swap.
pub(super) const STAGING_PREFIX: &str = ".gazette-build-";
/// Prefix of the folder the previous output is moved into by the swap.
pub(super) const OLD_PREFIX: &str = ".gazette-old-";

/// The deletion of a previous output, running in the background until joined.
#[derive(Debug, Default)]
pub struct Removal {
    job: Option<(PathBuf, JoinHandle<std::io::Result<()>>)>,
}

impl Removal {
    /// Starts deleting `old` (a `.gazette-old-*` folder) on a thread.
    pub(super) fn start(old: PathBuf) -> Removal {
        let path = old.clone();
        let handle = std::thread::Builder::new()
            .name("gazette-remove-old".into())
            .spawn(move || remove_old(&path))
            .map_err(|e| tracing::debug!("no thread for removing the old output ({e}); removing it now"));
        match handle {
            Ok(handle) => Removal { job: Some((old, handle)) },
            Err(()) => {
                let _ = remove_old(&old);
                Removal::default()
            }
        }
    }

    /// Waits for the deletion to end; an error names the folder left behind.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.join()
    }

    fn join(&mut self) -> anyhow::Result<()> {
        let Some((old, handle)) = self.job.take() else { return Ok(()) };
        let result = handle.join().unwrap_or_else(|_| Err(std::io::Error::other("the removing thread panicked")));
        result.with_context(|| {
            format!("failed to remove the previous build at `{}`; delete that folder by hand", old.display())
        })
    }
}

impl Drop for Removal {
    fn drop(&mut self) {
        if let Err(e) = self.join() {
            tracing::warn!("{e:#}");
        }
    }
}

/// Deletes an old output folder with its marker last, so that a deletion cut short still
/// leaves a folder the next build recognises as Gazette's and finishes removing.
fn remove_old(old: &Path) -> std::io::Result<()> {
    let output = old.join("output");
    if let Ok(entries) = std::fs::read_dir(&output) {
        for entry in entries {
            let entry = entry?;
            if entry.file_name() == MARKER {
                continue;
            }
            match entry.file_type()?.is_dir() {
                true => std::fs::remove_dir_all(entry.path())?,
                false => std::fs::remove_file(entry.path())?,
            }
        }
    }
    std::fs::remove_dir_all(old)
}

/// Removes what killed builds left beside the output folder: staging folders
/// (`.gazette-build-*`), and old outputs (`.gazette-old-*`) that are empty or hold Gazette's
/// marker in their `output/`. Nothing else in `parent` is touched.
pub(super) fn clean_leftovers(parent: &Path) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        let removed = if name.starts_with(STAGING_PREFIX) {
            std::fs::remove_dir_all(&path)
        } else if name.starts_with(OLD_PREFIX) && path.join("output").join(MARKER).is_file() {
            remove_old(&path)
        } else if name.starts_with(OLD_PREFIX) {
            // Killed between making the folder and moving the output in: removed if empty.
            let _ = std::fs::remove_dir(&path);
            continue;
        } else {
            continue;
        };
        tracing::info!("removed `{}`, left by an interrupted build", path.display());
        removed.with_context(|| {
            format!("failed to remove `{}`, left by an interrupted build; delete it by hand", path.display())
        })?;
    }
    Ok(())
}
