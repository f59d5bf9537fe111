//! Writing imported articles: duplicate checks against the output folder and earlier imports,
//! file naming (`YYYY/MM/DD/<slug>.md`), never overwriting without `--force`, the writes (in
//! parallel, once every name is decided), each through a temporary file that then takes its name
//! (a new file only where there is none; with `--force`, over the old one).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::existing::{body_fingerprint, ExistingIndex};
use super::{ArticleFile, ImportOptions, ImportReport, Imported};
use crate::content::front_matter::to_file_text;

/// An article with its file text and fingerprint, computed in parallel before placing.
pub(super) struct Rendered {
    file: ArticleFile,
    text: anyhow::Result<String>,
    fingerprint: Option<u64>,
}

pub(super) fn render(file: ArticleFile) -> Rendered {
    let text = to_file_text(&file.meta, &file.body);
    let fingerprint = body_fingerprint(&file.meta.title, &file.body);
    Rendered { file, text, fingerprint }
}

/// What becomes of each article, in input order.
enum Step {
    Duplicate(String, String),
    Failed(String, String),
    /// `write`: the text to write to `path` (`None` with `--stdout` or `--dry-run`).
    Imported {
        imported: Imported,
        write: Option<String>,
    },
}

/// The decisions of one run: duplicates and file names are settled in input order (each
/// depends on the articles before it), the files are then written in parallel by [`Plan::run`].
/// A name is taken when a file has it on disk or an earlier article of this run was given it.
pub(super) struct Plan {
    steps: Vec<Step>,
    /// Path → the step that writes it.
    claimed: HashMap<PathBuf, usize>,
    printed: String,
}

impl Plan {
    pub(super) fn new() -> Plan {
        Plan { steps: Vec::new(), claimed: HashMap::new(), printed: String::new() }
    }

    pub(super) fn fail(&mut self, input: String, why: String) {
        self.steps.push(Step::Failed(input, why));
    }

    /// Decides where one article goes (or that it is a duplicate). Written articles join the
    /// index at once, so later inputs of this run are checked against them.
    pub(super) fn place(
        &mut self,
        r: Rendered,
        input: &str,
        options: &ImportOptions,
        out_dir: &Path,
        index: &mut ExistingIndex,
    ) {
        let Rendered { file, text, fingerprint } = r;
        let text = match text {
            Ok(t) => t,
            Err(e) => return self.fail(input.to_owned(), format!("could not write the front matter: {e}")),
        };
        let mut overwrite_target: Option<PathBuf> = None;
        if let Some(existing) = index.find(&file.meta, fingerprint) {
            // --force replaces a file that was there before the run; a duplicate of an article
            // of this run stays a duplicate.
            let p = Path::new(existing);
            let before_run = !self.claimed.contains_key(p) && p.is_file() && p.starts_with(out_dir);
            if options.force && before_run {
                overwrite_target = Some(PathBuf::from(existing));
            } else {
                return self.steps.push(Step::Duplicate(input.to_owned(), existing.clone()));
            }
        }
        if options.stdout {
            self.printed.push_str(&text);
            index.add(&file.meta, fingerprint, format!("this run: {input}"));
            let imported = Imported { input: input.to_owned(), path: None, title: file.meta.title };
            return self.steps.push(Step::Imported { imported, write: None });
        }
        let path = match overwrite_target {
            Some(p) => p,
            None => {
                let day = file.meta.date.written_day();
                let dir = out_dir
                    .join(day.format("%Y").to_string())
                    .join(day.format("%m").to_string())
                    .join(day.format("%d").to_string());
                free_path(&dir, &file.slug, options.force, |p| self.claimed.contains_key(p))
            }
        };
        self.claimed.insert(path.clone(), self.steps.len());
        index.add(&file.meta, fingerprint, path.display().to_string());
        let imported = Imported { input: input.to_owned(), path: Some(path), title: file.meta.title };
        self.steps.push(Step::Imported { imported, write: (!options.dry_run).then_some(text) });
    }

    /// Writes the files in parallel and reports every article in input order. An article whose
    /// write fails is reported as failed (a later duplicate of it still counts as a duplicate).
    pub(super) fn run(self, force: bool) -> ImportReport {
        use rayon::prelude::*;
        let errors: Vec<Option<String>> = self
            .steps
            .par_iter()
            .map(|step| match step {
                Step::Imported { imported: Imported { path: Some(path), .. }, write: Some(text) } => {
                    write_file(path, text, force).err().map(|e| format!("{e:#}"))
                }
                _ => None,
            })
            .collect();
        let mut report = ImportReport { printed: self.printed, ..ImportReport::default() };
        for (step, error) in self.steps.into_iter().zip(errors) {
            match step {
                Step::Duplicate(input, what) => report.duplicates.push((input, what)),
                Step::Failed(input, why) => report.failed.push((input, why)),
                Step::Imported { imported, .. } => match error {
                    Some(why) => report.failed.push((imported.input, why)),
                    None => report.imported.push(imported),
                },
            }
        }
        report
    }
}

/// `<dir>/<slug>.md`, or with `-2`, `-3`… when that name is taken: by an earlier article of
/// this run (`claimed`), or on disk. `force` lets an article replace the file at its own name,
/// never another: two articles of one run never share a file.
fn free_path(dir: &Path, slug: &str, force: bool, claimed: impl Fn(&Path) -> bool) -> PathBuf {
    let first = dir.join(format!("{slug}.md"));
    if !claimed(&first) && (force || !first.exists()) {
        return first;
    }
    (2..).map(|n| dir.join(format!("{slug}-{n}.md"))).find(|p| !claimed(p) && !p.exists()).unwrap_or(first)
}

/// Writes one article file; without `force` an existing file is never replaced.
///
/// Either way the text goes to a temporary file in the same folder first, which then takes the
/// article's name: a new file only if no file has that name (even one that appeared meanwhile),
/// a `--force` replacement over the old one. A run killed midway leaves whole articles or none,
/// never a truncated one that would neither load nor count as imported.
fn write_file(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    let dir = path.parent().context("the output path has no folder")?;
    std::fs::create_dir_all(dir).with_context(|| format!("failed to create `{}`", dir.display()))?;
    if force {
        return crate::atomic::replace(path, text, ".gazette-import-");
    }
    match crate::atomic::create_new(path, text, ".gazette-import-") {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(e).with_context(|| format!("`{}` already exists; use --force to replace it", path.display()))
        }
        Err(e) => Err(e).with_context(|| format!("failed to write `{}`", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026/01/02/a.md");
        write_file(&path, "first", false).unwrap();
        let err = write_file(&path, "second", false).unwrap_err();
        assert!(format!("{err:#}").contains("already exists; use --force"), "{err:#}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        write_file(&path, "third", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "third");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1);
    }
}
