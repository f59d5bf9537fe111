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

/// The property: when every file loads, the site builds — any failure after loading, a
/// template's included, is a failure — with a page per article, and builds the same twice.
fn loads_then_builds_identically(files: &[(&str, &str)], articles: usize) -> Result<(), String> {
    let site = common::site_from(files);
    let mut options = gazette::ProjectOptions::new(site.path());
    options.now = Some(common::now());
    match gazette::Project::load(&options) {
        Ok(_) => {}
        // Loading may refuse an article (e.g. two titles that make one URL): a diagnostic, fine.
        Err(e) if e.downcast_ref::<gazette::diagnostics::ContentErrors>().is_some() => return Ok(()),
        Err(e) => return Err(format!("loading failed without a diagnostic: {e:#}")),
    }
    let first = site.path().join("out1");
    common::build(site.path(), &first).map_err(|e| format!("the site loaded but did not build: {}", describe(&e)))?;
    let pages = common::read_tree(&first);
    for i in 0..articles {
        if !pages.keys().any(|k| k.starts_with("articles/") && k.ends_with(&format!("/a{i}/index.html"))) {
            return Err(format!("no page for article a{i}"));
        }
    }
    let second = site.path().join("out2");
    common::build(site.path(), &second).map_err(|e| format!("the second build failed: {}", describe(&e)))?;
    match pages == common::read_tree(&second) {
        true => Ok(()),
        false => Err("two builds of the same files differ".into()),
    }
}

/// An error with the diagnostics it carries.
fn describe(e: &anyhow::Error) -> String {
    match e.downcast_ref::<gazette::diagnostics::ContentErrors>() {
        Some(errors) => errors.0 .0.iter().map(|d| d.render(false)).collect(),
        None => format!("{e:#}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_article_that_loads_renders_and_rebuilds_byte_identically(articles in proptest::collection::vec(article(), 1..4)) {
        let names: Vec<String> = (0..articles.len()).map(|i| format!("content/articles/a{i}.md")).collect();
        let mut files: Vec<(&str, &str)> = vec![("site.yaml", SITE)];
        files.extend(names.iter().map(String::as_str).zip(articles.iter().map(String::as_str)));
        if let Err(e) = loads_then_builds_identically(&files, articles.len()) {
            panic!("{e}\n{articles:#?}");
        }
    }
}

/// Regression (issue 19): the property used to pass whenever the build failed with content
/// errors, and template errors are content errors too — so it passed on exactly the failure
/// it is there to catch. A theme whose article template fails when rendering must fail it.
#[test]
fn the_property_fails_when_a_loaded_site_does_not_render() {
    let site = format!("{SITE}theme: broken\n");
    let files = [
        ("site.yaml", site.as_str()),
        ("themes/broken/theme.yaml", "extends: default\n"),
        ("themes/broken/templates/article.html", "{{ article.no_such_field.at_all }}\n"),
        ("content/articles/a0.md", "---\ntitle: Fine\ndate: 2026-01-02\ntopic: news\n---\n\nFine text.\n"),
    ];
    let err = loads_then_builds_identically(&files, 1).expect_err("rendering failed");
    assert!(err.contains("loaded but did not build") && err.contains("article.html"), "{err}");
}
