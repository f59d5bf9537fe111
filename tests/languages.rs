//! The example site in each of the default theme's 16 languages: no English theme word left
//! in the output, CLDR's dates, and CLDR's plural forms.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gazette::i18n::{placeholders, Catalog};

const LANGUAGES: [&str; 16] =
    ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "uk", "ru", "tr", "ar", "he", "ja", "zh", "ko"];

/// The newest edition of the example site, Monday 23 November 2026, as CLDR writes it in
/// each language (English keeps the theme's house style, "EEEE d MMMM y").
const NEWEST_EDITION: [(&str, &str); 16] = [
    ("en", "Monday 23 November 2026"),
    ("fr", "lundi 23 novembre 2026"),
    ("de", "Montag, 23. November 2026"),
    ("es", "lunes, 23 de noviembre de 2026"),
    ("it", "lunedì 23 novembre 2026"),
    ("pt", "segunda-feira, 23 de novembro de 2026"),
    ("nl", "maandag 23 november 2026"),
    ("pl", "poniedziałek, 23 listopada 2026"),
    ("uk", "понеділок, 23 листопада 2026\u{202f}р."),
    ("ru", "понедельник, 23 ноября 2026\u{202f}г."),
    ("tr", "23 Kasım 2026 Pazartesi"),
    ("ar", "الاثنين، 23 نوفمبر 2026"),
    ("he", "יום שני, 23 בנובמבר 2026"),
    ("ja", "2026年11月23日月曜日"),
    ("zh", "2026年11月23日星期一"),
    ("ko", "2026년 11월 23일 월요일"),
];

/// English theme words that are that language's words too, checked against its own file.
const SAME_WORDS: [(&str, &str); 6] =
    [("fr", "Organisations"), ("fr", "sources"), ("fr", "Page"), ("fr", "Pages"), ("es", "Error 404"), ("nl", "Week")];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn i18n_file(lang: &str) -> Catalog {
    let path = root().join(format!("themes/default/i18n/{lang}.yaml"));
    Catalog::parse(&path, &std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(entry.path(), target).unwrap();
    }
}

/// The main example site with `language: lang`, built into a temporary folder; returns its
/// HTML pages.
fn build_example(lang: &str, dir: &Path) -> BTreeMap<String, String> {
    let site = dir.join(format!("site-{lang}"));
    copy_dir(&root().join("content"), &site.join("content"));
    copy_dir(&root().join("themes"), &site.join("themes"));
    let yaml = std::fs::read_to_string(root().join("site.yaml")).unwrap();
    assert!(yaml.contains("\nlanguage: en\n"));
    std::fs::write(site.join("site.yaml"), yaml.replace("\nlanguage: en\n", &format!("\nlanguage: {lang}\n"))).unwrap();
    let out = dir.join(format!("out-{lang}"));
    let mut options = gazette::BuildOptions::new(&site);
    options.out = Some(out.clone());
    options.now = Some(chrono::DateTime::parse_from_rfc3339("2026-12-04T00:00:00Z").unwrap());
    gazette::build(&options).unwrap_or_else(|e| panic!("{lang}: {e:?}"));
    common::read_tree(&out)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// What a reader meets on a page: text outside tags, scripts and styles, and the attribute
/// values that are read out or shown (labels, titles, alternative text, metadata, the
/// messages search.js shows).
fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        for attr in ["aria-label=\"", "title=\"", "alt=\"", "content=\"", "data-messages=\""] {
            let mut t = tag;
            while let Some(i) = t.find(attr) {
                let v = &t[i + attr.len()..];
                let end = v.find('"').unwrap_or(v.len());
                // Addresses (`og:url`, the page's own `/sources/…/`) are not words.
                if !v[..end].starts_with("http") && !v[..end].starts_with('/') {
                    out.push_str(&v[..end]);
                    out.push(' ');
                }
                t = &v[end..];
            }
        }
        rest = &rest[tag_end..];
        for skipped in ["<script", "<style"] {
            if tag.starts_with(skipped) {
                let close = format!("</{}>", &skipped[1..]);
                rest = rest.find(&close).map_or("", |c| &rest[c..]);
            }
        }
    }
    out.push_str(rest);
    // The placeholders in search.js's messages are names, not words.
    without_placeholders(&out.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&"))
}

/// Whether `needle` occurs in `text` as whole words (not inside a longer word).
fn has_phrase(text: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(needle)
        .any(|(i, _)| !word(text[..i].chars().next_back()) && !word(text[i + needle.len()..].chars().next()))
}

fn without_placeholders(form: &str) -> String {
    let mut out = String::new();
    gazette::i18n::fill(form, |seg| {
        match seg {
            gazette::i18n::Segment::Text(t) => out.push_str(t),
            gazette::i18n::Segment::Arg(_) => out.push_str(" \u{1} "),
        }
        Ok(())
    })
    .unwrap();
    out
}

/// The English file's words: each value's text between placeholders, trimmed of spaces and
/// punctuation, where a letter run of three or more remains.
fn english_phrases() -> Vec<String> {
    let en = i18n_file("en");
    let mut phrases: Vec<String> = Vec::new();
    for (key, message) in &en.messages {
        if ["date_format", "time_format", "list_separator", "date_time"].contains(&key.as_str()) {
            continue;
        }
        for form in message.forms() {
            let mut pieces = vec![String::new()];
            gazette::i18n::fill(form, |seg| {
                match seg {
                    gazette::i18n::Segment::Text(t) => pieces.last_mut().unwrap().push_str(t),
                    gazette::i18n::Segment::Arg(_) => pieces.push(String::new()),
                }
                Ok(())
            })
            .unwrap();
            for p in pieces {
                let p = p.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
                if p.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !phrases.contains(&p) {
                    phrases.push(p);
                }
            }
        }
    }
    phrases
}

/// Everything the editor wrote in the example (its articles are in English, so an English
/// theme phrase that also occurs there cannot be told apart in the output).
fn example_input() -> String {
    let mut text = std::fs::read_to_string(root().join("site.yaml")).unwrap();
    for e in walkdir::WalkDir::new(root().join("content")).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        text.push_str(&std::fs::read_to_string(e.path()).unwrap());
    }
    text
}

#[test]
fn the_example_in_16_languages_has_no_english_theme_word_and_cldr_dates() {
    let dir = tempfile::tempdir().unwrap();
    let phrases = english_phrases();
    let input = example_input();
    let checked: Vec<&String> = phrases.iter().filter(|p| !has_phrase(&input, p)).collect();
    // Most of the theme's English is checkable: only phrases the articles also use are not.
    assert!(checked.len() * 10 >= phrases.len() * 8, "{} of {} phrases checkable", checked.len(), phrases.len());
    let mut failures = Vec::new();
    for (lang, newest) in NEWEST_EDITION {
        let pages = build_example(lang, &dir.path().join(lang));
        let front = &pages["index.html"];
        let html_tag = if gazette::i18n::is_rtl(lang) {
            format!("<html lang=\"{lang}\" dir=\"rtl\">")
        } else {
            format!("<html lang=\"{lang}\">")
        };
        assert!(front.contains(&html_tag), "{lang}: no {html_tag}");
        assert!(front.contains(&format!(">{newest}</time>")), "{lang}: the newest edition is not dated {newest:?}");
        if lang == "en" {
            // The English build shows the phrases the check looks for, so it can find them.
            let all: String = pages.values().map(|p| readable(p)).collect();
            let shown = checked.iter().filter(|p| has_phrase(&all, p)).count();
            assert!(shown * 10 >= checked.len() * 7, "the English build shows {shown} of {}", checked.len());
            continue;
        }
        for (rel, html) in &pages {
            let text = readable(html);
            let same = |p: &str| SAME_WORDS.contains(&(lang, p));
            for p in checked.iter().filter(|p| !same(p)) {
                if has_phrase(&text, p) {
                    failures.push(format!("{lang} {rel}: {p:?}"));
                }
            }
        }
    }
    for (lang, word) in SAME_WORDS {
        let own: Vec<String> =
            i18n_file(lang).messages.values().flat_map(|m| m.forms()).map(without_placeholders).collect();
        assert!(has_phrase(&own.join("\n"), word), "{lang}.yaml does not use {word:?}");
    }
    failures.dedup();
    assert!(failures.is_empty(), "English theme words left:\n{}", failures.join("\n"));
}

#[test]
fn plural_forms_for_1_2_5_21_follow_cldr() {
    let cases: [(&str, [&str; 4]); 3] = [
        ("pl", ["1 artykuł", "2 artykuły", "5 artykułów", "21 artykułów"]),
        ("ru", ["1 статья", "2 статьи", "5 статей", "21 статья"]),
        ("ar", ["مقال واحد", "مقالان", "5 مقالات", "21 مقالًا"]),
    ];
    for (lang, want) in cases {
        let site =
            common::site_from(&[("site.yaml", &format!("title: T\nbase_url: https://e.org/\nlanguage: {lang}\n"))]);
        let config = gazette::config::Config::load(site.path(), None).unwrap();
        let strings = gazette::render::theme::strings(&config).unwrap();
        let got = [1, 2, 5, 21].map(|n| strings.text("articles", Some(n), &[]).unwrap());
        assert_eq!(got, want, "{lang}");
    }
    // Egyptian Arabic writes its numbers in Arabic-Indic digits, as CLDR gives for ar-EG.
    let site = common::site_from(&[("site.yaml", "title: T\nbase_url: https://e.org/\nlanguage: ar-EG\n")]);
    let config = gazette::config::Config::load(site.path(), None).unwrap();
    let strings = gazette::render::theme::strings(&config).unwrap();
    assert_eq!(strings.text("articles", Some(21), &[]).unwrap(), "٢١ مقالًا");
}

#[test]
fn every_language_file_has_every_key_with_the_same_placeholders() {
    let en = i18n_file("en");
    for lang in LANGUAGES {
        let file = i18n_file(lang);
        for (key, message) in &en.messages {
            if ["date_format", "time_format"].contains(&key.as_str()) {
                continue;
            }
            let theirs = file.get(key).unwrap_or_else(|| panic!("{lang}.yaml lacks `{key}`"));
            let want: Vec<&str> =
                message.forms().iter().flat_map(|f| placeholders(f).into_keys()).filter(|&p| p != "count").collect();
            for form in theirs.forms() {
                let got: Vec<&str> = placeholders(form).into_keys().filter(|&p| p != "count").collect();
                for p in &got {
                    assert!(want.contains(p), "{lang}.yaml `{key}` uses `{{{p}}}`, which English does not give");
                }
                for p in &want {
                    assert!(got.contains(p), "{lang}.yaml `{key}` leaves out `{{{p}}}`: {form:?}");
                }
            }
        }
        for key in file.messages.keys() {
            assert!(en.get(key).is_some(), "{lang}.yaml has `{key}`, which English lacks");
        }
    }
}

#[test]
fn site_strings_override_the_theme() {
    let site = common::site_from(&[(
        "site.yaml",
        "title: T\nbase_url: https://e.org/\nlanguage: fr\nstrings:\n  archive: Les archives\n  articles: {one: \"{count} papier\", other: \"{count} papiers\"}\n",
    )]);
    let config = gazette::config::Config::load(site.path(), None).unwrap();
    let strings = gazette::render::theme::strings(&config).unwrap();
    assert_eq!(strings.text("archive", None, &[]).unwrap(), "Les archives");
    assert_eq!(strings.text("articles", Some(3), &[]).unwrap(), "3 papiers");
    assert_eq!(strings.text("search", None, &[]).unwrap(), "Recherche");
    let _: PathBuf = site.path().to_path_buf();
}

#[test]
fn check_lists_the_strings_that_fall_back_to_english() {
    // A theme extending the default with its own French file that translates one new key
    // and has no others of its own: the default's French covers the rest, but a key only the
    // theme's English has falls back to English.
    let site = common::site_from(&[
        ("site.yaml", "title: T\nbase_url: https://e.org/\nlanguage: fr\ntheme: house\n"),
        ("themes/house/theme.yaml", "extends: default\n"),
        ("themes/house/i18n/en.yaml", "house_motto: Honest news\nhouse_tagline: Every morning\n"),
        ("themes/house/i18n/fr.yaml", "house_motto: Des nouvelles honnêtes\n"),
        ("content/articles/2026/01/01/a.md", "---\ntitle: A\ndate: 2026-01-01\n---\nText.\n"),
    ]);
    let report = gazette::check::check(&gazette::check::CheckOptions::new(site.path())).unwrap();
    let warnings: Vec<String> = report.problems.warnings().map(|d| d.message.clone()).collect();
    let line = warnings.iter().find(|w| w.contains("no `fr` translation")).unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(line.contains("1 theme string(s)") && line.contains("house_tagline"), "{line}");
    assert!(!line.contains("house_motto"), "{line}");
}
