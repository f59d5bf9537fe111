//! What `gazette fetch` decides about each entry of a feed, without any I/O: who it is
//! ([`entry_key`]), whether the subscription's `include`/`exclude` words keep it ([`Rules`]),
//! which new entries are taken this run and which need their page fetched ([`select`]), and how
//! a fetched page and the feed's own entry make one article ([`with_page`]).

use std::collections::HashSet;

use crate::config::{FullText, Subscription};
use crate::import::feed::FeedEntry;
use crate::import::Draft;

/// An entry whose own text has fewer words than this carries a summary, not the article: with
/// `full_text: auto` its page is fetched.
pub const FULL_TEXT_WORDS: usize = 150;

/// An entry's identity across runs: the feed's id for it, else its link without tracking
/// parameters, else a hash of its title and date. Stable when the feed reorders its items or
/// changes its validators.
pub fn entry_key(entry: &FeedEntry) -> String {
    if let Some(id) = &entry.id {
        return id.clone();
    }
    if let Some(link) = &entry.draft.source_url {
        return without_tracking(link);
    }
    let date = entry.draft.date.map(|d| d.to_string()).unwrap_or_default();
    format!("hash:{:016x}", crate::content::terms::term_id(&format!("{}\n{date}", entry.draft.title)))
}

/// The link without `utm_*` and other tracking parameters (`import::tracking`, the list
/// import cleans `source_url` with) and without a fragment.
pub fn without_tracking(link: &str) -> String {
    let Ok(url) = url::Url::parse(link.trim()) else { return link.trim().to_owned() };
    let mut url = crate::import::tracking::clean_url(url);
    url.set_fragment(None);
    url.to_string()
}

/// A subscription's `include` and `exclude` words. A rule is a word or a phrase, matched as
/// whole words, ignoring case and accents; a trailing `*` matches any ending (`harbour*`).
pub struct Rules {
    include: Vec<Vec<String>>,
    exclude: Vec<Vec<String>>,
}

/// Whether an entry's text decides the rules, or only its page can.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Keep,
    LeaveOut,
    /// No `include` word in this text: keep it only if the page's full text has one.
    NoIncludeYet,
}

impl Rules {
    pub fn of(s: &Subscription) -> Rules {
        let phrases = |list: &[String]| list.iter().map(|r| words(r)).filter(|w| !w.is_empty()).collect();
        Rules { include: phrases(&s.include), exclude: phrases(&s.exclude) }
    }

    pub fn verdict(&self, title: &str, text: &str) -> Verdict {
        let words: Vec<String> = words(title).into_iter().chain(words(text)).collect();
        if self.exclude.iter().any(|p| has_phrase(&words, p)) {
            return Verdict::LeaveOut;
        }
        if self.include.is_empty() || self.include.iter().any(|p| has_phrase(&words, p)) {
            return Verdict::Keep;
        }
        Verdict::NoIncludeYet
    }
}

/// Lower-cased, accent-free words (a rule's trailing `*` is kept).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '*')
        .filter(|w| !w.trim_matches('*').is_empty())
        .map(|w| deunicode::deunicode(w).to_lowercase())
        .collect()
}

fn has_phrase(words: &[String], phrase: &[String]) -> bool {
    let matches = |w: &String, p: &String| match p.strip_suffix('*') {
        Some(prefix) => w.starts_with(prefix),
        None => w == p,
    };
    words.windows(phrase.len()).any(|window| window.iter().zip(phrase).all(|(w, p)| matches(w, p)))
}

/// A new entry taken this run.
pub struct Candidate {
    pub key: String,
    pub draft: Draft,
    /// Its page is to be fetched (for its full text, or to check `include` words).
    pub fetch_page: bool,
    /// The feed's text had no `include` word; the page's must.
    pub needs_include: bool,
}

/// What a feed document holds for this run.
#[derive(Default)]
pub struct Selection {
    pub candidates: Vec<Candidate>,
    /// New entries the rules leave out (remembered as seen).
    pub left_out: Vec<String>,
    /// New entries beyond `max_per_run`, left for the next run.
    pub waiting: usize,
    /// Entries seen in an earlier run.
    pub seen_before: usize,
    /// Every entry's key, for forgetting old ones no longer listed.
    pub keys: Vec<String>,
}

/// Picks the entries not seen before that the rules keep, the newest first up to `max_per_run`,
/// and which of them need their page.
pub fn select(sub: &Subscription, entries: Vec<FeedEntry>, seen: &HashSet<String>) -> Selection {
    let rules = Rules::of(sub);
    let mut out = Selection::default();
    let mut fresh: Vec<Candidate> = Vec::new();
    let mut this_run: HashSet<String> = HashSet::new();
    for entry in entries {
        let key = entry_key(&entry);
        out.keys.push(key.clone());
        if seen.contains(&key) || !this_run.insert(key.clone()) {
            out.seen_before += 1;
            continue;
        }
        let draft = entry.draft;
        let text = crate::import::text::markdown_plain(&draft.body);
        let summary_only = crate::import::debris::word_count(&text) < FULL_TEXT_WORDS;
        let has_link = draft.source_url.is_some();
        let wants_page = has_link
            && match sub.full_text {
                FullText::Always => true,
                FullText::Auto => summary_only,
                FullText::Never => false,
            };
        match rules.verdict(&draft.title, &text) {
            Verdict::LeaveOut => out.left_out.push(key),
            Verdict::NoIncludeYet if !wants_page => out.left_out.push(key),
            verdict => fresh.push(Candidate {
                key,
                draft,
                fetch_page: wants_page,
                needs_include: verdict == Verdict::NoIncludeYet,
            }),
        }
    }
    if let Some(max) = sub.max_per_run.map(|m| m as usize).filter(|&m| m < fresh.len()) {
        // Newest first; entries without a date count as oldest; the feed's order breaks ties.
        let mut order: Vec<usize> = (0..fresh.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(fresh[i].draft.date.map(|d| d.resolve(chrono_tz::Tz::UTC))));
        let taken: HashSet<usize> = order.into_iter().take(max).collect();
        out.waiting = fresh.len() - max;
        fresh = fresh.into_iter().enumerate().filter(|(i, _)| taken.contains(i)).map(|(_, c)| c).collect();
    }
    out.candidates = fresh;
    out
}

/// The article from an entry and its page: the page's text (when it has at least as many words
/// as the entry's) and what the page knows that the feed does not; the feed's title, date,
/// authors, outlet and tags, which feeds state plainly; the page's canonical URL, else the
/// address it was fetched from.
pub fn with_page(feed: Draft, page: Draft, fetched_from: &str) -> Draft {
    let words = |d: &Draft| crate::import::debris::word_count(&crate::import::text::markdown_plain(&d.body));
    let page_is_fuller = words(&page) >= words(&feed);
    let mut d = if page_is_fuller { page.clone() } else { feed.clone() };
    d.title = Some(feed.title.clone()).filter(|t| !t.trim().is_empty()).unwrap_or(page.title);
    d.date = feed.date.or(page.date);
    d.date_source = if feed.date.is_some() { feed.date_source } else { page.date_source };
    d.authors = if feed.authors.is_empty() { page.authors } else { feed.authors };
    d.source = feed.source.or(page.source);
    d.source_url = page.source_url.or_else(|| Some(fetched_from.to_owned()));
    d.language = page.language.or(feed.language);
    d.section = page.section.or(feed.section);
    d.summary = feed.summary.or(page.summary);
    d.images = if page.images.is_empty() { feed.images } else { page.images };
    d.tags = if feed.tags.is_empty() { page.tags } else { feed.tags };
    d.topic = feed.topic;
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::dates::FmDate;

    fn entry(id: Option<&str>, link: Option<&str>, title: &str, body: &str) -> FeedEntry {
        let draft =
            Draft { title: title.into(), body: body.into(), source_url: link.map(str::to_owned), ..Draft::default() };
        FeedEntry { id: id.map(str::to_owned), draft }
    }

    #[test]
    fn keys_are_the_id_else_the_clean_link_else_a_hash() {
        assert_eq!(entry_key(&entry(Some("tag:e.org,2026:1"), Some("https://e.org/a"), "T", "")), "tag:e.org,2026:1");
        let tracked = entry(None, Some("https://e.org/a?id=4&utm_source=rss&utm_medium=feed&fbclid=x#top"), "T", "");
        assert_eq!(entry_key(&tracked), "https://e.org/a?id=4");
        assert_eq!(entry_key(&entry(None, Some("https://e.org/a?utm_campaign=z"), "T", "")), "https://e.org/a");
        let a = entry_key(&entry(None, None, "Quay reopens", "x"));
        assert!(a.starts_with("hash:"), "{a}");
        assert_eq!(a, entry_key(&entry(None, None, "Quay reopens", "other text")));
        assert_ne!(a, entry_key(&entry(None, None, "Quay closes", "x")));
        let mut dated = entry(None, None, "Quay reopens", "x");
        dated.draft.date = FmDate::parse("2026-11-18");
        assert_ne!(a, entry_key(&dated));
    }

    fn sub(include: &[&str], exclude: &[&str]) -> Subscription {
        let mut s = Subscription::new("https://e.org/feed.xml");
        s.include = include.iter().map(|s| s.to_string()).collect();
        s.exclude = exclude.iter().map(|s| s.to_string()).collect();
        s
    }

    #[test]
    fn rules_match_whole_words_and_phrases_ignoring_case_and_accents() {
        let r = Rules::of(&sub(&["harbour", "port", "ferry line*"], &["sponsored"]));
        assert_eq!(r.verdict("Harbour reopens", ""), Verdict::Keep);
        assert_eq!(r.verdict("Sports report", "A transport story."), Verdict::NoIncludeYet, "no `port` inside words");
        assert_eq!(r.verdict("News", "The Ferry Lines merge."), Verdict::Keep);
        assert_eq!(r.verdict("Harbour deal", "SPONSORED content"), Verdict::LeaveOut, "exclude wins");
        let r = Rules::of(&sub(&[], &["café"]));
        assert_eq!(r.verdict("Cafe owners", ""), Verdict::LeaveOut);
        assert_eq!(r.verdict("Anything else", ""), Verdict::Keep);
    }

    #[test]
    fn selection_skips_seen_entries_leaves_out_by_rule_and_takes_the_newest() {
        let long = "word ".repeat(FULL_TEXT_WORDS);
        let mut s = sub(&[], &["sponsored"]);
        s.max_per_run = Some(2);
        let mut entries = vec![
            entry(Some("1"), Some("https://e.org/1"), "Old news", "short"),
            entry(Some("2"), Some("https://e.org/2"), "Sponsored: a hotel", "short"),
            entry(Some("3"), Some("https://e.org/3"), "Full story", &long),
            entry(Some("4"), None, "No link", "short"),
            entry(Some("5"), Some("https://e.org/5"), "Seen story", "short"),
        ];
        for (i, e) in entries.iter_mut().enumerate() {
            e.draft.date = FmDate::parse(&format!("2026-11-{:02}", 10 + i));
        }
        let seen: HashSet<String> = ["5".to_owned()].into();
        let sel = select(&s, entries, &seen);
        let taken: Vec<(&str, bool)> = sel.candidates.iter().map(|c| (c.key.as_str(), c.fetch_page)).collect();
        // The two newest new entries; only the summary with a link has its page fetched.
        assert_eq!(taken, vec![("3", false), ("4", false)]);
        assert_eq!((sel.left_out, sel.waiting, sel.seen_before), (vec!["2".to_owned()], 1, 1));
        assert_eq!(sel.keys.len(), 5);
    }

    #[test]
    fn full_text_always_and_never() {
        let long = "word ".repeat(FULL_TEXT_WORDS);
        let entries = || {
            vec![
                entry(Some("1"), Some("https://e.org/1"), "A", "short"),
                entry(Some("2"), Some("https://e.org/2"), "B", &long),
            ]
        };
        let mut s = sub(&[], &[]);
        for (mode, expected) in
            [(FullText::Auto, [true, false]), (FullText::Always, [true, true]), (FullText::Never, [false, false])]
        {
            s.full_text = mode;
            let got: Vec<bool> =
                select(&s, entries(), &HashSet::new()).candidates.iter().map(|c| c.fetch_page).collect();
            assert_eq!(got, expected, "{mode:?}");
        }
        // An include word missing from a summary is looked for in the page; with `never`, the
        // entry is left out.
        s = sub(&["harbour"], &[]);
        let sel = select(&s, entries(), &HashSet::new());
        assert!(sel.candidates.iter().all(|c| c.needs_include) && sel.candidates.len() == 1);
        s.full_text = FullText::Never;
        assert_eq!(select(&s, entries(), &HashSet::new()).left_out.len(), 2);
    }

    #[test]
    fn the_page_gives_the_text_and_the_feed_the_facts() {
        let feed = Draft {
            title: "Quay reopens".into(),
            date: FmDate::parse("2026-11-18T07:45:00+00:00"),
            authors: vec!["Hanna Vell".into()],
            source: Some("Harbour Echo".into()),
            body: "A short summary.\n\n[Read the original](https://e.org/a)".into(),
            topic: Some("world".into()),
            ..Draft::default()
        };
        let page = Draft {
            title: "Quay reopens | Harbour Echo".into(),
            body: "The whole article, with many more words than the summary had in it.".into(),
            source_url: Some("https://e.org/a-canonical".into()),
            section: Some("Port".into()),
            ..Draft::default()
        };
        let d = with_page(feed.clone(), page.clone(), "https://e.org/a");
        assert_eq!(d.body, page.body);
        assert_eq!((d.title.as_str(), d.authors.len(), d.source.as_deref()), ("Quay reopens", 1, Some("Harbour Echo")));
        assert_eq!(d.source_url.as_deref(), Some("https://e.org/a-canonical"));
        assert_eq!((d.section.as_deref(), d.topic.as_deref()), (Some("Port"), Some("world")));
        assert_eq!(d.date, feed.date);
        let thin = Draft { body: "Subscribe.".into(), source_url: None, ..page };
        let d = with_page(feed.clone(), thin, "https://e.org/a");
        assert_eq!((d.body.as_str(), d.source_url.as_deref()), (feed.body.as_str(), Some("https://e.org/a")));
    }
}
