//! Topic inference: multinomial naive Bayes combined with an idf-weighted topic profile, trained
//! on the site's own articles.
//!
//! Training examples are the articles already filed under `<site>/content/articles/**` with a
//! `topic`, plus one pseudo-document per topic made of its `name` and `description` from
//! `site.yaml` (so a site without articles still gets a guess when the words match). Features are
//! words and pairs of neighbouring words without stop words, weighted `log(1 + tf)` and
//! L2-normalised so long articles do not dominate. The score of a topic is its naive Bayes log
//! posterior plus a weighted cosine between the text and the topic's idf-weighted profile (the
//! centroid method, which is steadier with few examples). The confidence is the resulting
//! posterior probability of the best topic; below [`REVIEW_THRESHOLD`] the article is marked for
//! review. The import command also self-trains over its batch (see `assign_topics` in `mod.rs`).

use std::collections::HashMap;
use std::path::Path;

use crate::config::Topic;
use crate::content::front_matter::{parse, ArticleMeta, ARTICLE_KEYS};

/// Below this posterior probability, the guess is marked `extra.topic_review: true`.
pub const REVIEW_THRESHOLD: f64 = 0.6;

/// Smoothing of word probabilities.
const ALPHA: f64 = 0.001;

/// Weight of the cosine score (scaled to `[0, CENTROID_WEIGHT]`) against the naive Bayes log posterior.
const CENTROID_WEIGHT: f64 = 15.0;

/// Weight of a topic's name and description, as if it were this many example articles.
const DESCRIPTION_WEIGHT: f64 = 2.0;

const STOP_WORDS: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "are", "has", "have", "had", "not", "but", "his", "her", "its", "they",
    "their", "them", "this", "these", "those", "from", "will", "would", "could", "should", "can", "been", "being",
    "were", "which", "who", "whom", "what", "when", "where", "why", "how", "all", "any", "both", "each", "more",
    "most", "other", "some", "such", "than", "too", "very", "just", "also", "into", "over", "after", "before", "about",
    "said", "says", "say", "mr", "mrs", "ms", "one", "two", "new", "there", "then", "out", "our", "your", "you", "she",
    "him", "there", "here", "only", "own", "same", "while", "did", "does", "doing", "off", "may", "might", "must",
    "now", "yet", "still", "even", "because", "many", "much", "year", "years", "last", "first", "told", "people",
    "time", "made", "make", "like", "get", "got", "well", "back", "way", "set", "take", "news",
];

/// Lowercased words of three letters or more, without stop words, crudely singularised.
pub fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.to_lowercase())
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .map(|w| if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") { w[..w.len() - 1].to_owned() } else { w })
}

/// A trained model.
pub struct TopicModel {
    slugs: Vec<String>,
    vocab: HashMap<String, usize>,
    /// counts[word][topic]
    counts: Vec<Vec<f64>>,
    totals: Vec<f64>,
    log_prior: Vec<f64>,
    examples: usize,
    /// Document frequency of each word (for the centroid score).
    df: Vec<f64>,
    docs: f64,
    /// The examples, kept to train a larger model from them.
    training: Vec<(String, String, f64)>,
    /// Length of each topic's idf-weighted word profile.
    profile_norms: Vec<f64>,
}

/// `log(1 + tf)` weights of words and word pairs, L2-normalised.
fn weights(text: &str) -> HashMap<String, f64> {
    let mut tf: HashMap<String, f64> = HashMap::new();
    let mut prev: Option<String> = None;
    for t in tokens(text) {
        // Pairs of neighbouring words ("interest rate", "box office") as well as single words.
        if let Some(p) = prev.take() {
            *tf.entry(format!("{p} {t}")).or_default() += 1.0;
        }
        prev = Some(t.clone());
        *tf.entry(t).or_default() += 1.0;
    }
    let mut w: HashMap<String, f64> = tf.into_iter().map(|(k, v)| (k, (1.0 + v).ln())).collect();
    let norm = w.values().map(|v| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        w.values_mut().for_each(|v| *v /= norm);
    }
    w
}

impl TopicModel {
    /// Trains on the topics' descriptions and on every article under `articles_dir` with a topic.
    pub fn train(topics: &[Topic], articles_dir: &Path) -> TopicModel {
        let docs: Vec<(String, String)> = read_examples(articles_dir);
        let texts: Vec<(String, String, f64)> = topics
            .iter()
            .map(|t| (t.slug.clone(), format!("{} {} {}", t.name, t.description, t.slug), DESCRIPTION_WEIGHT))
            .chain(docs.into_iter().map(|(topic, text)| (topic, text, 1.0)))
            .collect();
        TopicModel::from_examples(topics.iter().map(|t| t.slug.clone()).collect(), texts.into_iter())
    }

    /// A model trained on this one's examples plus `more`.
    pub fn with_more(&self, more: Vec<(String, String, f64)>) -> TopicModel {
        let all = self.training.iter().cloned().chain(more);
        TopicModel::from_examples(self.slugs.clone(), all)
    }

    /// Builds the model from (topic, text, weight) examples; unknown topics are ignored.
    pub fn from_examples(slugs: Vec<String>, examples: impl Iterator<Item = (String, String, f64)>) -> TopicModel {
        let k = slugs.len();
        let mut m = TopicModel {
            vocab: HashMap::new(),
            counts: Vec::new(),
            totals: vec![0.0; k],
            log_prior: vec![0.0; k],
            slugs,
            examples: 0,
            df: Vec::new(),
            docs: 0.0,
            training: Vec::new(),
            profile_norms: vec![0.0; k],
        };
        let mut per_topic = vec![0.0f64; k];
        for (topic, text, weight) in examples {
            let Some(c) = m.slugs.iter().position(|s| *s == topic) else { continue };
            m.training.push((topic.clone(), text.clone(), weight));
            if (1.0..DESCRIPTION_WEIGHT).contains(&weight) {
                m.examples += 1;
            }
            per_topic[c] += 1.0;
            m.docs += 1.0;
            for (word, w) in weights(&text) {
                let next = m.vocab.len();
                let id = *m.vocab.entry(word).or_insert(next);
                if id == m.counts.len() {
                    m.counts.push(vec![0.0; k]);
                    m.df.push(0.0);
                }
                m.df[id] += 1.0;
                m.counts[id][c] += w * weight;
                m.totals[c] += w * weight;
            }
        }
        let n: f64 = per_topic.iter().sum::<f64>().max(1.0);
        for (id, row) in m.counts.iter().enumerate() {
            let f = (m.docs / m.df[id]).ln() + 1.0;
            for (c, n) in m.profile_norms.iter_mut().enumerate() {
                *n += (row[c] * f).powi(2);
            }
        }
        m.profile_norms.iter_mut().for_each(|n| *n = n.sqrt());
        m.log_prior = per_topic.iter().map(|&p| ((p + 1.0) / (n + k as f64)).ln()).collect();
        m
    }

    /// Number of labelled articles the model learnt from.
    pub fn examples(&self) -> usize {
        self.examples
    }

    /// The best topic and its posterior probability; `None` when no word of the text is known.
    pub fn classify(&self, text: &str) -> Option<(String, f64)> {
        let k = self.slugs.len();
        if k == 0 {
            return None;
        }
        let v = self.vocab.len().max(1) as f64;
        let mut scores = self.log_prior.clone();
        let mut known = 0;
        for (word, w) in weights(text) {
            let Some(&id) = self.vocab.get(&word) else { continue };
            known += 1;
            for (c, score) in scores.iter_mut().enumerate() {
                *score += w * ((self.counts[id][c] + ALPHA) / (self.totals[c] + ALPHA * v)).ln();
            }
        }
        if known == 0 {
            return None;
        }
        // Combine with the cosine between the text and each topic's idf-weighted word profile.
        let nb_max = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let lse = nb_max + scores.iter().map(|x| (x - nb_max).exp()).sum::<f64>().ln();
        let idf = |id: usize| (self.docs / self.df[id]).ln() + 1.0;
        let mut dots = vec![0.0; k];
        for (word, w) in weights(text) {
            let Some(&id) = self.vocab.get(&word) else { continue };
            let f = idf(id);
            for (c, dot) in dots.iter_mut().enumerate() {
                *dot += w * f * self.counts[id][c] * f;
            }
        }
        for c in 0..k {
            let cosine = dots[c] / self.profile_norms[c].max(1e-9);
            scores[c] = (scores[c] - lse) + CENTROID_WEIGHT * cosine;
        }
        let max = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
        let sum: f64 = exp.iter().sum();
        let (best, p) = exp.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1))?;
        Some((self.slugs[best].clone(), p / sum))
    }
}

/// (topic, title + body) of every article file under `dir` that has a topic.
fn read_examples(dir: &Path) -> Vec<(String, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let paths: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    use rayon::prelude::*;
    paths
        .par_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            let (meta, split) = parse::<ArticleMeta>(p, &text, ARTICLE_KEYS).ok()?;
            let topic = meta.topic?;
            Some((topic, format!("{}\n{}", meta.title, split.body)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> TopicModel {
        let ex = [
            ("sport", "The striker scored twice as the club won the league match"),
            ("sport", "The coach praised the team after the cup final victory"),
            ("economy", "The bank raised interest rates as inflation and prices climbed"),
            ("economy", "Shares fell on the stock market after the company's profit warning"),
        ];
        TopicModel::from_examples(
            vec!["sport".into(), "economy".into()],
            ex.iter().map(|(t, x)| (t.to_string(), x.to_string(), 1.0)),
        )
    }

    #[test]
    fn classifies_by_words_seen_in_examples() {
        let m = model();
        let (t, p) = m.classify("The team won the match with a late goal by the striker").unwrap();
        assert_eq!(t, "sport");
        assert!(p > 0.5 && p <= 1.0);
        assert_eq!(m.classify("Interest rates and inflation worry the bank").unwrap().0, "economy");
    }

    #[test]
    fn no_known_word_means_no_guess() {
        assert!(model().classify("Zyzzyva quixotic").is_none());
    }
}
