//! Properties over generated sites: any article that loads also renders (the build never fails
//! after loading succeeded, and never panics), and building the same files twice gives
//! byte-identical output.

mod common;

use proptest::prelude::*;

/// Text with the characters that break naive generators: markup, quotes, entities, emoji.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 <>\"'&/\\\\#*_\\[\\]`|!.é😀-]{1,40}").unwrap()
}

/// One Markdown block of a kind editors and importers write.
fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(|t| format!("## {t}")),
        text().prop_map(|t| format!("{t} with *emphasis* and **strong** words.")),
        text().prop_map(|t| format!("- {t}\n- second\n  - nested {t}")),
        text().prop_map(|t| format!("> {t}\n>\n> > deeper {t}")),
        text().prop_map(|t| format!("```rust\nfn main() {{ println!(\"{t}\"); }}\n```")),
        text().prop_map(|t| format!("```\n{t}\n```")),
        text().prop_map(|t| format!("<div class=\"box\" onclick=\"x()\">{t}</div>")),
        text().prop_map(|t| format!("[{t}](https://example.org/a?b=1&c=2) and ![img](/images/x.png)")),
        text().prop_map(|t| format!("| a | b |\n|---|---|\n| {t} | 2 |")),
        text().prop_map(|t| format!("Footnote[^1].\n\n[^1]: {t}")),
    ]
}

/// One article file: front matter with awkward values (written as JSON strings, valid YAML),
/// dated before the tests' fixed "now" (2026-06-01) so it is published.
fn article() -> impl Strategy<Value = String> {
    (text(), 1u32..=5, 1u32..=28, proptest::collection::vec(text(), 0..3), text(), proptest::collection::vec(block(), 0..6))
        .prop_map(|(title, month, day, tags, person, blocks)| {
            let json = |s: &str| serde_json::to_string(s).unwrap();
            let tags: Vec<String> = tags.iter().map(|t| json(t)).collect();
            format!(
                "---\ntitle: {}\ndate: 2026-{month:02}-{day:02}\ntopic: news\ntags: [{}]\npeople: [{}]\nsummary: {}\n---\n\n{}\n",
                json(&title),
                tags.join(", "),
                json(&person),
                json(&title),
                blocks.join("\n\n")
            )
        })
}

const SITE: &str = "title: Properties\nbase_url: https://example.org/sub/\nsearch: false\n\
topics:\n  - slug: news\n    name: News\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_article_that_loads_renders_and_rebuilds_byte_identically(articles in proptest::collection::vec(article(), 1..4)) {
        let names: Vec<String> = (0..articles.len()).map(|i| format!("content/articles/a{i}.md")).collect();
        let mut files: Vec<(&str, &str)> = vec![("site.yaml", SITE)];
        files.extend(names.iter().map(String::as_str).zip(articles.iter().map(String::as_str)));
        let site = common::site_from(&files);
        let first = site.path().join("out1");
        match common::build(site.path(), &first) {
            Ok(_) => {}
            // Loading may refuse an article (e.g. two titles that make one URL): a diagnostic, fine.
            Err(e) if e.downcast_ref::<gazette::diagnostics::ContentErrors>().is_some() => return Ok(()),
            Err(e) => panic!("an article that loaded did not render: {e:#}\n{articles:#?}"),
        }
        let pages = common::read_tree(&first);
        for i in 0..articles.len() {
            let page = pages.keys().find(|k| k.starts_with("articles/") && k.ends_with(&format!("/a{i}/index.html")));
            prop_assert!(page.is_some(), "no page for article a{}", i);
        }
        let second = site.path().join("out2");
        common::build(site.path(), &second).unwrap();
        prop_assert!(pages == common::read_tree(&second), "two builds of the same files differ");
    }
}
