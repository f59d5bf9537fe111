//! Files written whole: the text goes to a temporary file in the same folder, which then takes
//! the file's name — replacing the old file ([`replace`]) or only if there is none
//! ([`create_new`]) — so a reader, or a run killed midway, sees the old file or the new one (or
//! none), never half of one. Used for imported articles, `.gazette/fetch.json` and `site.yaml`.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

/// Writes `text` to `path` through a temporary file named `<prefix>…` beside it.
pub fn replace(path: &Path, text: &str, prefix: &str) -> anyhow::Result<()> {
    let dir = folder_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(prefix)
        .tempfile_in(dir)
        .with_context(|| format!("failed to create a temporary file in `{}`", dir.display()))?;
    tmp.write_all(text.as_bytes()).with_context(|| format!("failed to write `{}`", tmp.path().display()))?;
    tmp.persist(path).map_err(|e| e.error).with_context(|| format!("failed to write `{}`", path.display()))?;
    Ok(())
}

/// Writes `text` to a new file at `path`, never replacing one: an error of kind
/// `AlreadyExists` when a file has that name (even one that appeared meanwhile).
pub fn create_new(path: &Path, text: &str, prefix: &str) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new().prefix(prefix).tempfile_in(folder_of(path))?;
    tmp.write_all(text.as_bytes())?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_file_is_replaced_and_no_temporary_file_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        std::fs::write(&path, "old").unwrap();
        super::replace(&path, "new", ".a-").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        super::create_new(&path, "first", ".a-").unwrap();
        let err = super::create_new(&path, "second", ".a-").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }
}
