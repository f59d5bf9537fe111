//! The malformed-input corpus (`tests/malformed/`, described by `tests/malformed/cases.txt`):
//! every bad input gives the expected kind of message, naming its file and line, in bounded
//! time and without a panic, and the rest of the site is still reported in the same run.

mod common;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use gazette::diagnostics::{ContentErrors, Diagnostic, Severity};

/// Longest any single case may take (debug build, shared machine).
const TIME_LIMIT: Duration = Duration::from_secs(5);

const GOOD: &str = "---\ntitle: Good\ndate: 2026-01-02\ntopic: news\n---\nFine.\n";
const GOOD_PAGE: &str = "articles/2026/01/02/good/index.html";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Error,
    Warning,
    Ok,
    Fatal,
}

#[derive(Debug, Clone)]
struct Case {
    name: String,
    at: Vec<String>,
    outcome: Outcome,
    file: Option<String>,
    line: usize,
    message: String,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/malformed")
}

fn cases() -> Vec<Case> {
    common::manifest_rows(&corpus().join("cases.txt"), 6)
        .into_iter()
        // Symbolic links are made only where they are cheap to make.
        .filter(|cols| cfg!(unix) || !cols[0].starts_with("gen:symlink"))
        .map(|cols| {
            let at: Vec<String> = cols[1].split(',').map(|s| s.trim().to_owned()).collect();
            let outcome = match cols[2].as_str() {
                "error" => Outcome::Error,
                "warning" => Outcome::Warning,
                "ok" => Outcome::Ok,
                "fatal" => Outcome::Fatal,
                other => panic!("unknown outcome `{other}` in case {}", cols[0]),
            };
            let file = match cols[3].as_str() {
                "-" => None,
                "=" => Some(at[0].clone()),
                f => Some(f.to_owned()),
            };
            let line = if cols[4] == "-" { 0 } else { cols[4].parse().unwrap() };
            Case { name: cols[0].clone(), at, outcome, file, line, message: cols[5].clone() }
        })
        .collect()
}

/// Inputs too big or too deep to commit.
fn generated(name: &str, path: &Path) {
    let head = "---\ntitle: Generated\ndate: 2026-01-03\n---\n";
    let body = match name {
        "oversize" => {
            // A 50 MB article; sparse, so it costs no disk or time.
            std::fs::write(path, head).unwrap();
            std::fs::OpenOptions::new().write(true).open(path).unwrap().set_len(50 << 20).unwrap();
            return;
        }
        "symlink-outside" => {
            // A link to a file outside the site (never read: it must not be followed).
            #[cfg(unix)]
            std::os::unix::fs::symlink(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"), path).unwrap();
            return;
        }
        "nested-list" => format!("{}x\n", "- ".repeat(10_000)),
        "nested-blockquote" => format!("{}x\n", "> ".repeat(10_000)),
        "nested-html" => format!("<div>\n{}x{}\n</div>\n", "<div>".repeat(10_000), "</div>".repeat(10_000)),
        // Deep, but not too deep: 90 levels of quotes and 400 of elements are still built.
        "nested-html-shallow" => {
            format!("{}x\n\n<div>\n{}x{}\n</div>\n", "> ".repeat(90), "<section>".repeat(400), "</section>".repeat(400))
        }
        "nested-emphasis" => format!("{}x{}\n", "*_".repeat(10_000), "_*".repeat(10_000)),
        "long-line" => format!("{}\n", "word ".repeat(400_000)),
        other => panic!("no generator `{other}`"),
    };
    std::fs::write(path, format!("{head}{body}")).unwrap();
}

/// Copies `src` (a file or a folder) to `dest`.
fn copy(src: &Path, dest: &Path) {
    if src.is_dir() {
        for e in walkdir::WalkDir::new(src).into_iter().flatten().filter(|e| e.file_type().is_file()) {
            copy(e.path(), &dest.join(e.path().strip_prefix(src).unwrap()));
        }
    } else {
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(src, dest).unwrap();
    }
}

/// Lays the case over `site` at each of its places.
fn place(case: &Case, site: &Path) {
    for at in &case.at {
        let dest = site.join(at);
        match case.name.strip_prefix("gen:") {
            Some(name) => {
                std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
                generated(name, &dest);
            }
            None => copy(&corpus().join(&case.name), &dest),
        }
    }
}

/// A site with `site.yaml` and one good article.
fn base_site() -> tempfile::TempDir {
    common::site_from(&[("site.yaml", common::SITE_YAML), ("content/articles/good.md", GOOD)])
}

/// What a build did, reduced to what the corpus checks.
enum Result {
    Built { diagnostics: Vec<Diagnostic>, articles: usize, good_page: bool },
    Failed(Vec<Diagnostic>),
    Fatal(String),
}

fn run_build(site: &Path) -> Result {
    let out = site.join("output");
    match common::build(site, &out) {
        Ok(report) => Result::Built {
            diagnostics: report.warnings.0,
            articles: report.articles,
            good_page: out.join(GOOD_PAGE).is_file(),
        },
        Err(e) => match e.downcast::<ContentErrors>() {
            Ok(c) => Result::Failed(c.0 .0),
            Err(e) => Result::Fatal(format!("{e:#}")),
        },
    }
}

/// Runs `f` on its own thread; a panic or a run over [`TIME_LIMIT`] is an `Err`.
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> std::result::Result<T, String> {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(v) => {
            let _ = handle.join();
            Ok(v)
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(format!("{what}: panicked")),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("{what}: took more than {TIME_LIMIT:?}")),
    }
}

fn matches(case: &Case, d: &Diagnostic) -> bool {
    let severity = if case.outcome == Outcome::Warning { Severity::Warning } else { Severity::Error };
    d.severity == severity
        && case.file.as_deref().is_none_or(|f| d.file == Path::new(f))
        && d.line == case.line
        && d.message.contains(&case.message)
}

fn describe(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| format!("\n    {d}")).collect()
}

/// Checks one case's result; `Err` says what is wrong.
fn check(case: &Case, result: &Result) -> std::result::Result<(), String> {
    match (case.outcome, result) {
        (Outcome::Error, Result::Failed(ds)) => {
            let errors: Vec<Diagnostic> = ds.iter().filter(|d| d.is_error()).cloned().collect();
            if errors.len() == 1 && matches(case, &errors[0]) {
                Ok(())
            } else {
                Err(format!(
                    "expected one error `{}` at {:?}:{}, got:{}",
                    case.message,
                    case.file,
                    case.line,
                    describe(ds)
                ))
            }
        }
        (Outcome::Warning, Result::Built { diagnostics, good_page, .. }) => {
            if !good_page {
                return Err("the good article beside the bad file was not built".into());
            }
            if diagnostics.len() == 1 && matches(case, &diagnostics[0]) {
                Ok(())
            } else {
                Err(format!("expected one warning `{}`, got:{}", case.message, describe(diagnostics)))
            }
        }
        (Outcome::Ok, Result::Built { diagnostics, articles, good_page }) => {
            let expected = 1 + case.at.iter().filter(|a| a.starts_with("content/articles/")).count();
            if !good_page || *articles != expected {
                Err(format!("expected {expected} article(s) built (the good one and the case's), got {articles}"))
            } else if !diagnostics.is_empty() {
                Err(format!("expected no warnings, got:{}", describe(diagnostics)))
            } else {
                Ok(())
            }
        }
        (Outcome::Fatal, Result::Fatal(text)) if text.contains(&case.message) => Ok(()),
        (_, Result::Built { diagnostics, .. }) => {
            Err(format!("the build succeeded; warnings:{}", describe(diagnostics)))
        }
        (_, Result::Failed(ds)) => Err(format!("unexpected diagnostics:{}", describe(ds))),
        (_, Result::Fatal(text)) => Err(format!("unexpected failure: {text}")),
    }
}

#[test]
fn the_corpus_has_at_least_40_cases_and_every_file_is_listed() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let listed: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    for entry in std::fs::read_dir(corpus()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // `import/` is import's own corpus, checked by tests/malformed_import.rs.
        let known = name == "cases.txt" || name == "import" || listed.contains(&name.as_str());
        assert!(known, "`{name}` is not in cases.txt");
    }
    for name in listed.iter().filter(|n| !n.starts_with("gen:")) {
        assert!(corpus().join(name).exists(), "`{name}` is listed but missing");
    }
}

#[test]
fn every_case_gives_its_message_in_bounded_time() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = case.name.clone();
        let c = case.clone();
        let run = bounded(&name, move || {
            let site = base_site();
            place(&c, site.path());
            run_build(site.path())
        });
        match run {
            Ok(result) => {
                if let Err(why) = check(&case, &result) {
                    failures.push(format!("{name}: {why}"));
                }
            }
            Err(why) => failures.push(why),
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// The content error cases, each under its own name (`content/articles/bad.md` →
/// `content/articles/bad-7.md`) so they can all go into one site.
fn content_error_cases() -> Vec<Case> {
    cases()
        .into_iter()
        .filter(|c| {
            c.outcome == Outcome::Error && c.at.len() == 1 && c.at[0].starts_with("content/") && !c.name.contains('/')
        })
        .enumerate()
        .map(|(i, mut c)| {
            let at = c.at[0].replace(".md", &format!("-{i}.md"));
            c.file = Some(at.clone());
            c.at = vec![at];
            c
        })
        .collect()
}

/// Every bad content file in one site: one diagnostic each, all in the same run.
#[test]
fn many_bad_files_in_one_site_are_all_reported_together() {
    let chosen = content_error_cases();
    assert!(chosen.len() >= 25, "only {} content error cases", chosen.len());
    let expected = chosen.clone();
    let diagnostics = bounded("all at once", move || {
        let site = base_site();
        for case in &chosen {
            place(case, site.path());
        }
        run_build(site.path())
    })
    .unwrap();
    let Result::Failed(ds) = diagnostics else { panic!("the build should fail with content errors") };
    let missing: Vec<String> = expected
        .iter()
        .filter(|case| !ds.iter().any(|d| matches(case, d)))
        .map(|case| format!("{}: `{}` in {:?}:{}", case.name, case.message, case.file, case.line))
        .collect();
    assert!(missing.is_empty(), "not reported:\n{}\nreported:{}", missing.join("\n"), describe(&ds));
    assert_eq!(ds.iter().filter(|d| d.is_error()).count(), expected.len(), "{}", describe(&ds));
}

/// The same site through `gazette build`: a plain failure (not a panic) listing every file.
#[test]
fn the_command_line_lists_every_bad_file_and_fails_cleanly() {
    let chosen = content_error_cases();
    let site = base_site();
    for case in &chosen {
        place(case, site.path());
    }
    let out = assert_cmd::Command::cargo_bin("gazette")
        .unwrap()
        .args(["build", "--site"])
        .arg(site.path())
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for case in &chosen {
        let file = case.file.as_deref().unwrap();
        // With the offending line when there is one to show (an empty file has none).
        let with_line = format!("{file}:{}:", case.line);
        let without = format!("{file}: {}", case.message);
        let shown = (case.line > 0 && stderr.contains(&with_line)) || stderr.contains(&without);
        assert!(shown, "neither `{with_line}` nor `{without}` ({}) in:\n{stderr}", case.name);
    }
    assert!(stderr.contains(&format!("error: {} error(s) in the site's files", chosen.len())), "{stderr}");
}
