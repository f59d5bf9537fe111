//! Whether the output still fits GitHub Pages, which refuses published sites over 1 GB.
//!
//! `check` builds in memory without the search index and without making picture variants
//! (it records their paths only). Their sizes come from the last build's `output/` where it
//! has them: the `search-index/` folder as a whole, and each picture variant at its path.
//! What the last build did not have (a first check, new pictures) is not counted, and the
//! warning says so.

use std::collections::BTreeMap;
use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::MARKER;
use crate::render::pictures::VARIANTS_DIR;
use crate::render::search::BUNDLE_DIR;

/// Output size above which `check` warns: a margin under GitHub Pages' 1 GB limit.
pub const OUTPUT_SIZE_WARNING: u64 = 900_000_000;

/// How many of the biggest top-level folders the warning names.
const KINDS_NAMED: usize = 4;

/// Warns when the site would pass [`OUTPUT_SIZE_WARNING`]; `files` is the in-memory build,
/// `search` whether the site has a search index.
pub fn output_size(site_root: &Path, files: &BTreeMap<String, Vec<u8>>, search: bool, problems: &mut Diagnostics) {
    let last = site_root.join("output");
    let last = last.join(MARKER).is_file().then_some(last);
    let mut kinds = BTreeMap::new();
    for (rel, bytes) in files {
        let mut len = bytes.len() as u64;
        if len == 0 && rel.starts_with(VARIANTS_DIR) {
            len = last.as_ref().and_then(|l| std::fs::metadata(l.join(rel)).ok()).map_or(0, |m| m.len());
        }
        *kinds.entry(kind(rel).to_owned()).or_insert(0) += len;
    }
    let index = last.as_ref().map(|l| folder_size(&l.join(BUNDLE_DIR))).filter(|&n| n > 0);
    let gap = match (search, index) {
        (true, Some(bytes)) => {
            kinds.insert(BUNDLE_DIR.trim_end_matches('/').to_owned(), bytes);
            None
        }
        (true, None) => Some("the search index is not counted (run `gazette build` once to include it)"),
        (false, _) => None,
    };
    if let Some(message) = size_warning(&kinds, OUTPUT_SIZE_WARNING, gap) {
        problems.push(Diagnostic::warning(CONFIG_FILE, message));
    }
}

/// The top-level folder of a site-relative path (`articles`, `people`), or `(top level)`.
fn kind(rel: &str) -> &str {
    rel.split_once('/').map_or("(top level)", |(first, _)| first)
}

/// Bytes in the files under `dir` (0 when it does not exist).
fn folder_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

/// The warning for an output whose folders weigh `kinds` (bytes by top-level folder), when
/// their sum passes `limit`; `gap` names what was not counted.
fn size_warning(kinds: &BTreeMap<String, u64>, limit: u64, gap: Option<&str>) -> Option<String> {
    let total: u64 = kinds.values().sum();
    if total <= limit {
        return None;
    }
    let mut biggest: Vec<(&String, &u64)> = kinds.iter().collect();
    biggest.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let named: Vec<String> =
        biggest.iter().take(KINDS_NAMED).map(|(name, bytes)| format!("{name} {}", megabytes(**bytes))).collect();
    let gap = gap.map(|g| format!("; {g}")).unwrap_or_default();
    Some(format!(
        "the output would be {} (over {}): GitHub Pages refuses published sites over 1 GB. \
         Biggest: {}{gap}. To fix: publish elsewhere (any static host without that limit), \
         split the archive into sites by year, or drop a feature that weighs (`search: false`, \
         `feed_families`, fewer picture widths)",
        megabytes(total),
        megabytes(limit),
        named.join(", ")
    ))
}

/// `211 MB` (decimal, as hosting limits are stated).
fn megabytes(bytes: u64) -> String {
    format!("{} MB", (bytes + 500_000) / 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(list: &[(&str, u64)]) -> BTreeMap<String, u64> {
        list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
    }

    #[test]
    fn warns_over_the_limit_naming_the_biggest_folders_and_the_fixes() {
        let sizes = kinds(&[("articles", 600), ("people", 250), ("search-index", 100), ("tags", 50), ("zines", 1)]);
        let warning = size_warning(&sizes, 900, None).expect("1001 bytes pass a 900-byte limit");
        assert!(warning.contains("GitHub Pages refuses published sites over 1 GB"), "{warning}");
        assert!(warning.contains("articles 0 MB, people 0 MB, search-index 0 MB, tags 0 MB"), "{warning}");
        assert!(!warning.contains("zines"), "only the biggest four are named: {warning}");
        assert!(warning.contains("publish elsewhere") && warning.contains("search: false"), "{warning}");
    }

    #[test]
    fn names_sizes_in_megabytes_and_what_was_not_counted() {
        let sizes = kinds(&[("articles", 211_000_000), ("people", 28_400_000), ("(top level)", 700_000_000)]);
        let warning = size_warning(&sizes, OUTPUT_SIZE_WARNING, Some("the search index is not counted")).unwrap();
        assert!(warning.starts_with("the output would be 939 MB (over 900 MB)"), "{warning}");
        assert!(warning.contains("(top level) 700 MB, articles 211 MB, people 28 MB;"), "{warning}");
        assert!(warning.contains("the search index is not counted"), "{warning}");
    }

    #[test]
    fn no_warning_at_or_under_the_limit() {
        assert_eq!(size_warning(&kinds(&[("articles", 900)]), 900, None), None);
        assert_eq!(size_warning(&kinds(&[]), 0, None), None);
    }

    #[test]
    fn kind_is_the_top_level_folder() {
        assert_eq!(kind("articles/2026/a/index.html"), "articles");
        assert_eq!(kind("index.html"), "(top level)");
    }
}
