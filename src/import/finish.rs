//! From drafts to article files: each draft's title, date, entities, tags, summary and slug
//! settled ([`finish`]), and the topics of the whole batch inferred ([`assign_topics`]).

use std::collections::BTreeMap;

use anyhow::bail;
use chrono::Utc;
use rayon::prelude::*;

use super::{entities, text, topics, ArticleFile, Draft, ImportOptions, SiteInfo};
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
        let slug = crate::slug::slugify(&meta.title);
        return Ok(ArticleFile { meta, body: draft.body, slug, topic_features: topics::Features::default() });
    }
    let mut d = draft;
    let title = d.title.trim().to_owned();
    if title.is_empty() && d.body.trim().is_empty() {
        bail!("no title and no text found");
    }
    let title = if title.is_empty() { text::first_words(&d.body, 12) } else { title };
    let mut extra = std::mem::take(&mut d.extra);
    if let Some(alt) = d.alt_title.take() {
        extra.insert("alt_title".into(), alt.into());
    }
    let tz = site.config.as_ref().map(|c| c.tz).unwrap_or(chrono_tz::Tz::UTC);
    let date = settle_date(&d, fixed_date, tz, &mut extra);
    let plain = text::markdown_plain(&d.body);
    // The topic is inferred later, over the whole batch (see `assign_topics`).
    let topic = options.topic.clone().or_else(|| d.topic.clone());
    let topic_features = match (&site.model, &topic) {
        (Some(_), None) => topics::Features::of(&format!("{title}\n{}\n{plain}", d.section.as_deref().unwrap_or(""))),
        _ => topics::Features::default(),
    };
    let found = entities::find(&title, &plain, &site.names);
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
        authors: d.authors.clone(),
        source: options.source.clone().or(d.source.clone()),
        source_url: d.source_url.clone(),
        language: d.language.clone(),
        section: d.section.clone(),
        summary,
        images: d.images.clone(),
        story: None,
        draft: false,
        source_file: Some(input.to_owned()),
        extra,
    };
    let slug = crate::slug::slugify(&title);
    Ok(ArticleFile { meta, body: d.body, slug, topic_features })
}

/// The draft's date (noting in `extra` where it came from when not from the page's metadata),
/// else `--date`, else today in the site's zone (noted as `date_source: import`).
fn settle_date(
    d: &Draft,
    fixed_date: Option<FmDate>,
    tz: chrono_tz::Tz,
    extra: &mut BTreeMap<String, serde_json::Value>,
) -> FmDate {
    match (d.date, fixed_date) {
        (Some(date), _) => {
            if let Some(src) = d.date_source {
                extra.insert("date_source".into(), src.into());
            }
            date
        }
        (None, Some(date)) => date,
        (None, None) => {
            extra.insert("date_source".into(), "import".into());
            FmDate::Day(Utc::now().with_timezone(&tz).date_naive())
        }
    }
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
