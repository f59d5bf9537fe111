//! Head metadata: OpenGraph, Twitter card and NewsArticle JSON-LD, and a hostile title that
//! must come out escaped everywhere (HTML, attributes, JSON-LD, feeds) yet read back intact.

mod publish_support;

use dom_query::Document;
use publish_support::{build, HOSTILE_TITLE};

fn meta(doc: &Document, key: &str) -> Vec<String> {
    let sel = format!("meta[property=\"{key}\"], meta[name=\"{key}\"]");
    doc.select(&sel).nodes().iter().filter_map(|n| n.attr("content").map(|c| c.to_string())).collect()
}

fn json_ld(doc: &Document) -> Vec<serde_json::Value> {
    doc.select("script[type=\"application/ld+json\"]")
        .nodes()
        .iter()
        .map(|n| serde_json::from_str(&n.text()).unwrap_or_else(|e| panic!("JSON-LD does not parse: {e}")))
        .collect()
}

#[test]
fn every_article_page_has_news_article_json_ld_with_required_properties() {
    let site = build("publish", "", None);
    // Article pages, not the redirect page of an alias.
    let articles: Vec<String> = site
        .html_files()
        .into_iter()
        .filter(|f| f.starts_with("articles/") && !site.read(f).contains("http-equiv=\"refresh\""))
        .collect();
    assert_eq!(articles.len(), 5);
    for rel in &articles {
        let doc = Document::from(site.read(rel).as_str());
        let canonical = doc.select("link[rel=canonical]").attr("href").unwrap().to_string();
        let ld = json_ld(&doc);
        assert_eq!(ld.len(), 1, "{rel}");
        let ld = &ld[0];
        assert_eq!(ld["@context"], "https://schema.org", "{rel}");
        assert_eq!(ld["@type"], "NewsArticle", "{rel}");
        assert_eq!(ld["headline"].as_str(), Some(doc.select("h1").text().trim()), "{rel}");
        for key in ["datePublished", "dateModified"] {
            let d = ld[key].as_str().unwrap_or_else(|| panic!("{rel}: {key}"));
            chrono::DateTime::parse_from_rfc3339(d).unwrap_or_else(|e| panic!("{rel}: {key} {d}: {e}"));
        }
        let authors = ld["author"].as_array().unwrap_or_else(|| panic!("{rel}: author is a list"));
        assert!(!authors.is_empty() && authors.iter().all(|a| a["@type"] == "Person" && a["name"].is_string()));
        assert_eq!(ld["publisher"]["@type"], "Organization");
        assert_eq!(ld["publisher"]["name"], "Harbour Ledger desk");
        assert_eq!(ld["url"].as_str(), Some(canonical.as_str()), "{rel}");
        assert_eq!(meta(&doc, "og:url"), std::slice::from_ref(&canonical));
        assert_eq!(meta(&doc, "og:type"), ["article"]);
        assert_eq!(meta(&doc, "article:published_time"), [ld["datePublished"].as_str().unwrap()]);
    }
    let ferry = Document::from(site.read("articles/2026/03/10/ferry-returns/index.html").as_str());
    let ld = &json_ld(&ferry)[0];
    assert_eq!(ld["image"], serde_json::json!(["https://example.org/ledger/img/ferry.svg"]));
    let names: Vec<&str> = ld["author"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Mira Solberg", "Tomas Eke"]);
    let tide = Document::from(site.read("articles/2026/03/09/tide-gauge-data/index.html").as_str());
    assert_eq!(json_ld(&tide)[0]["dateModified"], "2026-03-10T08:00:00+01:00");
    // The OpenGraph modification time only where the article was updated.
    assert_eq!(meta(&tide, "article:modified_time"), ["2026-03-10T08:00:00+01:00"]);
    assert!(meta(&ferry, "article:modified_time").is_empty());
}

#[test]
fn opengraph_and_twitter_card_follow_the_page() {
    let site = build("publish", "", None);
    let ferry = Document::from(site.read("articles/2026/03/10/ferry-returns/index.html").as_str());
    assert_eq!(meta(&ferry, "og:title"), ["Harbour ferry returns after its winter refit"]);
    assert_eq!(meta(&ferry, "og:image"), ["https://example.org/ledger/img/ferry.svg"]);
    assert_eq!(meta(&ferry, "article:section"), ["City"]);
    assert_eq!(meta(&ferry, "article:tag"), ["ferries", "harbour"]);
    assert_eq!(meta(&ferry, "twitter:card"), ["summary_large_image"]);
    // X falls back to the Open Graph tags: its own would only repeat them.
    for repeated in ["twitter:title", "twitter:description", "twitter:image"] {
        assert!(meta(&ferry, repeated).is_empty(), "{repeated}");
    }
    assert!(meta(&ferry, "description")[0].starts_with("The blue ferry is back"));
    // No image: a plain summary card and no og:image.
    let tide = Document::from(site.read("articles/2026/03/09/tide-gauge-data/index.html").as_str());
    assert_eq!(meta(&tide, "twitter:card"), ["summary"]);
    assert!(meta(&tide, "og:image").is_empty());
    // Not an article: a website, no article:* and no JSON-LD; canonical everywhere.
    for rel in ["index.html", "topics/city/index.html", "archive/index.html", "pages/about/index.html"] {
        let doc = Document::from(site.read(rel).as_str());
        assert_eq!(meta(&doc, "og:type"), ["website"], "{rel}");
        assert!(meta(&doc, "article:published_time").is_empty(), "{rel}");
        assert!(json_ld(&doc).is_empty(), "{rel}");
        let canonical = doc.select("link[rel=canonical]").attr("href").unwrap().to_string();
        assert_eq!(canonical, format!("https://example.org/ledger/{}", rel.trim_end_matches("index.html")));
    }
}

#[test]
fn a_hostile_title_is_escaped_everywhere_and_reads_back_intact() {
    let site = build("publish", "feed_full_content: true", None);
    // 1. No output file carries the markup raw, whatever its format.
    for rel in site.files() {
        let text = String::from_utf8_lossy(&site.bytes(&rel)).into_owned();
        for raw in ["<script>alert(1)", "</script><script>", "<img src=x", "<b>tag</b>", "<Sons>", "<!-- in it"] {
            assert!(!text.contains(raw), "{rel} contains `{raw}` unescaped");
        }
    }
    // 2. Pages that show it have exactly the scripts and images they should.
    for rel in [
        "articles/2026/03/08/hostile-title/index.html",
        "editions/2026/03/08/index.html",
        "topics/city/index.html",
        "index.html",
    ] {
        let doc = Document::from(site.read(rel).as_str());
        let scripts = doc.select("script");
        assert!(scripts.length() <= 1, "{rel}: {} script elements", scripts.length());
        if scripts.length() == 1 {
            assert_eq!(scripts.attr("type").as_deref(), Some("application/ld+json"), "{rel}");
        }
        assert!(doc.select("img[src=x]").is_empty(), "{rel}: injected <img>");
        assert!(doc.select("[onerror]").is_empty(), "{rel}: injected handler");
    }
    // 3. And every reader gets the title back exactly.
    let doc = Document::from(site.read("articles/2026/03/08/hostile-title/index.html").as_str());
    assert_eq!(doc.select("h1").text().trim(), HOSTILE_TITLE);
    assert!(doc.select("title").text().starts_with(HOSTILE_TITLE));
    assert_eq!(meta(&doc, "og:title"), [HOSTILE_TITLE]);
    assert_eq!(meta(&doc, "og:description").len(), 1);
    assert_eq!(meta(&doc, "article:tag"), ["<b>tag</b>", "harbour"]);
    let ld = &json_ld(&doc)[0];
    assert_eq!(ld["headline"], HOSTILE_TITLE);
    // The summary is the head's description meta, not repeated in the JSON-LD.
    assert_eq!(meta(&doc, "og:description"), ["A summary with </script> and <!-- in it, and \"quotes\"."]);
    assert!(ld.get("description").is_none());
    assert_eq!(ld["author"][0]["name"], "O'Neil & <Sons>");
    for file in ["feed.xml", "rss.xml", "feed.json", "topics/city/feed.xml"] {
        let feed = feed_rs::parser::parse(&site.bytes(file)[..]).unwrap();
        let entry = feed.entries.iter().find(|e| e.id.contains("hostile-title")).expect(file);
        assert_eq!(entry.title.as_ref().unwrap().content, HOSTILE_TITLE, "{file}");
    }
    let news = site.read("news-sitemap.xml");
    let news = roxmltree::Document::parse(&news).unwrap();
    assert!(news.descendants().any(|n| n.tag_name().name() == "title" && n.text() == Some(HOSTILE_TITLE)));
}
