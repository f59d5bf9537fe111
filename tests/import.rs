//! End-to-end tests of `gazette import` on fixture inputs written for these tests.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use gazette::content::front_matter::{parse, ArticleMeta, ARTICLE_KEYS};
use tempfile::TempDir;

const FIX: &str = "tests/fixtures/import";

fn fixture(name: &str) -> String {
    format!("{FIX}/{name}")
}

/// `gazette import` with an empty site (no topics, no articles) so results do not depend on the
/// folder the tests run in.
fn import(site: &Path) -> Command {
    let mut cmd = Command::cargo_bin("gazette").unwrap();
    cmd.arg("import").arg("--site").arg(site);
    cmd
}

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        walkdir(dir).into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    files.sort();
    files
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walkdir(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

fn meta_of(path: &Path) -> ArticleMeta {
    let text = fs::read_to_string(path).unwrap();
    parse::<ArticleMeta>(path, &text, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}")).0
}

fn stdout_of(input: &str) -> String {
    let site = TempDir::new().unwrap();
    let out = import(site.path()).args(["--stdout", "--date", "2026-01-02", input]).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn snapshot_scraped_text() {
    let md = stdout_of(&fixture("scrape.txt"));
    // Debris and captions are out of the body; the headline, section and byline are in the front matter.
    for gone in [
        "Skip to content",
        "NEWYou",
        "See also",
        "Related Articles",
        "Leave a Reply",
        "Back to top",
        "Volunteers stack",
    ] {
        assert!(!md.split("\n---\n").nth(1).unwrap().contains(gone), "{gone} leaked:\n{md}");
    }
    insta::assert_snapshot!("scrape", md);
}

#[test]
fn snapshot_html_page() {
    let md = stdout_of(&fixture("page.html"));
    assert!(md.contains("title: Night trains return to the northern line\n"), "{md}");
    assert!(!md.contains("Share on Facebook") && !md.contains("Bus fares") && !md.contains("All rights reserved"));
    insta::assert_snapshot!("html", md);
}

#[test]
fn snapshot_rss_feed() {
    let md = stdout_of(&fixture("feed.rss"));
    assert_eq!(md.matches("\ntitle: ").count(), 2, "one article per entry:\n{md}");
    insta::assert_snapshot!("rss", md);
}

#[test]
fn snapshot_atom_feed() {
    insta::assert_snapshot!("atom", stdout_of(&fixture("feed.atom")));
}

#[test]
fn latin1_text_is_decoded() {
    let md = stdout_of(&fixture("latin1.txt"));
    assert!(md.contains("title: Café owners in Brisa welcome the new market square"), "{md}");
    assert!(md.contains("Élodie Marchal, who runs a crêperie") && md.contains("naïve"), "{md}");
    assert!(!md.contains('\u{fffd}'));
}

#[test]
fn writes_dated_files_the_build_accepts() {
    let site = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let inputs = ["scrape.txt", "page.html", "feed.rss", "feed.atom", "latin1.txt"].map(fixture);
    import(site.path()).arg("--out").arg(out.path()).args(["--date", "2026-01-02"]).args(&inputs).assert().success();
    let files = md_files(out.path());
    assert_eq!(files.len(), 6, "{files:?}");
    let rel: Vec<String> =
        files.iter().map(|p| p.strip_prefix(out.path()).unwrap().to_string_lossy().replace('\\', "/")).collect();
    assert!(rel
        .contains(&"2026/03/04/floodgates-on-the-morrow-river-hold-after-three-days-of-rain-engineers-say.md".into()));
    assert!(rel.contains(&"2026/02/11/night-trains-return-to-the-northern-line.md".into()), "{rel:?}");
    for f in &files {
        let meta = meta_of(f);
        assert!(inputs.contains(meta.source_file.as_ref().unwrap()), "source_file as given: {:?}", meta.source_file);
    }
    // Atomic writes leave no temporary files behind.
    assert!(walkdir(out.path()).iter().all(|p| p.extension().is_some_and(|e| e == "md")));
}

#[test]
fn duplicates_are_reported_and_skipped() {
    let site = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let copy = site.path().join("copy-of-scrape.txt");
    fs::copy(fixture("scrape.txt"), &copy).unwrap();
    // The same text twice in one run.
    import(site.path())
        .arg("--out")
        .arg(out.path())
        .arg(fixture("scrape.txt"))
        .arg(&copy)
        .assert()
        .success()
        .stdout(predicates::str::contains("imported 1, duplicates 1, failed 0"));
    // The same feed entries again (same URLs) in a later run.
    import(site.path()).arg("--out").arg(out.path()).arg(fixture("feed.rss")).assert().success();
    import(site.path())
        .arg("--out")
        .arg(out.path())
        .arg(fixture("feed.rss"))
        .assert()
        .success()
        .stdout(predicates::str::contains("imported 0, duplicates 2, failed 0"));
    assert_eq!(md_files(out.path()).len(), 3);
}

#[test]
fn articles_of_one_run_with_the_same_name_get_their_own_files() {
    let site = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let text = |words: &str| {
        format!(
            "Harbour ferry timetable changes again\n\nThe harbour ferry will run {words} from Monday, the operator said \
             on Friday, after weeks of complaints from passengers about late and crowded boats in the evening.\n"
        )
    };
    let (a, b) = (site.path().join("a.txt"), site.path().join("b.txt"));
    fs::write(&a, text("every twenty minutes")).unwrap();
    fs::write(&b, text("every half hour")).unwrap();
    for dry in [true, false] {
        let mut cmd = import(site.path());
        cmd.arg("--out").arg(out.path()).args(["--date", "2026-03-04"]);
        if dry {
            cmd.arg("--dry-run");
        }
        let done = cmd.arg(&a).arg(&b).assert().success();
        let stdout = String::from_utf8(done.get_output().stdout.clone()).unwrap();
        assert!(stdout.contains("imported 2, duplicates 0"), "{stdout}");
    }
    let dir = out.path().join("2026/03/04");
    let names: Vec<PathBuf> = md_files(out.path()).iter().map(|p| p.strip_prefix(&dir).unwrap().to_owned()).collect();
    assert_eq!(
        names,
        [
            PathBuf::from("harbour-ferry-timetable-changes-again-2.md"),
            "harbour-ferry-timetable-changes-again.md".into()
        ]
    );
    assert!(fs::read_to_string(dir.join("harbour-ferry-timetable-changes-again.md")).unwrap().contains("twenty"));
    let import_forced = |into: &Path| {
        import(site.path())
            .arg("--out")
            .arg(into)
            .args(["--force", "--date", "2026-03-04"])
            .arg(&a)
            .arg(&b)
            .assert()
            .success();
    };
    // With --force each replaces the file it duplicates.
    import_forced(out.path());
    assert_eq!(md_files(out.path()).len(), 2);
    assert!(fs::read_to_string(dir.join("harbour-ferry-timetable-changes-again-2.md")).unwrap().contains("half hour"));
    // With --force into an empty folder, two articles of one run still never share a file.
    let fresh = TempDir::new().unwrap();
    import_forced(fresh.path());
    let fresh_dir = fresh.path().join("2026/03/04");
    assert!(fs::read_to_string(fresh_dir.join("harbour-ferry-timetable-changes-again.md")).unwrap().contains("twenty"));
    assert!(fs::read_to_string(fresh_dir.join("harbour-ferry-timetable-changes-again-2.md"))
        .unwrap()
        .contains("half hour"));
    assert_eq!(md_files(fresh.path()).len(), 2);
}

#[test]
fn never_overwrites_without_force() {
    let site = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let target = out.path().join("2026/02/11/night-trains-return-to-the-northern-line.md");
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    let edited =
        "---\ntitle: Night trains return to the northern line\ndate: 2026-02-11\n---\n\nThe editor's own words.\n";
    fs::write(&target, edited).unwrap();

    import(site.path()).arg("--out").arg(out.path()).arg(fixture("page.html")).assert().success();
    assert_eq!(fs::read_to_string(&target).unwrap(), edited, "the editor's file is untouched");
    let second = target.with_file_name("night-trains-return-to-the-northern-line-2.md");
    assert!(meta_of(&second).source_url.is_some());

    // With --force the article replaces the file at its own name.
    fs::remove_file(&second).unwrap();
    import(site.path()).arg("--out").arg(out.path()).args(["--force", &fixture("page.html")]).assert().success();
    assert!(fs::read_to_string(&target).unwrap().contains("Overnight passenger trains"));
    assert_eq!(md_files(out.path()).len(), 1);
}

#[test]
fn reads_standard_input() {
    let site = TempDir::new().unwrap();
    let out = import(site.path())
        .args(["--stdout", "-"])
        .write_stdin(fs::read(fixture("latin1.txt")).unwrap())
        .assert()
        .success();
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(md.contains("title: Café owners in Brisa"), "{md}");
    assert!(md.contains("source_file: '-'") || md.contains("source_file: \"-\""), "{md}");
}

#[test]
fn stdout_and_dry_run_write_nothing() {
    let site = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    import(site.path()).arg("--out").arg(out.path()).args(["--stdout", &fixture("scrape.txt")]).assert().success();
    import(site.path())
        .arg("--out")
        .arg(out.path())
        .args(["--dry-run", &fixture("scrape.txt")])
        .assert()
        .success()
        .stdout(predicates::str::contains("imported 1"));
    assert!(walkdir(out.path()).is_empty());
}

#[test]
fn a_bad_input_does_not_stop_the_others() {
    let site = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let bad_feed = site.path().join("broken.xml");
    fs::write(&bad_feed, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x").unwrap();
    let assert = import(site.path())
        .arg("--out")
        .arg(out.path())
        .arg(fixture("scrape.txt"))
        .arg("no/such/file.txt")
        .arg(&bad_feed)
        .arg(fixture("feed.atom"))
        .assert()
        .code(1);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("imported 2, duplicates 0, failed 2"), "{stdout}");
    assert!(stdout.contains("no/such/file.txt") && stdout.contains("not a valid RSS, Atom or JSON feed"), "{stdout}");
    assert_eq!(md_files(out.path()).len(), 2);
}

#[test]
fn usage_errors_exit_with_2() {
    let site = TempDir::new().unwrap();
    import(site.path()).assert().code(2);
    import(site.path()).args(["--date", "soon", &fixture("scrape.txt")]).assert().code(2);
    import(Path::new(&fixture("site")))
        .args(["--topic", "sprot", &fixture("sport.txt")])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `sport`?"));
}

#[test]
fn topic_is_inferred_from_the_sites_articles() {
    let out = TempDir::new().unwrap();
    Command::cargo_bin("gazette")
        .unwrap()
        .args(["import", "--site", &fixture("site"), "--date", "2026-01-02", "--out"])
        .arg(out.path())
        .arg(fixture("sport.txt"))
        .assert()
        .success();
    let files = md_files(out.path());
    let meta = meta_of(&files[0]);
    assert_eq!(meta.topic.as_deref(), Some("sport"));
    let confidence = meta.extra["topic_confidence"].as_f64().unwrap();
    assert!(confidence > 0.5 && confidence <= 1.0, "{confidence}");
    assert!(meta.people.contains(&"Joss Hartley".to_owned()), "{:?}", meta.people);

    // An explicit --topic wins and records no confidence.
    let out2 = TempDir::new().unwrap();
    Command::cargo_bin("gazette")
        .unwrap()
        .args(["import", "--site", &fixture("site"), "--topic", "economy", "--date", "2026-01-02", "--out"])
        .arg(out2.path())
        .arg(fixture("sport.txt"))
        .assert()
        .success();
    let meta = meta_of(&md_files(out2.path())[0]);
    assert_eq!(meta.topic.as_deref(), Some("economy"));
    assert!(!meta.extra.contains_key("topic_confidence"));
}

/// A saved page with a body link carrying campaign parameters; `words` changes its text.
fn page_with_tracking(words: &str) -> String {
    let para = format!("<p>The harbour board met on Tuesday evening and {words} after a long debate about the pier, the ferries and the fishing fleet that uses the eastern quay every morning.</p>");
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Harbour board votes on the pier</title>\
         <meta property=\"article:published_time\" content=\"2026-11-17T08:00:00Z\"></head><body><article>\
         <h1>Harbour board votes on the pier</h1>{para}{para}\
         <p>The full minutes are <a href=\"https://board.example/minutes?id=88&amp;utm_source=newsletter&amp;utm_medium=email&amp;fbclid=IwAR0x\">on the board's site</a>.</p>\
         {para}</article></body></html>"
    )
}

#[test]
fn tracking_parameters_leave_source_urls_links_and_the_duplicate_check() {
    let site = TempDir::new().unwrap();
    let out = TempDir::new().unwrap();
    let first = site.path().join("first.html");
    fs::write(&first, page_with_tracking("approved the repairs")).unwrap();
    import(site.path())
        .arg("--out")
        .arg(out.path())
        .args(["--source-url", "https://ledger.example/2026/11/17/pier?utm_source=twitter&utm_campaign=share&ref=home"])
        .arg(&first)
        .assert()
        .success()
        .stdout(predicates::str::contains("imported 1, duplicates 0"));
    let files = md_files(out.path());
    let meta = meta_of(&files[0]);
    assert_eq!(meta.source_url.as_deref(), Some("https://ledger.example/2026/11/17/pier?ref=home"));
    let body = fs::read_to_string(&files[0]).unwrap();
    assert!(body.contains("(https://board.example/minutes?id=88)"), "{body}");
    // Another text at the same address, shared with other parameters: a duplicate.
    let second = site.path().join("second.html");
    fs::write(&second, page_with_tracking("postponed the repairs")).unwrap();
    import(site.path())
        .arg("--out")
        .arg(out.path())
        .args(["--source-url", "https://ledger.example/2026/11/17/pier?ref=home&fbclid=IwAR9&gclid=Cj0"])
        .arg(&second)
        .assert()
        .success()
        .stdout(predicates::str::contains("imported 0, duplicates 1"));
}
