//! Refuses output folders where a build would destroy the editor's work.

use std::path::{Path, PathBuf};

use anyhow::bail;

use super::MARKER;

/// Checks that replacing `out` cannot delete anything Gazette did not produce.
///
/// Refused: the site root or any folder containing it, `content/`, `themes/`, `static/` or
/// anything inside them, and a non-empty folder without Gazette's marker (unless `force`).
pub fn check_out_dir(site_root: &Path, out: &Path, force: bool) -> anyhow::Result<()> {
    let root = absolute(site_root);
    let target = absolute(out);
    if target.parent().is_none() {
        bail!("refusing to write the site into `{}`: that is the file system root", out.display());
    }
    if root.starts_with(&target) {
        bail!(
            "refusing to write the site into `{}`: it contains the site itself; use a folder such as `output/`",
            out.display()
        );
    }
    for protected in ["content", "themes", "static", ".git", "src"] {
        if target.starts_with(root.join(protected)) {
            bail!("refusing to write the site into `{}`: it is inside the site's `{protected}/` folder", out.display());
        }
    }
    let non_empty = std::fs::read_dir(&target).map(|mut d| d.next().is_some()).unwrap_or(false);
    if non_empty && !target.join(MARKER).exists() && !force {
        bail!(
            "refusing to replace `{}`: it is not empty and was not made by Gazette (no `{MARKER}` file); \
             choose another folder, or pass --force to replace it",
            out.display()
        );
    }
    Ok(())
}

/// An absolute, normalised path, without requiring it to exist.
fn absolute(path: &Path) -> PathBuf {
    let joined =
        if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    std::fs::canonicalize(&out).unwrap_or(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_targets() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir_all(root.join("content/articles")).unwrap();
        for bad in
            [root.to_path_buf(), root.join("content"), root.join("content/x"), root.join("themes"), PathBuf::from("/")]
        {
            assert!(check_out_dir(root, &bad, true).is_err(), "{}", bad.display());
        }
        assert!(check_out_dir(root, &root.join("output"), false).is_ok());
    }

    #[test]
    fn refuses_foreign_non_empty_folder_without_force() {
        let site = tempfile::tempdir().unwrap();
        let out = site.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("precious.txt"), "x").unwrap();
        assert!(check_out_dir(site.path(), &out, false).is_err());
        assert!(check_out_dir(site.path(), &out, true).is_ok());
        std::fs::write(out.join(MARKER), "").unwrap();
        assert!(check_out_dir(site.path(), &out, false).is_ok());
    }
}
