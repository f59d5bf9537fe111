//! Stage 4, writing: puts the rendered site into `output/` without ever losing the old one.
//!
//! Files are written into a temporary folder beside the output folder; only when the whole
//! build succeeded is it swapped in. A failed or interrupted build leaves the previous
//! output complete, and files the new build no longer produces disappear with the swap.

mod guard;
mod removal;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use anyhow::{bail, Context as _};

use crate::render::PageSink;
pub use guard::check_out_dir;
pub use removal::Removal;
use removal::{clean_leftovers, OLD_PREFIX, STAGING_PREFIX};

/// Marker file identifying a folder as Gazette output (safe to replace).
pub const MARKER: &str = ".gazette-output";

/// Writes a build into a temporary folder and swaps it in on [`Writer::commit`].
pub struct Writer {
    staging: Option<tempfile::TempDir>,
    target: PathBuf,
    /// The output folder of the previous build, when there is one (it has the marker).
    previous: Option<PathBuf>,
    /// The length of every file written so far, counted as it is written (no walk
    /// afterwards); by path, because a later file may replace an earlier one (the site's
    /// own `static/robots.txt` replaces the generated one).
    lengths: Mutex<HashMap<String, u64>>,
    /// Folders created so far. A family page's three feeds and an article's pictures share
    /// its folder, and `create_dir_all` on a folder that exists costs a failed `mkdir` and a
    /// `stat`: 36 000 wasted system calls on the 10 000-article bench site.
    folders: Mutex<HashSet<PathBuf>>,
}

/// The size of a finished output folder: the sum of its files' lengths, pictures included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutputSize {
    pub bytes: u64,
    pub files: usize,
}

impl OutputSize {
    /// `363.8 MB in 17 636 files` (decimal megabytes, as hosting limits are stated).
    pub fn describe(&self) -> String {
        format!("{:.1} MB in {} files", self.bytes as f64 / 1e6, group_thousands(self.files))
    }
}

/// `17636` → `17 636`: thousands apart, readable in any language.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

impl Writer {
    /// Starts a build that will replace `target`, first removing what an interrupted build
    /// left beside it.
    pub fn create(target: &Path) -> anyhow::Result<Writer> {
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).with_context(|| format!("failed to create `{}`", parent.display()))?;
        clean_leftovers(parent)?;
        let staging = tempfile::Builder::new()
            .prefix(STAGING_PREFIX)
            .tempdir_in(parent)
            .with_context(|| format!("failed to create a temporary folder in `{}`", parent.display()))?;
        let previous = target.join(MARKER).is_file().then(|| target.to_path_buf());
        Ok(Writer {
            staging: Some(staging),
            target: target.to_path_buf(),
            previous,
            lengths: Mutex::default(),
            folders: Mutex::default(),
        })
    }

    fn staging(&self) -> &Path {
        self.staging.as_ref().map_or(Path::new("."), |s| s.path())
    }

    /// The staging path for a site-relative file, creating its folder. Refuses paths that
    /// would leave the output folder.
    fn path_for(&self, rel: &str) -> anyhow::Result<PathBuf> {
        let rel_path = Path::new(rel);
        if rel.is_empty()
            || rel.contains(['\\', '\0'])
            || !rel_path.components().all(|c| matches!(c, Component::Normal(_)))
        {
            bail!("refusing to write `{rel}`: not a plain path inside the output folder");
        }
        let path = self.staging().join(rel_path);
        if let Some(dir) = path.parent() {
            let lock = || self.folders.lock().unwrap_or_else(|p| p.into_inner());
            // Not held while creating: two threads may both create a new folder, which
            // `create_dir_all` allows.
            if !lock().contains(dir) {
                std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
                lock().insert(dir.to_path_buf());
            }
        }
        Ok(path)
    }

    fn count(&self, rel: &str, bytes: u64) {
        self.lengths.lock().unwrap_or_else(|p| p.into_inner()).insert(rel.to_owned(), bytes);
    }

    fn size(&self) -> OutputSize {
        let lengths = self.lengths.lock().unwrap_or_else(|p| p.into_inner());
        OutputSize { bytes: lengths.values().sum(), files: lengths.len() }
    }

    /// Swaps the finished build in place of the target folder. Returns its size and the
    /// removal of the previous output, which goes on in the background until joined.
    pub fn commit(mut self) -> anyhow::Result<(OutputSize, Removal)> {
        self.write_file(MARKER, b"This folder is generated by Gazette and replaced on every build.\n")?;
        let staging = self.staging.take().map(tempfile::TempDir::keep).unwrap_or_default();
        let old = if self.target.exists() {
            let parent = self.target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let old = tempfile::Builder::new().prefix(OLD_PREFIX).tempdir_in(parent)?.keep();
            std::fs::rename(&self.target, old.join("output"))
                .with_context(|| format!("failed to move the previous `{}` aside", self.target.display()))?;
            Some(old)
        } else {
            None
        };
        if let Err(e) = std::fs::rename(&staging, &self.target) {
            if let Some(old) = &old {
                // Put the previous output back so the editor never ends up with none.
                let _ = std::fs::rename(old.join("output"), &self.target);
            }
            return Err(e).with_context(|| format!("failed to move the new build to `{}`", self.target.display()));
        }
        Ok((self.size(), old.map(Removal::start).unwrap_or_default()))
    }
}

impl PageSink for Writer {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        let path = self.path_for(rel)?;
        std::fs::write(&path, bytes).with_context(|| format!("failed to write `{}`", path.display()))?;
        self.count(rel, bytes.len() as u64);
        Ok(())
    }

    /// A static file. When the previous build's copy is unchanged (same length and
    /// modification time as the source: copies carry their source's time), a hard link to
    /// that copy, so a rebuild of a site with gigabytes of photographs writes only names;
    /// else a copy made by the kernel (`copy_file_range` on Linux, a clone where the file
    /// system has them). Never a link to the editor's own file: a tool that later edits
    /// `output/` in place must not reach it. The previous copy is Gazette's own (the folder
    /// carries the output marker) and leaves with the swap.
    fn copy_file(&self, rel: &str, from: &Path) -> anyhow::Result<()> {
        let path = self.path_for(rel)?;
        let source = std::fs::metadata(from).with_context(|| format!("failed to read `{}`", from.display()))?;
        let modified = source.modified().ok();
        if let (Some(previous), Some(time)) = (&self.previous, modified) {
            let old = previous.join(rel);
            let unchanged = std::fs::symlink_metadata(&old)
                .is_ok_and(|m| m.is_file() && m.len() == source.len() && m.modified().ok() == Some(time));
            if unchanged && std::fs::hard_link(&old, &path).is_ok() {
                self.count(rel, source.len());
                return Ok(());
            }
        }
        std::fs::copy(from, &path)
            .with_context(|| format!("failed to copy `{}` to `{}`", from.display(), path.display()))?;
        if let Some(time) = modified {
            // Carried over so that the next build can tell this copy is still the source's.
            std::fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(time))
                .with_context(|| format!("failed to set the time of `{}`", path.display()))?;
        }
        self.count(rel, source.len());
        Ok(())
    }

    /// A hard link to the cached variant where the file system allows it (no bytes copied:
    /// a warm build of a site with thousands of variants writes only their names), else a
    /// copy. Variants are never edited in place, so sharing the file is safe.
    fn write_picture(
        &self,
        rel: &str,
        job: &crate::render::pictures::Job,
        cache: &std::sync::Arc<crate::pictures::cache::Cache>,
    ) -> anyhow::Result<()> {
        let from = job.ensure(cache)?;
        let path = self.path_for(rel)?;
        let len = match std::fs::hard_link(&from, &path) {
            Ok(()) => std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            Err(_) => std::fs::copy(&from, &path)
                .with_context(|| format!("failed to copy `{}` to `{}`", from.display(), path.display()))?,
        };
        self.count(rel, len);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_is_told_in_megabytes_and_grouped_thousands() {
        assert_eq!(OutputSize { bytes: 363_812_345, files: 17_636 }.describe(), "363.8 MB in 17 636 files");
        assert_eq!(OutputSize { bytes: 1_000, files: 1_234_567 }.describe(), "0.0 MB in 1 234 567 files");
        assert_eq!(OutputSize { bytes: 0, files: 999 }.describe(), "0.0 MB in 999 files");
    }

    #[test]
    fn refuses_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        let w = Writer::create(&dir.path().join("out")).unwrap();
        for bad in ["../x", "/etc/x", "a/../../b", "a\\b", ""] {
            assert!(w.write_file(bad, b"x").is_err(), "{bad}");
        }
        assert!(w.write_file("a/b/index.html", b"x").is_ok());
    }

    #[test]
    fn uncommitted_build_leaves_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        let w = Writer::create(&out).unwrap();
        w.write_file("new.html", b"new").unwrap();
        drop(w);
        assert!(out.join("old.html").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "staging folder was not cleaned up");
    }

    #[test]
    fn commit_replaces_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("stale.html"), "old").unwrap();
        let w = Writer::create(&out).unwrap();
        w.write_file("new.html", b"new").unwrap();
        w.commit().unwrap();
        assert!(out.join("new.html").exists() && !out.join("stale.html").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Builds `out` with one static file copied from `src`, and returns the output copy's inode.
    #[cfg(unix)]
    fn build_with_static(out: &Path, src: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        let w = Writer::create(out).unwrap();
        w.copy_file("media/photo.jpg", src).unwrap();
        w.commit().unwrap();
        std::fs::metadata(out.join("media/photo.jpg")).unwrap().ino()
    }

    #[test]
    #[cfg(unix)]
    fn rebuild_links_unchanged_static_files_from_the_previous_output_never_from_the_source() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (src, out) = (dir.path().join("photo.jpg"), dir.path().join("out"));
        std::fs::write(&src, b"first version").unwrap();
        let first = build_with_static(&out, &src);
        assert_ne!(first, std::fs::metadata(&src).unwrap().ino(), "the output must not share the editor's file");
        assert_eq!(build_with_static(&out, &src), first, "an unchanged file is linked, not copied again");

        // Same length, new content and time: copied afresh.
        std::fs::write(&src, b"other version").unwrap();
        let later = std::fs::metadata(&src).unwrap().modified().unwrap() + std::time::Duration::from_secs(5);
        std::fs::File::options().write(true).open(&src).unwrap().set_modified(later).unwrap();
        assert_ne!(build_with_static(&out, &src), first);
        assert_eq!(std::fs::read(out.join("media/photo.jpg")).unwrap(), b"other version");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no staging or old folder left behind");
    }

    #[test]
    #[cfg(unix)]
    fn a_folder_without_the_marker_is_never_linked_from() {
        let dir = tempfile::tempdir().unwrap();
        let (src, out) = (dir.path().join("photo.jpg"), dir.path().join("out"));
        std::fs::write(&src, b"bytes").unwrap();
        let first = build_with_static(&out, &src);
        std::fs::remove_file(out.join(MARKER)).unwrap();
        assert_ne!(build_with_static(&out, &src), first);
    }
}
