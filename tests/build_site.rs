//! Builds fixture sites and checks the whole output.

mod common;

use common::{build, fixture, read_tree};
use dom_query::Document;

#[test]
fn basic_site_output_matches_snapshots() {
    let out = tempfile::tempdir().unwrap();
    let report = build(&fixture("basic"), &out.path().join("output")).unwrap();
    assert_eq!(report.articles, 3, "the draft and the future article are left out");
    let tree = read_tree(&out.path().join("output"));
    let names: Vec<&String> = tree.keys().collect();
    insta::assert_debug_snapshot!("basic_file_list", names);
    for (name, bytes) in &tree {
        if name.ends_with(".html") {
            let snapshot = format!("basic_{}", name.replace('/', "__"));
            insta::assert_snapshot!(snapshot, String::from_utf8_lossy(bytes));
        }
    }
}

#[test]
fn every_link_honours_the_base_path() {
    let out = tempfile::tempdir().unwrap();
    build(&fixture("basic"), &out.path().join("output")).unwrap();
    for (name, bytes) in read_tree(&out.path().join("output")) {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len()..];
                assert!(
                    rest.starts_with("repo/"),
                    "{name}: link without base path: {}",
                    &html[i..i + 40.min(html.len() - i)]
                );
            }
        }
    }
}

#[test]
fn editions_are_cut_at_local_midnight() {
    let out = tempfile::tempdir().unwrap();
    build(&fixture("basic"), &out.path().join("output")).unwrap();
    // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin.
    let day2 = std::fs::read_to_string(out.path().join("output/editions/2026/03/02/index.html")).unwrap();
    assert!(day2.contains("Council votes on night buses"));
    let day1 = std::fs::read_to_string(out.path().join("output/editions/2026/03/01/index.html")).unwrap();
    assert!(!day1.contains("Council votes on night buses"));
    assert!(day1.contains("Why we cover bridges"), "the note of the day is on its edition");
}

#[test]
fn cross_links_on_article_pages() {
    let out = tempfile::tempdir().unwrap();
    build(&fixture("basic"), &out.path().join("output")).unwrap();
    let page =
        std::fs::read_to_string(out.path().join("output/articles/2026/03/01/bridge-reopens/index.html")).unwrap();
    assert!(page.contains("Why we cover bridges"), "notes about the article are linked");
    assert!(page.contains("Mentioned in"), "backlinks are listed");
    assert!(page.contains("/repo/articles/2026/03/02/late-night-vote/"), "newer article in the topic");
    let parser =
        std::fs::read_to_string(out.path().join("output/articles/2026/03/02/parser-release/index.html")).unwrap();
    assert!(parser.contains("href=\"/repo/articles/2026/03/01/bridge-reopens/\">Old bridge reopens after repairs</a>"));
    assert!(parser.contains("<span class=\"hl-"), "code is highlighted with classes");
}

#[test]
fn drafts_flag_includes_drafts_and_future_articles() {
    let out = tempfile::tempdir().unwrap();
    let mut options = gazette::BuildOptions::new(fixture("basic"));
    options.out = Some(out.path().join("output"));
    options.now = Some(common::now());
    options.drafts = true;
    let report = gazette::build(&options).unwrap();
    assert_eq!(report.articles, 5);
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(&fixture("basic"), &a.path().join("output")).unwrap();
    build(&fixture("basic"), &b.path().join("output")).unwrap();
    let (ta, tb) = (read_tree(&a.path().join("output")), read_tree(&b.path().join("output")));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (name, bytes) in &ta {
        assert!(bytes == &tb[name], "{name} differs between builds");
    }
}

#[test]
fn pagination_splits_topic_pages() {
    let out = tempfile::tempdir().unwrap();
    build(&fixture("basic"), &out.path().join("output")).unwrap();
    // paginate_by is 2 and `town` has 2 articles, so there is exactly one page.
    assert!(out.path().join("output/topics/town/index.html").exists());
    assert!(!out.path().join("output/topics/town/page/2/index.html").exists());
    assert!(out.path().join("output/.nojekyll").exists());
    assert!(out.path().join("output/404.html").exists());
    assert!(out.path().join("output/syntax.css").exists());
    assert!(out.path().join("output/img/bridge.svg").exists());
}

#[test]
fn an_entity_page_lists_its_newest_articles_as_cards_and_older_ones_a_line_each() {
    let article = |day: u32, title: &str| {
        format!("---\ntitle: {title}\ndate: 2026-03-0{day}T10:00:00Z\ntags: [harbour]\nsource: Quay Post\nsummary: Summary of {title}.\n---\nText.\n")
    };
    let yaml = format!("{}paginate_by: 2\n", common::SITE_YAML);
    let (a, b, c) = (article(1, "Oldest report"), article(2, "Middle report"), article(3, "Newest report"));
    let site = common::site_from(&[
        ("site.yaml", yaml.as_str()),
        ("content/articles/2026/03/01/oldest.md", a.as_str()),
        ("content/articles/2026/03/02/middle.md", b.as_str()),
        ("content/articles/2026/03/03/newest.md", c.as_str()),
    ]);
    let out = site.path().join("output");
    build(site.path(), &out).unwrap();
    let doc = Document::from(std::fs::read_to_string(out.join("tags/harbour/index.html")).unwrap().as_str());
    let cards: Vec<String> =
        doc.select("article.card .card-title").iter().map(|t| t.text().trim().to_string()).collect();
    assert_eq!(cards, ["Newest report", "Middle report"]);
    assert_eq!(doc.select(".card .summary").length(), 2);
    let older = doc.select("section.older");
    assert_eq!(older.select("h2").text().trim(), "Older articles");
    assert_eq!(older.select("h3 time").attr("datetime").as_deref(), Some("2026-03-01"));
    let row = older.select("ul.compact li");
    assert_eq!(row.length(), 1);
    assert_eq!(row.select("a").first().attr("href").as_deref(), Some("/articles/2026/03/01/oldest/"));
    assert_eq!(row.select(".source").text().trim(), "Quay Post");
    assert!(!older.text().contains("Summary of"), "an older article is one line, without its summary");
}

#[test]
fn only_pages_showing_highlighted_code_link_the_code_stylesheet() {
    let fenced = "---\ntitle: Code\ndate: 2026-03-01T10:00:00Z\n---\nText.\n\n```rust\nfn main() {}\n```\n";
    let unknown = "---\ntitle: Plain\ndate: 2026-03-01T11:00:00Z\n---\nText.\n\n```nolang\nx\n```\n";
    let site = common::site_from(&[
        ("site.yaml", common::SITE_YAML),
        ("content/articles/2026/03/01/code.md", fenced),
        ("content/articles/2026/03/01/plain.md", unknown),
        ("content/notes/aside.md", &fenced.replace("title: Code", "title: Aside")),
    ]);
    let out = site.path().join("output");
    build(site.path(), &out).unwrap();
    let links = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap().contains("syntax.css\"");
    assert!(links("articles/2026/03/01/code/index.html"));
    assert!(links("notes/aside/index.html"));
    // Code in a language syntect does not know is plain escaped text: nothing to colour.
    assert!(!links("articles/2026/03/01/plain/index.html"));
    assert!(!links("index.html") && !links("archive/index.html"));
    assert!(out.join("syntax.css").exists(), "still written for the pages that use it");
}

#[test]
fn site_without_themes_folder_uses_the_built_in_default() {
    // The fixture has no themes/ folder at all.
    assert!(!fixture("basic").join("themes").exists());
    let out = tempfile::tempdir().unwrap();
    build(&fixture("basic"), &out.path().join("output")).unwrap();
    assert!(out.path().join("output/style.css").exists());
}

/// The repository's `themes/newsletter/`, as (path in a site, text) pairs.
fn newsletter_theme() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/newsletter");
    walkdir::WalkDir::new(&dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            (format!("themes/newsletter/{rel}"), std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn newsletter_site(newsletter: bool) -> tempfile::TempDir {
    let yaml = format!(
        "title: Daily\nbase_url: https://example.org/news/\ntheme: newsletter\nnewsletter: {newsletter}\n\
         topics:\n  - slug: town\n    name: Town\n"
    );
    let mut files = vec![
        ("site.yaml".to_owned(), yaml),
        (
            "content/articles/2026/01/02/bridge.md".to_owned(),
            "---\ntitle: Bridge opens\ndate: 2026-01-02T09:00:00Z\ntopic: town\nsource: The Post\n\
             images:\n  - src: /img/bridge.svg\n    alt: A bridge\n---\nThe bridge opened.\n"
                .to_owned(),
        ),
        (
            "content/notes/today.md".to_owned(),
            "---\ntitle: Today\ndate: 2026-01-02T18:00:00Z\nedition: 2026-01-02\n---\nRead [the bridge](@/articles/2026/01/02/bridge.md).\n"
                .to_owned(),
        ),
    ];
    files.extend(newsletter_theme());
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    common::site_from(&refs)
}

#[test]
fn newsletter_theme_renders_each_daily_edition_as_a_self_contained_email() {
    let site = newsletter_site(true);
    let out = site.path().join("output");
    build(site.path(), &out).unwrap();
    let email = std::fs::read_to_string(out.join("editions/2026/01/02/email.html")).unwrap();
    assert!(!email.contains("<script"), "no scripts");
    assert!(!email.contains("stylesheet"), "no external stylesheet: styles are inline");
    assert!(email.contains("style=\"") && email.contains("role=\"presentation\""), "inline CSS, layout tables");
    for attr in ["href=\"", "src=\""] {
        for (i, _) in email.match_indices(attr) {
            let url = &email[i + attr.len()..];
            assert!(url.starts_with("https://example.org/news/"), "relative URL: {}", &url[..url.len().min(60)]);
        }
    }
    assert!(email.contains("href=\"https://example.org/news/articles/2026/01/02/bridge/\""), "the story");
    assert!(email.contains("src=\"https://example.org/news/img/bridge.svg\""), "the lead image");
    assert!(email.contains("Today"), "the editors' note of the day");
    // The rest of the site comes from the default theme it extends.
    let web = std::fs::read_to_string(out.join("editions/2026/01/02/index.html")).unwrap();
    assert!(web.contains("class=\"edition-layout\"") && web.contains("/news/style.css"), "{web}");
    insta::assert_snapshot!("newsletter_email", email);
}

/// Issue 21: with the newsletter theme, each entry of the editions feed is the e-mail
/// edition itself (its body: inline styles, absolute links, the editors' note), so an
/// RSS-to-e-mail service sends the same newsletter; without it, the list of stories.
#[test]
fn with_a_newsletter_the_editions_feed_carries_the_email_edition() {
    for newsletter in [true, false] {
        let site = newsletter_site(newsletter);
        let out = site.path().join("output");
        build(site.path(), &out).unwrap();
        for file in ["feed.xml", "rss.xml", "feed.json"] {
            let bytes = std::fs::read(out.join("editions").join(file)).unwrap();
            let feed = feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(feed.entries.len(), 1, "{file}");
            let body = feed.entries[0].content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
            assert!(body.contains("href=\"https://example.org/news/articles/2026/01/02/bridge/\""), "{file}: {body}");
            assert!(!body.contains("<html") && !body.contains("<body"), "{file}: a fragment, not a document");
            if newsletter {
                let email = std::fs::read_to_string(out.join("editions/2026/01/02/email.html")).unwrap();
                assert!(body.contains("role=\"presentation\"") && body.contains("Today"), "{file}: {body}");
                assert!(email.contains(body.trim()), "{file}: the entry is the e-mail's body");
            } else {
                assert!(body.starts_with("<ul>") && !body.contains("style=\""), "{file}: {body}");
            }
        }
    }
}

#[test]
fn newsletter_pages_only_when_site_yaml_enables_them() {
    let site = newsletter_site(false);
    let out = site.path().join("output");
    build(site.path(), &out).unwrap();
    assert!(out.join("editions/2026/01/02/index.html").exists());
    assert!(!out.join("editions/2026/01/02/email.html").exists());
}

#[test]
fn no_search_leaves_out_the_index_and_its_link() {
    let out = tempfile::tempdir().unwrap();
    let mut options = gazette::BuildOptions::new(fixture("basic"));
    options.out = Some(out.path().join("output"));
    options.now = Some(common::now());
    options.no_search = true;
    gazette::build(&options).unwrap();
    assert!(!out.path().join("output/search").exists());
    assert!(!out.path().join("output/search-index").exists());
    let front = std::fs::read_to_string(out.path().join("output/index.html")).unwrap();
    assert!(!front.contains("/repo/search/"), "no link to a search page that is not there");
}

#[test]
fn archive_links_point_at_the_wayback_machine_on_the_article_day() {
    let article = |slug: &str, front: &str| {
        (
            format!("content/articles/{slug}.md"),
            format!("---\ntitle: {slug}\ndate: 2026-03-17T23:30:00+01:00\ntopic: news\n{front}---\nText.\n"),
        )
    };
    let files = [
        ("site.yaml".to_owned(), format!("{}language: de\narchive_links: true\n", common::SITE_YAML)),
        article("quelle", "source: Hafenblatt\nsource_url: https://hafen.example/a?id=3#kommentare\n"),
        article("ohne", ""),
    ];
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = common::site_from(&refs);
    build(site.path(), &site.path().join("output")).unwrap();
    let page = std::fs::read_to_string(site.path().join("output/articles/2026/03/17/quelle/index.html")).unwrap();
    assert!(
        page.contains("<a class=\"archived\" href=\"https://web.archive.org/web/20260317/https://hafen.example/a?id=3\">Archivierte Kopie</a>"),
        "the article's own day, the original without its fragment, the German label: {page}"
    );
    let page = std::fs::read_to_string(site.path().join("output/articles/2026/03/17/ohne/index.html")).unwrap();
    assert!(!page.contains("web.archive.org"), "no original, no archived copy");
    // Off by default.
    std::fs::write(site.path().join("site.yaml"), format!("{}language: de\n", common::SITE_YAML)).unwrap();
    build(site.path(), &site.path().join("output")).unwrap();
    let page = std::fs::read_to_string(site.path().join("output/articles/2026/03/17/quelle/index.html")).unwrap();
    assert!(!page.contains("web.archive.org") && page.contains("hafen.example"));
}

/// Issue 21: an outlet's page gathers its articles under every spelling (`The Fixture Post`
/// through `aliases:`, `FIXTURE POST` in `sources:`), shows site.yaml's note, and every link to
/// a paywalled original carries a marker with words for screen readers.
#[test]
fn outlets_have_pages_and_paywall_markers() {
    let out = tempfile::tempdir().unwrap();
    build(&fixture("basic"), &out.path().join("output")).unwrap();
    let read = |p: &str| std::fs::read_to_string(out.path().join("output").join(p)).unwrap();
    let post = read("sources/fixture-post/index.html");
    assert!(post.contains("<h1>Fixture Post</h1>"), "{post}");
    assert!(post.contains("Council votes on night buses") && post.contains("Local start-up releases a parser"));
    assert!(!post.contains("Old bridge reopens"), "another outlet's article");
    assert!(post.contains("A made-up evening paper of the fixture town."));
    assert!(post.contains(r#"<a href="https://post.example/" rel="external">Website</a>"#));
    let index = read("sources/index.html");
    assert!(index.contains(r#"<a href="/repo/sources/fixture-post/">Fixture Post</a>"#), "{index}");
    assert!(index.contains(r#"<a href="/repo/sources/fixture-gazette/">Fixture Gazette</a>"#), "{index}");
    let front = read("editions/2026/03/01/index.html");
    let metered = r#"<span class="visually-hidden">Metered paywall</span>"#;
    let hard = r#"<span class="visually-hidden">Subscribers only</span>"#;
    assert!(front.contains(r#"<a class="source" href="/repo/sources/fixture-gazette/">Fixture Gazette</a> <span class="paywall paywall-hard">"#), "{front}");
    assert!(front.contains(hard), "front matter `paywall: true` on an outlet without one");
    let article = read("articles/2026/03/02/parser-release/index.html");
    assert!(article.contains(r#"<a class="source" href="/repo/sources/fixture-post/">Fixture Post</a>"#), "{article}");
    assert!(article.contains(metered), "the outlet's `paywall: metered` from site.yaml");
}

/// Issue 20: an article of a large story lists the six reports nearest its own and links the
/// story page for the rest, which lists every report. Its edition's other articles are only
/// linked: the edition page lists them.
#[test]
fn an_article_of_a_large_story_lists_six_reports_and_links_the_rest() {
    let mut files = vec![("site.yaml".to_owned(), common::SITE_YAML.to_owned())];
    for n in 0..10 {
        files.push((
            format!("content/articles/r{n}.md"),
            format!("---\ntitle: Report {n}\ndate: 2026-03-{:02}T09:00:00Z\ntopic: news\nstory: flood\nsource: Outlet {n}\n---\nText.\n", n + 1),
        ));
    }
    for n in 0..9 {
        files.push((
            format!("content/articles/d{n}.md"),
            format!("---\ntitle: Day item {n}\ndate: 2026-04-01T0{n}:00:00Z\ntopic: news\n---\nText.\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = common::site_from(&refs);
    build(site.path(), &site.path().join("output")).unwrap();
    let read = |p: &str| std::fs::read_to_string(site.path().join("output").join(p)).unwrap();
    let day = read("articles/2026/04/01/d0/index.html");
    let also = day.split("Also in the").nth(1).and_then(|s| s.split("</section>").next()).expect("edition link");
    assert!(also.contains("href=\"/editions/2026/04/01/\">8 reports</a>"), "{also}");
    assert!(!also.contains("Day item"), "the edition's articles are listed on the edition page: {also}");
    let edition = read("editions/2026/04/01/index.html");
    assert!((0..9).all(|n| edition.contains(&format!("Day item {n}"))), "the edition lists them all");
    let page = read("articles/2026/03/01/r0/index.html");
    let listed = |page: &str, n: usize| page.contains(&format!(">Report {n}</a><span class=\"meta\">"));
    let shown: Vec<usize> = (0..10).filter(|&n| listed(&page, n)).collect();
    assert_eq!(shown.len(), 6, "six other reports: {shown:?}");
    assert!(page.contains("+3 more reports</a>"), "the three left out, linked: {page}");
    let story = page.split("\">+3 more reports").next().unwrap().rsplit("href=\"").next().unwrap();
    let story_page = read(&format!("{}index.html", story.trim_start_matches('/')));
    assert!((0..10).all(|n| story_page.contains(&format!("Report {n}"))), "the story page lists them all");
    let small = read("articles/2026/03/05/r4/index.html");
    assert_eq!((0..10).filter(|&n| listed(&small, n)).count(), 6);
}
