//! Search: the index is built in chunks at build time, and the `/search/` page,
//! served under `/REPO/` and run in headless Chromium, finds articles and notes, shows title,
//! outlet, date and a snippet, filters by topic, and shows a hostile title as text.

mod publish_support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dom_query::Document;
use publish_support::server::{self, PREFIX};
use publish_support::{build, HOSTILE_TITLE};

#[test]
fn search_index_is_built_in_chunks_for_articles_and_notes() {
    let site = build("publish", "", None);
    let files = site.files();
    let summary: serde_json::Value = serde_json::from_str(&site.read("search-index/index.json")).unwrap();
    assert_eq!(summary["docs"], 6, "5 articles and 1 note: {summary}");
    assert_eq!(summary["topics"], serde_json::json!(["City", "Science"]));
    let count = |dir: &str| files.iter().filter(|f| f.starts_with(dir) && f.ends_with(".json")).count();
    // Documents are packed `docs_per_file` to a file: six fit in one.
    assert_eq!(count("search-index/doc/"), 1);
    let per = summary["docs_per_file"].as_u64().unwrap();
    assert!(per >= 6, "{summary}");
    assert_eq!(count("search-index/shard/"), summary["shards"].as_array().unwrap().len());
    // "ferry" (shard "f", hex 66) is in two articles and the note; its postings are pairs
    // of (document number delta, weight), written as base-32 digits.
    let shard: serde_json::Value = serde_json::from_str(&site.read("search-index/shard/66.json")).unwrap();
    let postings = numbers(shard["ferry"][1].as_str().unwrap());
    let mut doc = 0;
    let mut titles = Vec::new();
    for pair in postings.chunks(2) {
        doc += pair[0];
        let packed: serde_json::Value =
            serde_json::from_str(&site.read(&format!("search-index/doc/{}.json", doc / per))).unwrap();
        titles.push(packed[(doc % per) as usize]["title"].as_str().unwrap().to_owned());
    }
    titles.sort();
    assert_eq!(
        titles,
        [
            "Harbour ferry returns after its winter refit",
            "Market hall roof to be replaced before summer",
            "Why we followed the ferry refit"
        ],
        "{shard}"
    );
    for f in ["search.js", "search/index.html"] {
        assert!(files.contains(&f.to_owned()), "{f} missing");
    }
    let page = Document::from(site.read("search/index.html").as_str());
    assert_eq!(page.select("form.search-form").attr("data-bundle").as_deref(), Some("/ledger/search-index/"));
    assert_eq!(page.select("script[type=module]").attr("src").as_deref(), Some("/ledger/search.js"));
    let topics: Vec<String> =
        page.select("#search-topic option").nodes().iter().map(|n| n.text().to_string()).collect();
    assert_eq!(topics, ["All topics", "City", "Science"]);
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| Command::new(b).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok())
}

/// Loads `url` in headless Chromium, lets its scripts run, and returns the resulting DOM.
fn dump_dom(browser: &str, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-extensions",
            "--virtual-time-budget=20000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish loading {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut out = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut out).unwrap();
    out
}

struct Hit {
    title: String,
    href: String,
    outlet: String,
    date: String,
    snippet_html: String,
}

fn hits(dom: &str) -> (String, Vec<Hit>) {
    let doc = Document::from(dom);
    let status = doc.select("#search-status").text().to_string();
    let hits = doc
        .select("#search-results li.search-result")
        .nodes()
        .iter()
        .map(|li| {
            let li = dom_query::Selection::from(*li);
            Hit {
                title: li.select("h2 a").text().to_string(),
                href: li.select("h2 a").attr("href").map(|s| s.to_string()).unwrap_or_default(),
                outlet: li.select(".source").text().to_string(),
                date: li.select("time").text().to_string(),
                snippet_html: li.select(".snippet").inner_html().to_string(),
            }
        })
        .collect();
    (status, hits)
}

/// Runs a search page in the browser and returns status and results. Headless Chromium's
/// virtual time can run out while WebAssembly is still compiling on a busy machine (the page
/// then still says "Searching…"); such a load is retried, a few times at most.
fn search(browser: &str, url: &str) -> (String, Vec<Hit>, String) {
    for _ in 0..4 {
        let dom = dump_dom(browser, url);
        let (status, found) = hits(&dom);
        if status != "Searching…" {
            return (status, found, dom);
        }
    }
    panic!("the search page never finished searching: {url}");
}

/// The publish fixture built under a subpath and served on a free port, with the browser to
/// load it in; none (after saying so) on a developer's machine without Chromium. In CI the
/// browser must be there: `.ci/run` installs Debian's `chromium`.
fn served_publish_site() -> Option<(&'static str, String, publish_support::Built, server::Server)> {
    let Some(browser) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "no chromium in CI: .ci/run must `apt-get install -y chromium`");
        eprintln!("SKIPPED: no chromium on this machine (apt-get install chromium)");
        return None;
    };
    let bound = server::bind();
    let base = bound.base_url();
    let site = build("publish", "", Some(&base));
    let server = bound.start(site.out.clone());
    Some((browser, base, site, server))
}

#[test]
fn search_page_finds_filters_and_escapes_in_headless_chromium_under_a_subpath() {
    let Some((browser, base, _site, _server)) = served_publish_site() else { return };

    let (status, found, _) = search(browser, &format!("{base}search/?q=ferry"));
    let titles: Vec<&str> = found.iter().map(|h| h.title.as_str()).collect();
    assert!(titles.contains(&"Harbour ferry returns after its winter refit"), "{status}: {titles:?}");
    assert!(titles.contains(&"Why we followed the ferry refit"), "notes are searched too: {titles:?}");
    let ferry = found.iter().find(|h| h.title.starts_with("Harbour ferry")).unwrap();
    assert_eq!(ferry.href, format!("{PREFIX}articles/2026/03/10/ferry-returns/"), "result links keep the subpath");
    assert_eq!(ferry.outlet, "Quellhaven Courier");
    assert_eq!(ferry.date, "Tuesday 10 March 2026");
    assert!(ferry.snippet_html.contains("<mark>"), "snippet highlights the match: {}", ferry.snippet_html);
    assert!(status.contains("result"), "{status}");

    // The topic filter: "ferry" in Science finds nothing; "tide" in Science finds the tide story.
    let (status, found, _) = search(browser, &format!("{base}search/?q=ferry&topic=Science"));
    assert!(found.is_empty() && status.starts_with("No results"), "{status}");
    let (_, found, _) = search(browser, &format!("{base}search/?q=tide&topic=Science"));
    assert_eq!(
        found.iter().map(|h| h.title.as_str()).collect::<Vec<_>>(),
        ["Sixty years of tide gauge readings go online"]
    );

    // A hostile title is shown as text; nothing from it becomes markup.
    let (_, found, dom) = search(browser, &format!("{base}search/?q=onerror"));
    assert_eq!(found.len(), 1, "{dom}");
    assert_eq!(found[0].title, HOSTILE_TITLE);
    let doc = Document::from(dom.as_str());
    assert!(doc.select("#search-results img, #search-results script, [onerror]").is_empty(), "{dom}");
}

#[test]
fn search_page_matches_stems_and_word_beginnings_and_needs_every_word() {
    let Some((browser, base, _site, _server)) = served_publish_site() else { return };
    let titles = |query: &str| -> (String, Vec<String>) {
        let (status, found, _) = search(browser, &format!("{base}search/?q={query}"));
        (status, found.into_iter().map(|h| h.title).collect())
    };

    // No document says "ferries", "ferrying" or "ferr", but each stands for "ferry" (same stem,
    // the word or its stem plus a few letters, the word's beginning).
    for query in ["ferries", "ferrying", "FERR"] {
        let (status, found) = titles(query);
        assert!(found.contains(&"Harbour ferry returns after its winter refit".to_owned()), "{query}: {status}");
        assert!(status.starts_with(&format!("{} result", found.len())), "{status}");
    }
    // Every word must match: only the ferry article says "quieter".
    let (status, found) = titles("ferry+quieter");
    assert_eq!(found, ["Harbour ferry returns after its winter refit"], "{status}");
    let (status, found) = titles("ferry+xylophone");
    assert!(found.is_empty() && status.starts_with("No results"), "{status}");
}

/// Texts whose words the index (Rust) and `search-words.js` (the browser) must split alike:
/// accents, apostrophes, Greek final sigma, Cyrillic, Turkish dotted I, German ß, combining
/// marks, Arabic, Devanagari, Chinese and Japanese, digits, emoji, and runs longer than a word.
const TOKENIZER_CASES: &[&str] = &[
    "The MAYOR's 2026 plan—Café, naïve; x",
    "ΟΔΟΣ Σίσυφος ΣΣ",
    "Москва-река, 3-й причал",
    "İstanbul ISTANBUL Straße STRASSE ﬁnance",
    "e\u{301}te\u{301} cafe\u{301}",
    "القاهرة ٢٠٢٦ मुंबई हिन्दी",
    "東京の港abc、フェリー運航再開 한국어 뉴스",
    "snake_case kebab-case dot.separated 3.14 1,000 ½ ²",
    "🚢 ferry🚢boat",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa and éééééééééééééééééééééééééééééééééééééééé",
];

#[test]
fn the_browser_splits_words_exactly_as_the_index_does() {
    let Some((browser, base, site, _server)) = served_publish_site() else { return };
    let cases = serde_json::to_string(TOKENIZER_CASES).unwrap();
    let page = format!(
        "<!doctype html><title>words</title><pre id=out></pre><script type=module>\
         import {{ words }} from './search-words.js';\
         document.getElementById('out').textContent = JSON.stringify({cases}.map(words));\
         </script>"
    );
    std::fs::write(site.out.join("words-check.html"), page).unwrap();
    let dom = dump_dom(browser, &format!("{base}words-check.html"));
    let shown = Document::from(dom.as_str()).select("#out").text().to_string();
    let browser_words: Vec<Vec<String>> =
        serde_json::from_str(&shown).unwrap_or_else(|e| panic!("no word lists in the page ({e}): {dom}"));
    for (text, from_browser) in TOKENIZER_CASES.iter().zip(browser_words) {
        let mut from_index = Vec::new();
        gazette::render::search::for_each_word(text, &mut String::new(), |w| from_index.push(w.to_owned()));
        assert_eq!(from_browser, from_index, "{text}");
    }
}

/// The numbers of a postings string as `search.js` reads them: base-32 digits, least
/// significant first, a letter of the alphabet's first half ending each number.
fn numbers(text: &str) -> Vec<u64> {
    const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    let (mut out, mut value, mut scale) = (Vec::new(), 0, 1);
    for c in text.chars() {
        let d = ALPHABET.find(c).unwrap_or_else(|| panic!("{c:?} is not a digit of {text:?}")) as u64;
        if d < 32 {
            out.push(value + d * scale);
            (value, scale) = (0, 1);
        } else {
            value += (d - 32) * scale;
            scale *= 32;
        }
    }
    assert_eq!(scale, 1, "{text:?} ends inside a number");
    out
}
