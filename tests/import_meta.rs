//! Import's metadata on inputs written for these tests: the date rule, link resolution and
//! unwrapping, the outlet's name, datelines and the kinds of entities. Where the shared seed
//! (`shared/seed/`) is present beside the repository, its date rule is checked on it too.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use gazette::content::front_matter::{parse, ArticleMeta, ARTICLE_KEYS};
use tempfile::TempDir;

fn gazette() -> Command {
    Command::cargo_bin("gazette").unwrap()
}

/// Imports `inputs` (name, text) written into a temporary folder, with `args`, and returns
/// each printed article's front matter and body, in input order.
fn import(inputs: &[(&str, &str)], args: &[&str]) -> Vec<(ArticleMeta, String)> {
    let dir = TempDir::new().unwrap();
    let mut cmd = gazette();
    cmd.arg("import").arg("--site").arg(dir.path()).arg("--stdout").args(args);
    for (name, text) in inputs {
        let p = dir.path().join(name);
        fs::write(&p, text).unwrap();
        cmd.arg(p);
    }
    let out = cmd.assert().success();
    let printed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    split_files(&printed)
}

/// The article files of `--stdout` output (each starts with a `---` line).
fn split_files(printed: &str) -> Vec<(ArticleMeta, String)> {
    let mut files = Vec::new();
    let mut rest = printed;
    while let Some(start) = rest.find("---\n") {
        let after = &rest[start + 4..];
        let end_fm = after.find("\n---\n").expect("front matter closes") + 5;
        let next = after[end_fm..].find("\n---\n").map(|i| end_fm + i + 1).unwrap_or(after.len());
        let text = &rest[start..start + 4 + next];
        let (meta, split) =
            parse::<ArticleMeta>(Path::new("out.md"), text, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}"));
        files.push((meta, split.body.to_owned()));
        rest = &after[next..];
    }
    files
}

/// The shared folder beside the repository (or `GAZETTE_SHARED`), when present.
fn shared() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        std::env::var_os("GAZETTE_SHARED").map(PathBuf::from),
        Some(root.join("../shared")),
        Some(root.join("../../shared")),
    ];
    candidates.into_iter().flatten().find(|p| p.join("seed").is_dir())
}

/// A scrape shaped like the seed: the first photo's caption carries an earlier date than the
/// events the text reports, the last caption the latest.
const CAPTIONED_SCRAPE: &str = "World\n\nFerry talks end with a deal on night crossings, mediator says\n\n\
Negotiators for the two harbour towns agreed on Tuesday to restore the night ferry across the sound after a month of talks.\n\n\
The mediator, Orla Fenwick, said both councils had given ground on fares and on the timetable for the winter months.\n\n\
Delegates arrive at the harbour office in Tessby, March 3, 2021. (Jon Marsh/Harbour Pictures)\n\n\
The first talks broke down when the smaller town asked for a crossing every hour, which the operator refused.\n\n\
The mediator shakes hands with the operator's chief at the quay in Tessby, March 14, 2021. (Jon Marsh/Harbour Pictures)\n\n\
A vote on the new fares will be held on 2 April 2021, the councils said in a joint statement on Wednesday.\n";

#[test]
fn a_caption_date_is_a_lower_bound_not_the_publication_date() {
    let files = import(&[("ferry.txt", CAPTIONED_SCRAPE)], &[]);
    let (meta, _) = &files[0];
    // The latest date the text reports as past, not the first caption's, nor the vote ahead.
    assert_eq!(meta.date.to_string(), "2021-03-14");
    assert_eq!(meta.extra.get("date_source").and_then(|v| v.as_str()), Some("text"));
    // `--date` wins over what the text suggests.
    let files = import(&[("ferry.txt", CAPTIONED_SCRAPE)], &["--date", "2021-03-20"]);
    assert_eq!(files[0].0.date.to_string(), "2021-03-20");
    assert!(!files[0].0.extra.contains_key("date_source"));
}

#[test]
fn with_no_date_found_the_import_day_is_noted() {
    let text = "Local\n\nLibrary opens a reading room for night-shift workers\n\n\
        The town library will open a quiet room from ten at night for workers coming off late shifts, its board said.\n\n\
        The room has forty seats and a kettle, and the board hopes to add lockers once the budget allows it.\n";
    let files = import(&[("library.txt", text)], &[]);
    let (meta, _) = &files[0];
    assert_eq!(meta.extra.get("date_source").and_then(|v| v.as_str()), Some("imported"));
    let today = chrono::Utc::now().date_naive();
    let day = meta.date.day(chrono_tz::Tz::UTC);
    assert!((day - today).num_days().abs() <= 1, "{day} vs {today}");
}

#[test]
fn the_seed_is_not_dated_by_its_first_caption() {
    let Some(shared) = shared() else {
        eprintln!("shared/seed not found beside the repository: skipped");
        return;
    };
    let mut seeds: Vec<PathBuf> = fs::read_dir(shared.join("seed")).unwrap().flatten().map(|e| e.path()).collect();
    seeds.sort();
    for seed in seeds {
        let dir = TempDir::new().unwrap();
        let out = gazette().arg("import").arg("--site").arg(dir.path()).arg("--stdout").arg(&seed).assert().success();
        let files = split_files(&String::from_utf8_lossy(&out.get_output().stdout));
        for (meta, _) in files {
            assert_ne!(meta.date.to_string(), "2025-08-06", "{}", seed.display());
        }
    }
}

const LINKED_PAGE: &str = r##"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Tram line reopens after repairs | The Valley Ledger</title>
<meta property="og:site_name" content="The Valley Ledger">
CANONICAL
</head><body><article><h1>Tram line reopens after repairs</h1>
<p>The number four tram ran again on Monday after <a href="/2031/06/01/city/tram-repairs/">three weeks of repairs</a> to the track under the old market, the operator said in a statement.</p>
<p>Riders had used buses in the meantime, and the operator said <a href="../../notes/fares.html">fares</a> would stay as they were for the rest of the year, as <a href="#note-1">noted</a> before.</p>
<p><a href="/2031/05/20/other-story/"><img src="/img/card.jpg" alt=""></a></p>
<p>The repairs cost less than the council had feared, and the work finished two days early, according to <a href="https://council.example/report">the council's report</a>.</p>
<p>Shop owners on the market square said trade had fallen while the street was closed and hoped it would pick up again with the trams back.</p>
</article></body></html>"##;

#[test]
fn relative_links_resolve_against_the_pages_own_url() {
    let page = LINKED_PAGE
        .replace("CANONICAL", r#"<link rel="canonical" href="https://ledger.example/2031/06/22/city/tram/">"#);
    let files = import(&[("tram.html", &page)], &[]);
    let (meta, body) = &files[0];
    assert!(body.contains("[three weeks of repairs](https://ledger.example/2031/06/01/city/tram-repairs/)"), "{body}");
    assert!(body.contains("[fares](https://ledger.example/2031/06/22/notes/fares.html)"), "{body}");
    assert!(body.contains("[noted](https://ledger.example/2031/06/22/city/tram/#note-1)"), "{body}");
    assert!(body.contains("[the council's report](https://council.example/report)"), "{body}");
    // The image-only teaser link is gone, and no empty link is left.
    assert!(!body.contains("[]") && !body.contains("other-story"), "{body}");
    assert_eq!(meta.source_url.as_deref(), Some("https://ledger.example/2031/06/22/city/tram/"));
}

#[test]
fn links_that_cannot_be_resolved_are_unwrapped() {
    let page = LINKED_PAGE.replace("CANONICAL", "");
    let files = import(&[("tram.html", &page)], &[]);
    let (meta, body) = &files[0];
    assert!(body.contains("after three weeks of repairs to the track"), "{body}");
    assert!(body.contains("said fares would stay") && body.contains("as noted before"), "{body}");
    assert!(body.contains("[the council's report](https://council.example/report)"), "{body}");
    assert!(!body.contains("](/") && !body.contains("](#") && !body.contains("](.."), "{body}");
    assert_eq!(meta.source_url, None);
    // With the URL the page was saved from, they resolve against it.
    let files = import(&[("tram.html", &page)], &["--source-url", "https://mirror.example/saved/tram.html"]);
    let (meta, body) = &files[0];
    assert!(body.contains("[three weeks of repairs](https://mirror.example/2031/06/01/city/tram-repairs/)"), "{body}");
    assert_eq!(meta.source_url.as_deref(), Some("https://mirror.example/saved/tram.html"));
}

#[test]
fn a_bad_source_url_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    let p = dir.path().join("tram.html");
    fs::write(&p, LINKED_PAGE).unwrap();
    let out = gazette()
        .arg("import")
        .arg("--site")
        .arg(dir.path())
        .args(["--stdout", "--source-url", "/relative"])
        .arg(&p)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--source-url"));
}

#[test]
fn feed_entries_resolve_links_against_their_own_link() {
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Ledger</title>
        <link>https://ledger.example/</link><description>d</description>
        <item><title>Bridge paint chosen</title><link>/2031/07/01/bridge/</link>
        <description>&lt;p&gt;The &lt;a href="colours.html"&gt;green&lt;/a&gt; won the vote among residents, the council said on Friday evening.&lt;a href="/x"&gt;&lt;/a&gt;&lt;/p&gt;</description></item>
        </channel></rss>"#;
    let files = import(&[("ledger.rss", rss)], &["--date", "2031-07-01"]);
    let (meta, body) = &files[0];
    assert_eq!(meta.source_url.as_deref(), Some("https://ledger.example/2031/07/01/bridge/"));
    assert!(body.contains("[green](https://ledger.example/2031/07/01/bridge/colours.html)"), "{body}");
    assert!(!body.contains("[]"), "{body}");
}

#[test]
fn an_imported_site_with_relative_links_passes_check() {
    let site = TempDir::new().unwrap();
    gazette().arg("init").arg(site.path()).assert().success();
    let pages = TempDir::new().unwrap();
    fs::write(pages.path().join("a.html"), LINKED_PAGE.replace("CANONICAL", "")).unwrap();
    let with = LINKED_PAGE
        .replace("CANONICAL", r#"<link rel="canonical" href="https://ledger.example/2031/06/22/city/tram/">"#)
        .replace("Tram line reopens", "Tram line four reopens");
    fs::write(pages.path().join("b.html"), with).unwrap();
    gazette().arg("import").arg("--site").arg(site.path()).arg(pages.path()).assert().success();
    gazette().arg("check").arg("--site").arg(site.path()).assert().success();
}

#[test]
fn source_is_a_name_authors_are_people_and_datelines_are_split() {
    let page = r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Ferry fares frozen for winter</title>
<meta property="og:site_name" content="https://www.sound-courier.example">
<meta name="author" content="Sound Courier Business">
<link rel="canonical" href="https://www.sound-courier.example/2021/11/02/ferry-fares/">
</head><body><article><h1>Ferry fares frozen for winter</h1>
<p class="byline">By Ines Varga</p>
<p>PORT ALDER (Wirepost)The ferry company said on Tuesday that fares would stay as they are until the spring, after a month of complaints from riders.</p>
<p>The operator, Sound Lines, said fuel had become cheaper and that it wanted riders back on the morning crossings before the timetable changes.</p>
<p>Riders' groups welcomed the freeze but said the evening crossings were still too few for people working late shifts in the port.</p>
</article></body></html>"#;
    let files = import(&[("ferry.html", page)], &[]);
    let (meta, body) = &files[0];
    // The site names itself by its address: the host without www, never a URL.
    assert_eq!(meta.source.as_deref(), Some("sound-courier.example"));
    // The outlet's desk is no author; the page's byline names the person.
    assert_eq!(meta.authors, ["Ines Varga"]);
    assert_eq!(meta.extra.get("dateline").and_then(|v| v.as_str()), Some("PORT ALDER (Wirepost)"));
    assert!(body.trim_start().starts_with("The ferry company said on Tuesday"), "{body}");
}

#[test]
fn entity_kinds_on_sentences_written_for_the_test() {
    let text = "Harbour\n\nChipmaker's shares slide after warning\n\n\
        Shares of Veltrana fell in Hong Kong on Tuesday after the chipmaker warned that profits would shrink this year.\n\n\
        Analyst Mira Okonjo of Daybreak Capital said the warning came as a surprise to investors in Shenzhen and Osaka.\n\n\
        Okonjo added that Veltrana could recover once its new plant in Port Alder opens next spring.\n";
    let files = import(&[("chips.txt", text)], &["--date", "2021-03-02"]);
    let (meta, _) = &files[0];
    assert_eq!(meta.people, ["Mira Okonjo"]);
    assert!(meta.organizations.contains(&"Veltrana".to_owned()), "{:?}", meta.organizations);
    assert!(meta.organizations.contains(&"Daybreak Capital".to_owned()), "{:?}", meta.organizations);
    for place in ["Hong Kong", "Shenzhen", "Osaka"] {
        assert!(meta.places.contains(&place.to_owned()), "{place}: {:?}", meta.places);
    }
    assert!(!meta.places.contains(&"Veltrana".to_owned()) && !meta.people.contains(&"Hong Kong".to_owned()));
}

/// Issue 21: a page whose JSON-LD (inside `@graph`, as news sites write it) says
/// `isAccessibleForFree: false` is imported with `paywall: true`; one that says it is free
/// with `paywall: false`; one that says nothing without the key.
#[test]
fn json_ld_access_sets_paywall() {
    let page = |access: &str| {
        let ld = format!(
            r#"<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":"NewsArticle","headline":"Harbour cranes return","datePublished":"2031-05-02T08:00:00Z"{access}}}]}}</script>"#
        );
        LINKED_PAGE.replace("CANONICAL", &ld)
    };
    // One import each: the three pages have the same text, so one batch would keep only one.
    let walls: Vec<Option<bool>> = [r#","isAccessibleForFree":false"#, r#","isAccessibleForFree":"True""#, ""]
        .iter()
        .map(|access| import(&[("page.html", &page(access))], &[])[0].0.paywall)
        .collect();
    assert_eq!(walls, [Some(true), Some(false), None]);
}
