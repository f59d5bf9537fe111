//! Incremental organizing (`serve`): after random edits of articles, `organize::update`
//! must give exactly what organizing the edited content from scratch gives.

mod common;

use gazette::config::Config;
use gazette::content::{self, Article, Content, LoadOptions};
use gazette::organize::{self, Site};
use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// Random choices from proptest's deterministic generator (ChaCha, a fixed seed per test), so
/// failures reproduce.
struct Rng(TestRng);

impl Rng {
    fn new(seed: u8) -> Rng {
        Rng(TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]))
    }
    fn below(&mut self, n: usize) -> usize {
        self.0.random_range(0..n)
    }
    /// Skewed towards small values, like word frequencies.
    fn skewed(&mut self, n: usize) -> usize {
        let top = self.below(n) + 1;
        self.below(top)
    }
}

const TOPICS: [&str; 4] = ["politics", "economy", "science", "sport"];

fn word(i: usize) -> String {
    const SYL: [&str; 12] = ["ka", "lo", "mir", "tes", "ban", "ru", "vel", "dor", "shi", "pan", "gu", "zet"];
    format!("{}{}{}", SYL[i % 12], SYL[(i / 12) % 12], SYL[(i / 144) % 12])
}

/// `n` articles over 12 days, in stories of shared words and names, as files of a site.
fn corpus(n: usize, rng: &mut Rng) -> tempfile::TempDir {
    let topics: String = TOPICS.iter().map(|t| format!("  - slug: {t}\n    name: {t}\n")).collect();
    let mut files = vec![(
        "site.yaml".to_owned(),
        format!("title: T\nbase_url: https://example.org/\nweekly_editions: true\ntopics:\n{topics}"),
    )];
    for i in 0..n {
        let story = rng.below(n / 4 + 1);
        let day = 1 + (story + rng.below(2)) % 12;
        let title: Vec<String> = (0..5).map(|_| word(600 + story * 10 + rng.below(6))).collect();
        let body: Vec<String> = (0..120)
            .map(|k| if k % 2 == 0 { word(600 + story * 10 + rng.below(8)) } else { word(200 + rng.skewed(300)) })
            .collect();
        let explicit = if story.is_multiple_of(17) { format!("story: s{}\n", story / 2) } else { String::new() };
        let front = format!(
            "title: \"{}\"\ndate: 2026-03-{day:02}T{:02}:{:02}:00Z\ntopic: {}\ntags: [t{}, t{}]\npeople: [\"P{}\", \"P{}\"]\nplaces: [\"Q{}\"]\nsource: S{}\n{explicit}",
            title.join(" "),
            rng.below(24),
            rng.below(60),
            TOPICS[story % 4],
            story % 9,
            rng.below(12),
            story,
            rng.below(40),
            story % 5,
            rng.below(6),
        );
        files.push((format!("content/articles/a{i:04}.md"), format!("---\n{front}---\n\n{}\n", body.join(" "))));
    }
    let note = "---\ntitle: On things\ndate: 2026-03-05\ntopics: [science]\nstory: s0\n---\nA note.\n";
    files.push(("content/notes/on-things.md".into(), note.into()));
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    common::site_from(&refs)
}

/// A generated site of `n` articles, organized, with the memo `update` starts from (and the
/// folder, kept while the test runs).
fn organized(n: usize, rng: &mut Rng) -> (tempfile::TempDir, Config, Site, Option<organize::Memo>) {
    let site_dir = corpus(n, rng);
    let (config, content) = load(site_dir.path());
    let (site, memo) = organize::organize_keeping(&config, content);
    (site_dir, config, site, Some(memo))
}

fn load(site: &std::path::Path) -> (Config, Content) {
    let config = Config::load(site, None).unwrap();
    let content = content::load(&config, &LoadOptions { drafts: false, now: common::now() }).unwrap();
    (config, content)
}

/// A copy of the content (`Content` keeps a private link index, so it is not `Clone`).
#[allow(clippy::field_reassign_with_default)]
fn copy(content: &Content) -> Content {
    let mut c = Content::default();
    c.articles = content.articles.clone();
    c.notes = content.notes.clone();
    c.pages = content.pages.clone();
    c
}

/// Everything organizing computes, as text.
fn structure(site: &Site) -> String {
    format!(
        "{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}",
        site.editions,
        site.weekly,
        site.topics,
        site.stories,
        site.story_of,
        site.related,
        site.entities,
        site.article_links,
        site.archive,
        site.warnings
    )
}

/// One random edit of an article that keeps its key and date (see [`redate`]); `other` is another article,
/// whose words it may take (joining that article's story).
fn edit(a: &mut Article, other: &Article, rng: &mut Rng, n: usize) {
    let m = &mut a.meta;
    match rng.below(11) {
        0 => m.title = format!("{} {}", m.title, word(rng.below(600))),
        1 => m.topic = Some(TOPICS[rng.below(4)].to_owned()),
        2 => m.tags = vec![format!("t{}", rng.below(12))],
        3 => m.people.push(format!("P{}", rng.below(n / 4))),
        4 => m.people.clear(),
        5 => m.story = if m.story.is_some() { None } else { Some(format!("s{}", rng.below(4))) },
        6 => m.source = Some(format!("S{}", rng.below(3))),
        7 => m.places = vec![format!("New {}", word(rng.below(50)))],
        8 => m.people = other.meta.people.clone(),
        9 => m.places.clear(),
        _ => a.doc.word_count += 1,
    }
    // Text edits: the article's words, new words, or another article's words.
    a.doc.terms = match rng.below(4) {
        0 => a.doc.terms.clone(),
        1 => other.doc.terms.clone(),
        2 => {
            let text: Vec<String> = (0..60).map(|_| word(200 + rng.skewed(300))).collect();
            content::terms::signature(&a.meta.title, &text.join(" "))
        }
        _ => {
            let mut terms = a.doc.terms.clone();
            terms.iter_mut().for_each(|t| t.1 += rng.below(2) as u32);
            terms.truncate(terms.len().saturating_sub(rng.below(3)));
            terms
        }
    };
}

/// Gives article `i` another date: another article's (the order then rests on the keys), a
/// little earlier or later, or before or after every other, as its file's front matter
/// would. The day follows the date.
fn redate(articles: &mut [Article], i: usize, rng: &mut Rng) {
    let other = articles[rng.below(articles.len())].date;
    let first = articles.iter().map(|a| a.date).max().unwrap();
    let last = articles.iter().map(|a| a.date).min().unwrap();
    let a = &mut articles[i];
    a.date = match rng.below(5) {
        0 => other,
        1 => a.date + chrono::Duration::minutes(rng.below(120) as i64 - 60),
        2 => a.date + chrono::Duration::hours(rng.below(96) as i64 - 48),
        3 => first + chrono::Duration::minutes(rng.below(2) as i64),
        _ => last - chrono::Duration::minutes(rng.below(2) as i64),
    };
    a.day = a.date.date_naive();
}

/// Sorts the articles as loading does (newest first, then by key) and gives the edits in
/// `old` (previous versions) the new index of their article, as `serve`'s reload does.
fn sort_again(content: &mut Content, old: &mut [(usize, Article)]) {
    content.articles.sort_by(|x, y| y.date.cmp(&x.date).then_with(|| x.doc.key.cmp(&y.doc.key)));
    for (i, before) in old.iter_mut() {
        *i = content.articles.iter().position(|a| a.doc.key == before.doc.key).unwrap();
    }
}

#[test]
fn updating_after_edits_equals_organizing_from_scratch() {
    let mut rng = Rng::new(1);
    let (_dir, config, mut site, mut memo) = organized(160, &mut rng);
    let n = site.content.articles.len();
    assert!(site.stories.len() > 10, "the corpus has stories: {}", site.stories.len());
    for round in 0..200 {
        let mut old = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let i = rng.below(n);
            if old.iter().any(|(j, _)| *j == i) {
                continue;
            }
            old.push((i, site.content.articles[i].clone()));
            let other = site.content.articles[rng.below(n)].clone();
            edit(&mut site.content.articles[i], &other, &mut rng, n);
            if rng.below(3) == 0 {
                redate(&mut site.content.articles, i, &mut rng);
            }
        }
        sort_again(&mut site.content, &mut old);
        let fresh = organize::organize(&config, copy(&site.content));
        organize::update(&config, &mut site, &mut memo, &old, false);
        assert_eq!(
            structure(&site),
            structure(&fresh),
            "round {round}: edits of {:?}",
            old.iter().map(|o| o.0).collect::<Vec<_>>()
        );
    }
}

#[test]
fn articles_moving_far_are_organized_again_as_from_scratch() {
    // Dates moved by days shift many articles: past a limit, everything is organized again.
    let mut rng = Rng::new(2);
    let (_dir, config, mut site, mut memo) = organized(80, &mut rng);
    for round in 0..20 {
        let mut old = Vec::new();
        for k in 0..1 + rng.below(4) {
            let i = (round * 7 + k * 13) % 80;
            if old.iter().any(|(j, _)| *j == i) {
                continue;
            }
            old.push((i, site.content.articles[i].clone()));
            site.content.articles[i].date += chrono::Duration::days(rng.below(9) as i64 - 4);
            site.content.articles[i].day = site.content.articles[i].date.date_naive();
        }
        sort_again(&mut site.content, &mut old);
        let fresh = organize::organize(&config, copy(&site.content));
        organize::update(&config, &mut site, &mut memo, &old, false);
        assert_eq!(structure(&site), structure(&fresh), "round {round}");
    }
}

#[test]
fn moves_within_a_day_with_a_new_title_word_equal_organizing_from_scratch() {
    // What `serve` sees most after a date edit (as bench/serve_latency.py makes them): one
    // article moved by up to five hours, the few between its places shifted by one (far
    // below the limit that organizes everything again), and a new word in its title. Pairs
    // that compare the same keep their related scores, the others are scored again.
    let mut rng = Rng::new(3);
    let (_dir, config, mut site, mut memo) = organized(400, &mut rng);
    let n = site.content.articles.len();
    for round in 0..60 {
        let i = rng.below(n);
        let mut old = vec![(i, site.content.articles[i].clone())];
        let a = &mut site.content.articles[i];
        a.date += chrono::Duration::minutes(rng.below(600) as i64 - 300);
        a.day = a.date.date_naive();
        let new_word = word(1000 + round);
        a.meta.title = format!("{} {new_word}", a.meta.title);
        for term in content::terms::signature(&new_word, "") {
            if let Err(at) = a.doc.terms.binary_search_by_key(&term.0, |t| t.0) {
                a.doc.terms.insert(at, term);
            }
        }
        sort_again(&mut site.content, &mut old);
        let fresh = organize::organize(&config, copy(&site.content));
        organize::update(&config, &mut site, &mut memo, &old, false);
        assert_eq!(structure(&site), structure(&fresh), "round {round}: article {i}");
    }
}
