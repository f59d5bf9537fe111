//! The strongest check of incremental rebuilds: after each kind of edit of the example
//! site, the files `serve` holds equal those of a full build of the same files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::session::{Outcome, Session};
use super::store::MemorySite;
use crate::build::BuildOptions;
use crate::project::ProjectOptions;

/// A copy of the repository's example site (newsletter theme, stories, notes, pages).
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["site.yaml", "content", "static", "themes"] {
        for entry in walkdir::WalkDir::new(repo.join(name)) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(repo).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    dir
}

fn options(site: &Path) -> ProjectOptions {
    let mut options = ProjectOptions::new(std::fs::canonicalize(site).unwrap());
    options.base_url = Some("http://127.0.0.1:1/".into());
    options.now = Some(chrono::DateTime::parse_from_rfc3339("2026-12-01T00:00:00Z").unwrap());
    options
}

type Files = BTreeMap<String, Arc<[u8]>>;

/// Fails with the first files that differ.
fn assert_same(got: &Files, want: &Files, what: &str) {
    let differ: Vec<&String> = want.keys().chain(got.keys()).filter(|k| got.get(*k) != want.get(*k)).collect();
    let some = &differ[..differ.len().min(10)];
    assert!(differ.is_empty(), "after {what}, {} files differ from a full build: {some:?}", differ.len());
}

struct Editor {
    _dir: tempfile::TempDir,
    root: PathBuf,
    session: Session,
    store: MemorySite,
}

impl Editor {
    fn new() -> Editor {
        let dir = example_site();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let mut session = Session::new(options(&root));
        let store = MemorySite::default();
        session.full_build(&store).unwrap();
        Editor { _dir: dir, root, session, store }
    }

    /// Changes one file (`None` removes it) and rebuilds as the watcher would.
    fn change(&mut self, rel: &str, edit: Option<&dyn Fn(String) -> String>) -> anyhow::Result<&'static str> {
        let path = self.root.join(rel);
        match edit {
            Some(f) => {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, f(text)).unwrap();
            }
            None => std::fs::remove_file(&path).unwrap(),
        }
        match self.session.rebuild(&[path], &self.store)? {
            Outcome::Rebuilt { kind, .. } => Ok(kind),
            Outcome::Nothing => Ok("nothing"),
        }
    }

    /// Rebuilds after a change the watcher reports as `path`; returns what kind of rebuild.
    fn rebuild(&mut self, path: &Path) -> &'static str {
        match self.session.rebuild(&[path.to_path_buf()], &self.store).unwrap() {
            Outcome::Rebuilt { kind, .. } => kind,
            Outcome::Nothing => "nothing",
        }
    }

    /// Applies an edit and checks the result against a full build.
    fn check(&mut self, what: &str, rel: &str, edit: &dyn Fn(String) -> String) {
        let kind = self.change(rel, Some(edit)).unwrap_or_else(|e| panic!("{what}: {e:#}"));
        let want = match rel.split('/').next().unwrap_or_default() {
            "themes" => "theme",
            dir => dir,
        };
        assert_eq!(kind, want, "{what}: not rebuilt incrementally");
        self.compare(what);
    }

    fn compare(&self, what: &str) {
        let fresh = MemorySite::default();
        Session::new(options(&self.root)).full_build(&fresh).unwrap();
        assert_same(&self.store.snapshot(), &fresh.snapshot(), what);
    }
}

const EXPLAINER: &str = "content/articles/2026/11/18/ct-harbour-bill-explained.md";
const KESSMERE: &str = "content/articles/2026/11/23/np-kessmere-athletic-cup-final-heartbreak.md";
const NOTE: &str = "content/notes/harbour-bill-why-we-are-following-it.md";

#[test]
fn serve_matches_a_full_build_after_each_kind_of_edit() {
    let mut ed = Editor::new();
    front_matter_and_body_edits(&mut ed);
    documents_come_and_go(&mut ed);
    ed.check("a template edit", "themes/newsletter/templates/email.html", &|t| format!("{t}\n<!-- edited -->\n"));
    ed.check("a static file", "static/extra.txt", &|_| "hello".into());
    same_as_gazette_build(&ed);
}

/// Every kind of front-matter edit of an article, a note and a page, and a body edit.
fn front_matter_and_body_edits(ed: &mut Editor) {
    let replace = |a: &'static str, b: &'static str| move |t: String| t.replacen(a, b, 1);
    ed.check("a title edit", EXPLAINER, &replace("title: \"Harbour bill explained", "title: \"Harbour bill decoded"));
    ed.check("a summary edit", EXPLAINER, &replace("summary: \"A new berth", "summary: \"A new quay"));
    ed.check("a body edit", EXPLAINER, &|t| format!("{t}\nOne more paragraph about dredging.\n"));
    ed.check("a tag added", EXPLAINER, &replace("explainer]", "explainer, dredging]"));
    ed.check("an author", EXPLAINER, &replace("authors: [Ida Rusk]", "authors: [Ida Rusk, Per Holm]"));
    ed.check("a source", EXPLAINER, &replace("source: Coastline Times", "source: Coast Times"));
    ed.check("an image", EXPLAINER, &replace("language: en", "images:\n  - src: /img/x.svg\n    alt: X\nlanguage: en"));
    ed.check("an update time", EXPLAINER, &replace("language: en", "updated: 2026-11-19T08:00:00+00:00\nlanguage: en"));
    ed.check("a language", EXPLAINER, &replace("language: en", "language: en-GB"));
    let alias = "aliases: [/articles/2026/11/17/harbour-bill-old/]\n";
    ed.check("an alias", EXPLAINER, &move |t: String| t.replacen("language: en", &format!("{alias}language: en"), 1));
    ed.check("a person removed", EXPLAINER, &replace("Freya Tollan]", "Tomas Brevik]"));
    ed.check("a new person", EXPLAINER, &replace("people: [", "people: [Nova Quist, "));
    let link = "\nSee [the final](@/articles/2026/11/22/mc-rovers-win-cup-final.md).\n";
    ed.check("a link to another article", EXPLAINER, &move |t| format!("{t}{link}"));
    ed.check("a topic change", EXPLAINER, &replace("topic: politics", "topic: economy"));
    ed.check("an explicit story", EXPLAINER, &replace("language: en", "story: harbour-vote\nlanguage: en"));
    ed.check("a date change", EXPLAINER, &replace("2026-11-18T16:00", "2026-11-20T09:00"));
    ed.check("an alias removed", EXPLAINER, &move |t: String| t.replacen(alias, "", 1));
    ed.check("a linked title", KESSMERE, &replace("title: \"", "title: \"Heartbreak: "));
    ed.check("a note edit", NOTE, &replace("Why we are following", "Why we follow"));
    ed.check("a page title", "content/pages/about.md", &replace("About this digest", "About us"));
}

/// Drafts published, articles, notes and whole folders added and removed.
fn documents_come_and_go(ed: &mut Editor) {
    let replace = |a: &'static str, b: &'static str| move |t: String| t.replacen(a, b, 1);
    let poll = "content/articles/2026/11/22/poll-marrow-lead-shrinks-after-harbour-vote.md";
    ed.check("a draft", poll, &replace("title: ", "draft: true\ntitle: "));
    ed.check("a draft published", poll, &replace("draft: true\n", ""));
    let new = "content/articles/2026/11/23/new-arrival.md";
    let text = "---\ntitle: Harbour bill decoded again\ndate: 2026-11-23T10:00:00Z\ntopic: politics\n---\nThe harbour bill, the Assembly and the dockers.\n";
    ed.check("an added article", new, &|_| text.to_owned());
    ed.change(new, None).unwrap();
    ed.compare("a removed article");
    // A folder moved in, then away: the watcher names only the folder.
    let dir = ed.root.join("content/articles/2026/11/25");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("late.md"), text.replace("2026-11-23T10", "2026-11-25T10")).unwrap();
    assert_eq!(ed.rebuild(&dir), "content");
    ed.compare("a folder moved in");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(ed.rebuild(&dir), "content");
    ed.compare("a folder moved away");
    let note = "content/notes/new-note.md";
    let text = "---\ntitle: A new note\ndate: 2026-11-22T20:00:00Z\ntopics: [sport]\narticles: [2026/11/22/mc-rovers-win-cup-final.md]\n---\nOn [[mc-rovers-win-cup-final]].\n";
    ed.check("an added note", note, &|_| text.to_owned());
    ed.change(note, None).unwrap();
    ed.compare("a removed note");
}

/// Serve's full build is `gazette build` but for the search index (built on demand) and the
/// output folder's marker.
fn same_as_gazette_build(ed: &Editor) {
    let out = tempfile::tempdir().unwrap();
    let project = options(&ed.root);
    let mut build = BuildOptions::new(&project.site);
    (build.base_url, build.now) = (project.base_url, project.now);
    build.out = Some(out.path().join("site"));
    crate::build::build(&build).unwrap();
    let built: Files = walkdir::WalkDir::new(out.path().join("site"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.path().to_string_lossy().contains("/search-index/") && e.file_name() != ".gazette-output")
        .map(|e| {
            let rel = e.path().strip_prefix(out.path().join("site")).unwrap().to_string_lossy().replace('\\', "/");
            (rel, Arc::from(std::fs::read(e.path()).unwrap()))
        })
        .collect();
    assert_same(&ed.store.snapshot(), &built, "comparing with `gazette build`");
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_until_fixed() {
    let mut ed = Editor::new();
    let before = ed.store.snapshot();
    let err = ed.change(EXPLAINER, Some(&|t: String| t.replacen("topic: politics", "topik: politics", 1)));
    assert!(super::session::error_text(&err.unwrap_err()).contains("topik"));
    assert_same(&ed.store.snapshot(), &before, "a broken edit");
    // A change elsewhere must not forget the broken file: it is read again and still fails.
    let err = ed.change(NOTE, Some(&|t: String| t.replacen("Why we are following", "Why we follow", 1)));
    assert!(err.is_err(), "the pending broken edit is read again");
    ed.check("the fix", EXPLAINER, &|t| t.replacen("topik: politics", "topic: culture", 1));
}

/// Random front-matter and body edits of random articles and notes, each checked against a
/// full build (proptest's deterministic generator, so a failure reproduces).
#[test]
fn random_edits_match_a_full_build() {
    let mut ed = Editor::new();
    let mut files: Vec<String> = walkdir::WalkDir::new(ed.root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&ed.root).unwrap().to_string_lossy().into_owned())
        .collect();
    files.retain(|f| !f.contains("/pages/"));
    use proptest::prelude::RngExt;
    let mut rng = proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha);
    let mut next = move |n: usize| rng.random_range(0..n);
    const TOPICS: [&str; 4] = ["politics", "economy", "sport", "climate"];
    for round in 0..60 {
        let file = files[next(files.len())].clone();
        let note = file.contains("/notes/");
        let (pick, topic, n) = (next(8), TOPICS[next(4)], next(1000));
        let edit = move |t: String| -> String {
            let (front, body) = t.split_once("\n---\n").map_or((t.as_str(), ""), |(f, b)| (f, b));
            let mut lines: Vec<String> = front.lines().map(str::to_owned).collect();
            let set =
                |lines: &mut Vec<String>, key: &str, value: String| match lines.iter().position(|l| l.starts_with(key))
                {
                    Some(i) => lines[i] = value,
                    None => lines.push(value),
                };
            let mut body = body.to_owned();
            match (pick, note) {
                (0, _) => set(&mut lines, "title:", format!("title: \"Edited headline {n}\"")),
                (1, false) => set(&mut lines, "topic:", format!("topic: {topic}")),
                (2, false) => set(&mut lines, "tags:", format!("tags: [t{}, harbour]", n % 7)),
                (3, false) => set(&mut lines, "people:", format!("people: [Ilse Marrow, P{}]", n % 5)),
                (4, false) => set(&mut lines, "story:", format!("story: s{}", n % 3)),
                (5, _) => set(&mut lines, "summary:", format!("summary: \"Summary {n}\"")),
                (6, false) => {
                    // Another time of the same day: the article moves among its neighbours.
                    let day = lines.iter().find(|l| l.starts_with("date:")).map(|l| l[..16].to_owned());
                    set(
                        &mut lines,
                        "date:",
                        format!("{}T{:02}:{:02}:00+00:00", day.unwrap_or_default(), n % 24, n % 60),
                    );
                }
                _ => body = format!("{body}\nThe harbour bill, the dockers and vote number {n}.\n"),
            }
            format!("{}\n---\n{body}", lines.join("\n"))
        };
        ed.check(&format!("random edit {round} ({pick}) of {file}"), &file, &edit);
    }
}
