//! Content errors: each names the file and line, says what is wrong and how to fix it,
//! all of them are reported together, and a failed build leaves the previous output alone.

mod common;

use assert_cmd::Command;
use common::{build, content_errors, site_from, SITE_YAML};

const GOOD: &str = "---\ntitle: Good\ndate: 2026-01-02\ntopic: news\n---\nFine.\n";

fn one_error(article: &str) -> gazette::diagnostics::Diagnostic {
    let site =
        site_from(&[("site.yaml", SITE_YAML), ("content/articles/a.md", article), ("content/articles/good.md", GOOD)]);
    let mut errors = content_errors(site.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let d = errors.remove(0);
    assert_eq!(d.file.to_string_lossy(), "content/articles/a.md");
    d
}

#[test]
fn bad_yaml_names_file_and_line() {
    let d = one_error("---\ntitle: x\ndate: 2026-01-01\ntags: [a, b\n---\n");
    assert!(d.line >= 4, "{d}");
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let d = one_error("---\ntitle: x\ndate: 2026-01-01\nsumary: y\n---\n");
    assert_eq!((d.line, d.column), (4, 1), "{d}");
    assert_eq!(d.message, "unknown key `sumary`");
    assert_eq!(d.help.as_deref(), Some("did you mean `summary`?"));
}

#[test]
fn missing_title_is_reported() {
    let d = one_error("---\ndate: 2026-01-01\n---\nBody\n");
    assert_eq!(d.message, "missing required key `title`");
    assert!(d.line >= 2, "{d}");
}

#[test]
fn missing_date_is_reported() {
    let d = one_error("---\ntitle: x\n---\nBody\n");
    assert_eq!(d.message, "missing required key `date`");
}

#[test]
fn invalid_date_is_reported_with_its_line() {
    let d = one_error("---\ntitle: x\ndate: yesterday\n---\n");
    assert_eq!(d.line, 3);
    assert!(d.message.contains("invalid date `yesterday`"), "{d}");
}

#[test]
fn unknown_topic_suggests_a_known_one() {
    let d = one_error("---\ntitle: x\ndate: 2026-01-01\ntopic: nwes\n---\n");
    assert_eq!((d.line, d.column), (4, 8), "{d}");
    assert_eq!(d.message, "unknown topic `nwes`");
    assert_eq!(d.help.as_deref(), Some("did you mean `news`?"));
}

#[test]
fn broken_internal_link_names_its_line() {
    let d = one_error("---\ntitle: x\ndate: 2026-01-01\n---\nFirst line.\n\nSee [the other](@/articles/gone.md).\n");
    assert_eq!(d.line, 7, "{d}");
    assert!(d.message.contains("@/articles/gone.md"), "{d}");
    let d = one_error("---\ntitle: x\ndate: 2026-01-01\n---\nSee [[goood]].\n");
    assert_eq!(d.line, 5);
    assert_eq!(d.help.as_deref(), Some("did you mean `good`?"));
}

#[test]
fn unclosed_front_matter_and_empty_file_are_reported() {
    let d = one_error("---\ntitle: x\ndate: 2026-01-01\n");
    assert!(d.message.contains("no closing `---`"));
    let d = one_error("");
    assert_eq!(d.message, "the file is empty");
}

#[test]
fn all_errors_are_reported_together() {
    let site = site_from(&[
        ("site.yaml", SITE_YAML),
        ("content/articles/a.md", "---\ntitle: x\ndate: nope\n---\n"),
        ("content/articles/b.md", "---\ntitle: y\ndate: 2026-01-01\ntopic: zzz\n---\n"),
        ("content/notes/n.md", "---\ntitle: n\ndate: 2026-01-01\nbogus: 1\n---\n"),
    ]);
    let errors = content_errors(site.path());
    let files: Vec<String> = errors.iter().map(|d| d.file.to_string_lossy().into_owned()).collect();
    assert_eq!(files, ["content/articles/a.md", "content/articles/b.md", "content/notes/n.md"]);
}

#[test]
fn two_articles_on_one_url_are_an_error_naming_both() {
    let site = site_from(&[
        ("site.yaml", SITE_YAML),
        ("content/articles/x/same.md", GOOD),
        ("content/articles/y/same.md", GOOD),
    ]);
    let errors = content_errors(site.path());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.contains("content/articles/x/same.md")
            && errors[0].message.contains("content/articles/y/same.md")
    );
}

#[test]
fn missing_template_names_template_and_themes_searched() {
    let site = site_from(&[
        ("site.yaml", "title: T\nbase_url: https://example.org/\ntheme: mine\n"),
        ("themes/mine/theme.yaml", "extends: default\n"),
        (
            "themes/mine/templates/article.html",
            "{% extends \"base.html\" %}{% block content %}{% include \"nope.html\" %}{% endblock content %}",
        ),
        ("content/articles/good.md", "---\ntitle: Good\ndate: 2026-01-02\n---\nFine.\n"),
    ]);
    let err = build(site.path(), &site.path().join("output")).unwrap_err();
    let text = format!("{err:#}");
    let diags = err.downcast_ref::<gazette::diagnostics::ContentErrors>().map(|e| e.0 .0.clone()).unwrap_or_default();
    let all = format!(
        "{text} {}",
        diags.iter().map(|d| format!("{d} {}", d.help.clone().unwrap_or_default())).collect::<String>()
    );
    assert!(all.contains("nope.html"), "{all}");
}

#[test]
fn unknown_theme_is_an_error_with_hint() {
    let site = site_from(&[("site.yaml", "title: T\nbase_url: https://example.org/\ntheme: defualt\n")]);
    let err = build(site.path(), &site.path().join("output")).unwrap_err();
    assert!(format!("{err}").contains("theme `defualt` not found"), "{err}");
}

#[test]
fn theme_can_override_one_template_and_inherit_the_rest() {
    let site = site_from(&[
        ("site.yaml", "title: T\nbase_url: https://example.org/\ntheme: mine\n"),
        ("themes/mine/theme.yaml", "extends: default\n"),
        (
            "themes/mine/templates/404.html",
            "{% extends \"default/404.html\" %}{% block content %}CUSTOM 404{{ super() }}{% endblock content %}",
        ),
        // A partial override reaches pages whose templates are inherited.
        ("themes/mine/templates/partials/card.html", "<p class=\"my-card\">{{ item.title }}</p>"),
        ("themes/mine/static/style.css", "/* mine */"),
        ("content/articles/good.md", "---\ntitle: Good\ndate: 2026-01-02\n---\nFine.\n"),
    ]);
    build(site.path(), &site.path().join("output")).unwrap();
    let read = |p: &str| std::fs::read_to_string(site.path().join("output").join(p)).unwrap();
    let page = read("404.html");
    assert!(page.contains("CUSTOM 404") && page.contains("Page not found"), "{page}");
    assert!(page.contains("class=\"masthead\""), "the overriding template still extends the default base");
    let article = read("articles/2026/01/02/good/index.html");
    assert!(
        article.contains("<h1>Good</h1>") && article.contains("class=\"article-layout\""),
        "inherited template used"
    );
    let edition = read("editions/2026/01/02/index.html");
    assert!(edition.contains("<p class=\"my-card\">Good</p>"), "inherited edition page uses the overriding partial");
    assert!(!edition.contains("class=\"card\""), "{edition}");
    assert_eq!(read("style.css"), "/* mine */", "a theme's static file overrides the default's");
    assert!(site.path().join("output/favicon.svg").exists(), "other static files are inherited");
}

#[test]
fn newsletter_without_an_email_template_is_an_error() {
    let yaml = format!("{SITE_YAML}newsletter: true\n");
    let site = site_from(&[("site.yaml", yaml.as_str()), ("content/articles/good.md", GOOD)]);
    let err = build(site.path(), &site.path().join("output")).unwrap_err();
    assert!(format!("{err}").contains("email.html"), "{err}");
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let site = site_from(&[("site.yaml", SITE_YAML), ("content/articles/good.md", GOOD)]);
    let out = site.path().join("output");
    build(site.path(), &out).unwrap();
    let before = common::read_tree(&out);
    std::fs::write(site.path().join("content/articles/bad.md"), "---\ntitle: x\n---\n").unwrap();
    assert!(build(site.path(), &out).is_err());
    assert_eq!(common::read_tree(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".gazette-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left behind");
}

#[test]
fn successful_build_removes_files_no_longer_produced() {
    let site = site_from(&[
        ("site.yaml", SITE_YAML),
        ("content/articles/good.md", GOOD),
        ("content/articles/old.md", GOOD.replace("Good", "Old").as_str()),
    ]);
    let out = site.path().join("output");
    build(site.path(), &out).unwrap();
    assert!(out.join("articles/2026/01/02/old/index.html").exists());
    std::fs::remove_file(site.path().join("content/articles/old.md")).unwrap();
    build(site.path(), &out).unwrap();
    assert!(!out.join("articles/2026/01/02/old/index.html").exists());
}

#[test]
fn cli_prints_file_line_and_caret_and_exits_non_zero() {
    let site = site_from(&[
        ("site.yaml", SITE_YAML),
        ("content/articles/a.md", "---\ntitle: x\ndate: 2026-01-01\ntopic: nwes\n---\n"),
    ]);
    let out = Command::cargo_bin("gazette").unwrap().args(["build", "--site"]).arg(site.path()).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/articles/a.md:4:8"), "{stderr}");
    assert!(stderr.contains("topic: nwes"), "offending line shown: {stderr}");
    assert!(stderr.contains("did you mean `news`?"), "{stderr}");
}

#[test]
fn cli_build_prints_the_summary_and_the_output_size() {
    let site = site_from(&[("site.yaml", SITE_YAML), ("content/articles/good.md", GOOD)]);
    let out = Command::cargo_bin("gazette").unwrap().args(["build", "--site"]).arg(site.path()).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 2);
    assert!(stdout.starts_with("built 1 articles"), "{stdout}");
    assert!(stdout.lines().nth(1).is_some_and(|l| l.starts_with("output: ") && l.ends_with(" files")), "{stdout}");
}

#[test]
fn note_about_unknown_story_is_a_warning_at_its_line() {
    let site = site_from(&[
        ("site.yaml", SITE_YAML),
        ("content/articles/good.md", GOOD),
        ("content/notes/n.md", "---\ntitle: N\ndate: 2026-01-02\nstory: no-such-story\n---\nText.\n"),
    ]);
    let report = build(site.path(), &site.path().join("output")).unwrap();
    let w = report.warnings.warnings().next().expect("a warning");
    assert_eq!(w.file.to_string_lossy(), "content/notes/n.md");
    assert_eq!((w.line, w.column), (4, 8), "{w}");
    assert!(w.message.contains("story `no-such-story`"), "{w}");
}
