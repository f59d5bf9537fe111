//! Sitemaps, news sitemap and robots.txt: real XML parsing (roxmltree), namespaces, the
//! 2-day rule of Google News, and the split into an index above the URL limit.

mod publish_support;

use std::collections::BTreeSet;
use std::path::Path;

use gazette::config::Config;
use gazette::render::context::Ctx;
use gazette::render::sitemap::{self, UrlEntry};
use publish_support::{build, HOSTILE_TITLE};

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";
const BASE: &str = "https://example.org/ledger/";

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, ns: &str, name: &str) -> Option<&'a str> {
    node.children().find(|c| c.has_tag_name((ns, name))).and_then(|c| c.text())
}

#[test]
fn sitemap_lists_every_public_page_once_with_lastmod() {
    let site = build("publish", "", None);
    let text = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP_NS, "urlset")), "root: {:?}", root.tag_name());
    let urls: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert!(urls.iter().all(|u| u.has_tag_name((SITEMAP_NS, "url"))));
    let locs: Vec<&str> = urls.iter().map(|u| child_text(*u, SITEMAP_NS, "loc").unwrap()).collect();
    let unique: BTreeSet<&str> = locs.iter().copied().collect();
    assert_eq!(unique.len(), locs.len(), "no URL twice");
    // Every HTML page written, except the 404 page and redirect pages, is in the sitemap, and
    // nothing else.
    let pages: BTreeSet<String> = site
        .html_files()
        .into_iter()
        .filter(|f| f != "404.html" && !site.read(f).contains("http-equiv=\"refresh\""))
        .map(|f| format!("{BASE}{}", f.trim_end_matches("index.html")))
        .collect();
    assert_eq!(unique, pages.iter().map(String::as_str).collect::<BTreeSet<_>>());
    for u in &urls {
        let loc = child_text(*u, SITEMAP_NS, "loc").unwrap();
        match child_text(*u, SITEMAP_NS, "lastmod") {
            Some(d) => {
                chrono::DateTime::parse_from_rfc3339(d).unwrap_or_else(|e| panic!("{loc}: lastmod {d}: {e}"));
            }
            None => assert!(loc.contains("/pages/") || loc.ends_with("/search/"), "{loc} has no lastmod"),
        }
    }
    // An updated article's lastmod is its update time.
    let tide = urls.iter().find(|u| child_text(**u, SITEMAP_NS, "loc").unwrap().ends_with("tide-gauge-data/")).unwrap();
    let lastmod = chrono::DateTime::parse_from_rfc3339(child_text(*tide, SITEMAP_NS, "lastmod").unwrap()).unwrap();
    assert_eq!(lastmod, chrono::DateTime::parse_from_rfc3339("2026-03-10T07:00:00Z").unwrap());
}

#[test]
fn news_sitemap_has_the_articles_of_the_two_days_before_the_newest() {
    let site = build("publish", "", None);
    let text = site.read("news-sitemap.xml");
    let doc = roxmltree::Document::parse(&text).expect("news-sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP_NS, "urlset")));
    assert_eq!(root.lookup_namespace_uri(Some("news")), Some(NEWS_NS));
    let mut seen = Vec::new();
    for url in root.children().filter(|n| n.is_element()) {
        let loc = child_text(url, SITEMAP_NS, "loc").unwrap();
        let news = url.children().find(|c| c.has_tag_name((NEWS_NS, "news"))).expect("news:news");
        let publication = news.children().find(|c| c.has_tag_name((NEWS_NS, "publication"))).unwrap();
        assert_eq!(child_text(publication, NEWS_NS, "name"), Some("Harbour Ledger desk"));
        assert_eq!(child_text(publication, NEWS_NS, "language"), Some("en"));
        let date = child_text(news, NEWS_NS, "publication_date").unwrap();
        chrono::DateTime::parse_from_rfc3339(date).unwrap();
        seen.push((loc.trim_start_matches(BASE).to_owned(), child_text(news, NEWS_NS, "title").unwrap().to_owned()));
    }
    // Newest is 2026-03-10 08:00Z, so the window starts at 2026-03-08 08:00Z: the hostile
    // article (11:00Z) is in, the market hall (07:00Z, one hour earlier) and older are out.
    let expected = [
        ("articles/2026/03/10/ferry-returns/", "Harbour ferry returns after its winter refit"),
        ("articles/2026/03/09/tide-gauge-data/", "Sixty years of tide gauge readings go online"),
        ("articles/2026/03/08/hostile-title/", HOSTILE_TITLE),
    ];
    assert_eq!(seen, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
}

#[test]
fn robots_txt_points_at_both_sitemaps_and_pages_files_are_there() {
    let site = build("publish", "", None);
    let robots = site.read("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/ledger/sitemap.xml\n"), "{robots}");
    assert!(robots.contains("Sitemap: https://example.org/ledger/news-sitemap.xml\n"), "{robots}");
    assert_eq!(site.read("CNAME"), "news.example.org\n");
    assert!(site.out.join(".nojekyll").exists());
}

fn tiny_config() -> Config {
    Config::parse(Path::new("."), "title: T\nbase_url: https://e.org/r/\n", None).unwrap()
}

fn fake_urls(n: usize) -> Vec<UrlEntry> {
    (0..n).map(|i| UrlEntry { loc: format!("https://e.org/r/p/{i}/"), lastmod: None, alternates: Vec::new() }).collect()
}

#[test]
fn sitemap_becomes_an_index_with_parts_above_the_limit() {
    let config = tiny_config();
    let site = gazette::organize::organize(&config, Default::default());
    let lang = gazette::render::theme::strings(&config).expect("the theme's strings load");
    let ctx = Ctx::new(&config, &site, &lang);
    // At the real limit: 50 000 URLs fit in one file, 50 001 need an index and two parts.
    assert_eq!(sitemap::sitemap_files(&ctx, &fake_urls(50_000), sitemap::MAX_URLS).len(), 1);
    let files = sitemap::sitemap_files(&ctx, &fake_urls(50_001), sitemap::MAX_URLS);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["sitemap.xml", "sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml"]);
    let index = std::str::from_utf8(&files[0].1).unwrap();
    let doc = roxmltree::Document::parse(index).unwrap();
    assert!(doc.root_element().has_tag_name((SITEMAP_NS, "sitemapindex")));
    let locs: Vec<&str> =
        doc.descendants().filter(|n| n.has_tag_name((SITEMAP_NS, "loc"))).filter_map(|n| n.text()).collect();
    assert_eq!(locs, ["https://e.org/r/sitemaps/sitemap-1.xml", "https://e.org/r/sitemaps/sitemap-2.xml"]);
    let mut total = 0;
    for (_, bytes) in &files[1..] {
        let text = std::str::from_utf8(bytes).unwrap();
        let part = roxmltree::Document::parse_with_options(
            text,
            roxmltree::ParsingOptions { nodes_limit: u32::MAX, ..Default::default() },
        )
        .unwrap();
        assert!(part.root_element().has_tag_name((SITEMAP_NS, "urlset")));
        total += part.root_element().children().filter(|n| n.is_element()).count();
    }
    assert_eq!(total, 50_001);
}
