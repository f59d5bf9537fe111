//! From drafts to article files: each draft's title, date, entities, tags, summary and slug
//! settled ([`finish`]), and the topics of the whole batch inferred ([`assign_topics`]).

use std::collections::BTreeMap;

use anyhow::bail;
use chrono::Utc;
use rayon::prelude::*;

use super::{dates, entities, outlet, text, topics, ArticleFile, Draft, ImportOptions, SiteInfo};
use crate::content::dates::FmDate;
use crate::content::front_matter::ArticleMeta;

/// Settles topic, entities, tags, date and slug of one draft.
pub(super) fn finish(
    draft: Draft,
    input: &str,
    options: &ImportOptions,
    fixed_date: Option<FmDate>,
    site: &SiteInfo,
) -> anyhow::Result<ArticleFile> {
    if let Some(mut meta) = draft.ready.clone() {
        meta.source_file = Some(input.to_owned());
        meta.source_url = meta.source_url.as_deref().map(super::tracking::clean);
        let slug = crate::slug::slugify(&meta.title);
        return Ok(ArticleFile { meta, body: draft.body, slug, topic_features: topics::Features::default() });
    }
    let mut d = draft;
    let title = d.title.trim().to_owned();
    if title.is_empty() && d.body.trim().is_empty() {
        bail!("no title and no text found");
    }
    let title = if title.is_empty() { title_from_body(&mut d.body) } else { title };
    let mut extra = std::mem::take(&mut d.extra);
    if let Some(alt) = d.alt_title.take() {
        extra.insert("alt_title".into(), alt.into());
    }
    let tz = site.config.as_ref().map(|c| c.tz).unwrap_or(chrono_tz::Tz::UTC);
    let date = settle_date(&d, fixed_date, tz, &mut extra);
    let (authors, source, dateline_place) = settle_outlet(&mut d, options.source.as_deref(), &mut extra);
    let plain = text::markdown_plain(&d.body);
    // The topic is inferred later, over the whole batch (see `assign_topics`).
    let topic = options.topic.clone().or_else(|| d.topic.clone());
    let topic_features = match (&site.model, &topic) {
        (Some(_), None) => topics::Features::of(&format!("{title}\n{}\n{plain}", d.section.as_deref().unwrap_or(""))),
        _ => topics::Features::default(),
    };
    let mut found = entities::find(&title, &plain, &site.names);
    found.drop_authors(&authors);
    // A byline naming what the text names as an organisation (a press release's company) names
    // no author.
    let authors: Vec<String> =
        authors.into_iter().filter(|a| !found.organizations.iter().any(|o| o.eq_ignore_ascii_case(a))).collect();
    if let Some(place) = &dateline_place {
        found.dateline_place(place);
    }
    let tags = with_found_tags(d.tags.clone(), found.tags);
    let summary = d.summary.clone().or_else(|| text::summary_of(&plain));
    let meta = ArticleMeta {
        title: title.clone(),
        date,
        updated: None,
        topic,
        tags,
        people: found.people,
        organizations: found.organizations,
        places: found.places,
        authors,
        source,
        source_url: d.source_url.as_deref().map(super::tracking::clean),
        paywall: d.paywall,
        language: d.language.clone(),
        section: d.section.clone(),
        summary,
        images: d.images.clone(),
        story: None,
        draft: false,
        aliases: Vec::new(),
        translation_of: None,
        source_file: Some(input.to_owned()),
        extra,
    };
    let slug = crate::slug::slugify(&title);
    Ok(ArticleFile { meta, body: d.body, slug, topic_features })
}

/// The draft's date by the rule of [`dates::settle`], noting in `extra.date_source` where it
/// came from when not from the page's metadata or `--date`.
fn settle_date(
    d: &Draft,
    fixed_date: Option<FmDate>,
    tz: chrono_tz::Tz,
    extra: &mut BTreeMap<String, serde_json::Value>,
) -> FmDate {
    let today = Utc::now().with_timezone(&tz).date_naive();
    // A date the extractor read from the text is a guess, not the page's own date.
    let (page, guess) = if d.date_source.is_some() { (None, d.date) } else { (d.date, None) };
    let captions = extra.get("captions").and_then(|c| c.as_array()).into_iter().flatten();
    let caption_texts = captions.filter_map(|c| c.get("caption").and_then(|t| t.as_str()));
    let image_captions = d.images.iter().filter_map(|i| i.caption.as_deref());
    let hints = d.date_hints.iter().map(String::as_str);
    let texts = std::iter::once(d.body.as_str()).chain(caption_texts).chain(image_captions).chain(hints);
    let reported = dates::latest_reported(texts, today);
    let known = dates::Known { page, updated: d.updated, guess, given: fixed_date, reported };
    let (date, source) = dates::settle(known, today, tz);
    if let Some(note) = source.note() {
        extra.insert("date_source".into(), note.into());
    }
    date
}

/// The outlet's name for `source` (the editor's `--source`, the page's own name, else its
/// host, else an agency in its byline or dateline), the authors without outlets, and the
/// dateline split from the body into `extra.dateline`; also the place the dateline names.
fn settle_outlet(
    d: &mut Draft,
    given: Option<&str>,
    extra: &mut BTreeMap<String, serde_json::Value>,
) -> (Vec<String>, Option<String>, Option<String>) {
    let page_url = d.source_url.as_deref();
    let named = given.map(str::to_owned).or(d.source.take());
    let (mut authors, in_byline) = outlet::clean_authors(&d.authors, named.as_deref(), page_url);
    authors.retain(|a| !entities::organisation_name(a));
    let dateline = outlet::split_dateline(&mut d.body);
    let agency = in_byline.or(dateline.as_ref().and_then(|x| x.outlet.clone()));
    let place = dateline.as_ref().and_then(|x| x.place.clone());
    if let Some(x) = dateline {
        // A summary taken from the page's first paragraph starts with the dateline too.
        if let Some(summary) = d.summary.as_mut() {
            let mut s = std::mem::take(summary);
            outlet::split_dateline(&mut s);
            *summary = s;
        }
        extra.insert("dateline".into(), x.text.into());
    }
    (authors, outlet::source_name(named.as_deref(), page_url).or(agency), place)
}

/// A title for a draft that found none. A first paragraph of three to twenty words without a
/// final stop is a headline the reader sees as one: it becomes the title and leaves the body
/// (unless it is all the body). Otherwise the first words of the first paragraph, never running
/// on into the next.
fn title_from_body(body: &mut String) -> String {
    let (first, rest) = body.trim_start().split_once("\n\n").unwrap_or((body.trim_start(), ""));
    let plain = text::markdown_plain(first);
    let plain = plain.trim();
    let words = super::debris::word_count(plain);
    if (3..=20).contains(&words) && !text::ends_period(plain) && !rest.trim().is_empty() {
        let title = plain.to_owned();
        *body = rest.trim_start().to_owned();
        return title;
    }
    text::first_words(first, 12)
}

/// The draft's own tags, then the tags found in its text that it lacks, up to five in all.
fn with_found_tags(mut tags: Vec<String>, found: Vec<String>) -> Vec<String> {
    for t in found {
        if tags.len() >= 5 {
            break;
        }
        if !tags.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
            tags.push(t);
        }
    }
    tags
}

/// Rounds of self-training over the batch, and the confidence an article needs to join.
const SELF_TRAINING_ROUNDS: usize = 2;
const SELF_TRAINING_CONFIDENCE: f64 = 0.9;

/// Infers the topic of every article that has none. The batch itself helps (self-training):
/// articles classified confidently in a first pass join the examples for a second pass, which
/// makes a difference when the site has few labelled articles.
pub(super) fn assign_topics(files: &mut [&mut ArticleFile], model: &topics::TopicModel) {
    let mut guesses: Vec<Option<(String, f64)>> =
        files.par_iter().map(|f| model.classify_features(&f.topic_features)).collect();
    for _ in 0..SELF_TRAINING_ROUNDS {
        let confident: Vec<(&str, &topics::Features, f64)> = files
            .iter()
            .zip(&guesses)
            .filter_map(|(f, g)| {
                g.as_ref()
                    .filter(|(_, p)| *p >= SELF_TRAINING_CONFIDENCE)
                    .map(|(t, _)| (t.as_str(), &f.topic_features, 1.0))
            })
            .collect();
        if confident.len() < 10 {
            break;
        }
        let m = model.with_more(confident);
        guesses = files.par_iter().map(|f| m.classify_features(&f.topic_features)).collect();
    }
    for (f, guess) in files.iter_mut().zip(guesses) {
        if let Some((slug, confidence)) = guess {
            let c = (confidence * 100.0).round() / 100.0;
            f.meta.extra.insert("topic_confidence".into(), serde_json::json!(c));
            if confidence < topics::REVIEW_THRESHOLD {
                f.meta.extra.insert("topic_review".into(), true.into());
            }
            f.meta.topic = Some(slug);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_found_in_the_body_does_not_run_into_the_next_paragraph() {
        let mut body = "Quiet harbour vote divides council\n\nThe Tollan Party said on Monday it would \
            not back the plan, which it called rushed.\n\nA second vote is due in May."
            .to_owned();
        assert_eq!(super::title_from_body(&mut body), "Quiet harbour vote divides council");
        assert!(body.starts_with("The Tollan Party said"), "{body}");
        // A first paragraph that is a sentence gives its first words, and stays in the body.
        let mut body = "The Tollan Party said on Monday it would not back the plan, which it called rushed.\n\n\
            A second vote is due in May."
            .to_owned();
        assert_eq!(super::title_from_body(&mut body), "The Tollan Party said on Monday it would not back the plan,");
        assert!(body.starts_with("The Tollan Party said"));
        // A short line that is all the body stays in it.
        let mut body = "Harbour vote delayed".to_owned();
        assert_eq!(super::title_from_body(&mut body), "Harbour vote delayed");
        assert_eq!(body, "Harbour vote delayed");
    }
}
