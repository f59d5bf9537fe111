//! The German and French example site (`examples/alpine`): each language a digest of its own
//! under its folder, a language switcher and `hreflang` alternates between translations, in
//! the head and in the sitemaps, and shared files written once at the root.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::read_tree;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/alpine")
}

fn build_example(out: &Path) -> (gazette::BuildReport, BTreeMap<String, String>) {
    let mut options = gazette::BuildOptions::new(example());
    options.out = Some(out.to_path_buf());
    options.now = Some(chrono::DateTime::parse_from_rfc3339("2026-12-05T12:00:00+01:00").unwrap());
    let report = gazette::build(&options).unwrap();
    let tree = read_tree(out).into_iter().map(|(k, v)| (k, String::from_utf8_lossy(&v).into_owned())).collect();
    (report, tree)
}

fn page<'t>(tree: &'t BTreeMap<String, String>, path: &str) -> &'t str {
    tree.get(path).unwrap_or_else(|| panic!("no `{path}` in the output"))
}

/// The `<link rel="alternate" hreflang>` elements of a page's head, as (code, href).
fn hreflang(html: &str) -> Vec<(String, String)> {
    let head = &html[..html.find("</head>").unwrap()];
    head.match_indices("<link rel=\"alternate\" hreflang=\"")
        .map(|(i, m)| {
            let rest = &head[i + m.len()..];
            let (code, rest) = rest.split_once('"').unwrap();
            let href = rest.split_once("href=\"").unwrap().1.split_once('"').unwrap().0;
            (code.to_owned(), href.to_owned())
        })
        .collect()
}

/// The language switcher's links, as (code, href, current).
fn switcher(html: &str) -> Vec<(String, String, bool)> {
    let nav =
        html.split("<nav class=\"languages\"").nth(1).expect("a language switcher").split("</nav>").next().unwrap();
    nav.split("<li>")
        .skip(1)
        .map(|li| {
            let href = li.split_once("href=\"").unwrap().1.split_once('"').unwrap().0;
            let code = li.split_once("hreflang=\"").unwrap().1.split_once('"').unwrap().0;
            (code.to_owned(), href.to_owned(), li.contains("aria-current"))
        })
        .collect()
}

const SITE: &str = "https://example.github.io/alpine/";
const AVALANCHE: &str = "articles/2026/11/25/lawinenwarnung/";

#[test]
fn each_language_is_a_digest_under_its_folder_with_shared_files_at_the_root() {
    let out = tempfile::tempdir().unwrap();
    let (report, tree) = build_example(&out.path().join("output"));
    assert_eq!((report.articles, report.notes), (24, 2), "both languages' articles and notes");
    assert!(page(&tree, "index.html").starts_with("<!doctype html>\n<html lang=\"de\">"));
    assert!(page(&tree, "fr/index.html").starts_with("<!doctype html>\n<html lang=\"fr\">"));
    for shared in ["style.css", "syntax.css", "search.js", "favicon.svg", "robots.txt"] {
        assert!(tree.contains_key(shared) && !tree.contains_key(&format!("fr/{shared}")), "{shared} once, at the root");
    }
    for own in ["feed.xml", "sitemap.xml", "news-sitemap.xml", "search/index.html", "archive/index.html"] {
        assert!(tree.contains_key(own) && tree.contains_key(&format!("fr/{own}")), "{own} in each language");
    }
    assert!(tree.keys().any(|k| k.starts_with("fr/search-index/")), "a French search index");
    let fr_front = page(&tree, "fr/index.html");
    assert!(fr_front.contains("href=\"/alpine/style.css\""), "a French page uses the shared style sheet");
    assert!(fr_front.contains("jeudi 3 décembre 2026"), "CLDR's French date");
    assert!(fr_front.contains("<a href=\"/alpine/fr/topics/politik/\">Politique</a>"), "the topic's French name");
    assert!(page(&tree, "index.html").contains("<a href=\"/alpine/topics/politik/\">Politik</a>"));
    // A French article is only in the French digest, and the German only in the German.
    assert!(tree.contains_key("fr/articles/2026/12/03/orchestre-montverand-50-ans/index.html"));
    assert!(!tree.contains_key("articles/2026/12/03/orchestre-montverand-50-ans/index.html"));
    assert!(!tree.contains_key("fr/articles/2026/12/03/kantonsrat-budget-verabschiedet/index.html"));
    // Feeds link to their language's pages.
    assert!(page(&tree, "fr/feed.xml").contains(&format!("{SITE}fr/articles/2026/12/03/orchestre-montverand-50-ans/")));
    assert!(!page(&tree, "feed.xml").contains("/alpine/fr/"));
}

#[test]
fn translations_lead_to_each_other_and_other_pages_to_the_other_front_page() {
    let out = tempfile::tempdir().unwrap();
    let (_, tree) = build_example(&out.path().join("output"));
    let (de, fr) = (format!("{SITE}{AVALANCHE}"), format!("{SITE}fr/{AVALANCHE}"));
    let expected = vec![("de".into(), de.clone()), ("fr".into(), fr.clone()), ("x-default".into(), de.clone())];
    for file in [format!("{AVALANCHE}index.html"), format!("fr/{AVALANCHE}index.html")] {
        assert_eq!(hreflang(page(&tree, &file)), expected, "{file}: the same file name in two language folders");
    }
    let fr_page = page(&tree, &format!("fr/{AVALANCHE}index.html"));
    assert_eq!(
        switcher(fr_page),
        vec![
            ("de".into(), format!("/alpine/{AVALANCHE}"), false),
            ("fr".into(), format!("/alpine/fr/{AVALANCHE}"), true)
        ]
    );
    // `translation_of:` pairs files of different names.
    let cheese = page(&tree, "articles/2026/11/24/bergkaeserei-geisstal-exportrekord/index.html");
    assert_eq!(switcher(cheese)[1].1, "/alpine/fr/articles/2026/11/24/fromagerie-geisstal-record-export/");
    // A French-only article has no alternates, and its switcher leads to the German front page.
    let only = page(&tree, "fr/articles/2026/12/03/orchestre-montverand-50-ans/index.html");
    assert!(hreflang(only).is_empty(), "{:?}", hreflang(only));
    assert_eq!(switcher(only)[0].1, "/alpine/");
    // Pages every language has at one path: the front page, a topic, the archive.
    for path in ["", "topics/politik/", "archive/"] {
        let html = page(&tree, &format!("fr/{path}index.html"));
        assert_eq!(hreflang(html)[0], ("de".into(), format!("{SITE}{path}")), "fr/{path}");
    }
    // The same pages' pages in the sitemaps, and robots.txt names every language's sitemap.
    let sitemap = page(&tree, "fr/sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(&format!("<xhtml:link rel=\"alternate\" hreflang=\"de\" href=\"{de}\"/>")));
    let robots = page(&tree, "robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {SITE}sitemap.xml\n"))
            && robots.contains(&format!("Sitemap: {SITE}fr/sitemap.xml\n"))
    );
}

#[test]
fn the_example_checks_clean_and_builds_byte_for_byte_the_same() {
    let report = gazette::check::check(&gazette::check::CheckOptions::new(example())).unwrap();
    let problems: Vec<String> = report.problems.0.iter().map(|d| d.to_string()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(report.pages > 200, "{} pages checked", report.pages);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (_, first) = build_example(a.path());
    let (_, second) = build_example(b.path());
    assert!(first == second, "two builds differ");
}

#[test]
fn a_site_without_languages_ignores_language_folders() {
    let site = common::site_from(&[
        ("site.yaml", "title: T\nbase_url: https://e.org/\nlanguage: en\n"),
        ("content/articles/2026/03/01/a.md", "---\ntitle: A\ndate: 2026-03-01T10:00:00Z\n---\nText.\n"),
        ("content/fr/articles/2026/03/01/b.md", "---\ntitle: B\ndate: 2026-03-01T10:00:00Z\n---\nTexte.\n"),
    ]);
    let out = site.path().join("output");
    let report = common::build(site.path(), &out).unwrap();
    assert_eq!(report.articles, 1);
    let front = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!front.contains("class=\"languages\"") && !front.contains("hreflang"), "no switcher");
    assert!(!out.join("fr").exists());
}

#[test]
fn a_story_page_lists_its_reports_in_the_other_languages() {
    let out = tempfile::tempdir().unwrap();
    let (_, tree) = build_example(&out.path().join("output"));
    let story = "stories/felssturz-gamsjoch/";
    let de = page(&tree, &format!("{story}index.html"));
    let other =
        de.split("<h3 lang=\"fr\">Français</h3>").nth(1).expect("the French reports").split("</ul>").next().unwrap();
    assert!(other.contains("href=\"/alpine/fr/articles/2026/11/26/felssturz-gamsjoch/\" hreflang=\"fr\""), "{other}");
    assert!(de.contains("Berichte in anderen Sprachen"), "the heading in the page's language");
    let fr = page(&tree, &format!("fr/{story}index.html"));
    assert!(
        fr.contains("<h3 lang=\"de\">Deutsch</h3>")
            && fr.contains("/alpine/articles/2026/11/27/gamsjoch-weiler-evakuiert/")
    );
    assert_eq!(switcher(fr)[0].1, format!("/alpine/{story}"));
}

/// Stories of different ids are one story across languages when one holds a translation of
/// a report of the other.
#[test]
fn stories_meet_across_languages_through_a_translated_report() {
    let article = |title: &str, story: &str, day: u32| {
        format!(
            "---\ntitle: {title}\ndate: 2026-03-0{day}T10:00:00Z\nstory: {story}\nsource: Outlet {day}\n---\nText.\n"
        )
    };
    let site = common::site_from(&[
        (
            "site.yaml",
            "title: T\nbase_url: https://e.org/\nlanguages: [{code: de, name: Deutsch}, {code: fr, name: Français}]\n",
        ),
        ("content/de/articles/2026/03/01/brueckenbau.md", &article("Brückenbau beginnt", "bruecke", 1)),
        ("content/de/articles/2026/03/02/bruecke-zweiter-tag.md", &article("Zweiter Tag am Bau", "bruecke", 2)),
        ("content/fr/articles/2026/03/01/brueckenbau.md", &article("Le chantier du pont commence", "pont", 1)),
        ("content/fr/articles/2026/03/03/pont-suite.md", &article("Le pont, suite", "pont", 3)),
    ]);
    let out = site.path().join("output");
    common::build(site.path(), &out).unwrap();
    let de = std::fs::read_to_string(out.join("stories/bruecke/index.html")).unwrap();
    assert!(de.contains("<h3 lang=\"fr\">Français</h3>") && de.contains("/fr/articles/2026/03/03/pont-suite/"), "{de}");
    let fr = std::fs::read_to_string(out.join("fr/stories/pont/index.html")).unwrap();
    assert_eq!(switcher(&fr)[0].1, "/stories/bruecke/");
    assert_eq!(hreflang(&fr)[0], ("de".into(), "https://e.org/stories/bruecke/".into()));
}

#[test]
fn a_moved_article_of_a_second_language_is_named_with_its_alias() {
    let site = common::copy_tree(&example());
    let mut options = gazette::BuildOptions::new(site.path());
    options.now = Some(chrono::DateTime::parse_from_rfc3339("2026-12-05T12:00:00+01:00").unwrap());
    gazette::build(&options).unwrap();
    let urls = std::fs::read_to_string(site.path().join(".gazette/urls.txt")).unwrap();
    let old = "/fr/articles/2026/12/03/orchestre-montverand-50-ans/";
    assert!(urls.contains(&format!("{old} content/fr/articles/2026/12/03/orchestre-montverand-50-ans.md")), "{urls}");
    // The editor moves it a day earlier: same file, new address.
    let file = site.path().join("content/fr/articles/2026/12/03/orchestre-montverand-50-ans.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("date: 2026-12-03", "date: 2026-12-02", 1)).unwrap();
    let report = gazette::check::check(&gazette::check::CheckOptions::new(site.path())).unwrap();
    let moved: Vec<_> = report.problems.0.iter().filter(|d| d.message.contains("of the last build is gone")).collect();
    assert_eq!(moved.len(), 1, "{moved:#?}");
    assert!(moved[0].message.contains("now at `/fr/articles/2026/12/02/orchestre-montverand-50-ans/`"), "{}", moved[0]);
    assert_eq!(
        moved[0].help.as_deref(),
        Some(format!("keep the old address working: write `aliases: [{old}]` in its front matter").as_str())
    );
    // Following the advice keeps the address: a redirect page under the language's folder.
    let text = std::fs::read_to_string(&file).unwrap().replacen("---\n", &format!("---\naliases: [{old}]\n"), 1);
    std::fs::write(&file, text).unwrap();
    let report = gazette::check::check(&gazette::check::CheckOptions::new(site.path())).unwrap();
    assert!(!report.problems.0.iter().any(|d| d.message.contains("of the last build is gone")));
    gazette::build(&options).unwrap();
    let redirect = std::fs::read_to_string(site.path().join(format!("output{old}index.html"))).unwrap();
    assert!(redirect.contains("/alpine/fr/articles/2026/12/02/orchestre-montverand-50-ans/"), "{redirect}");
}
