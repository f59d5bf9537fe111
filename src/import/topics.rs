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
//! review. The import command also self-trains over its batch (see `assign_topics` in `finish.rs`).

use std::hash::BuildHasher as _;

use super::existing::ExistingArticle;
use super::fast::{Fast, FastMap, WordSet};
use crate::config::Topic;

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

static STOP: WordSet = WordSet::new(STOP_WORDS);

/// Calls `f` with each lowercased word of three letters or more, without stop words, crudely
/// singularised. One buffer serves all words, so nothing is allocated per word.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    for_each_token_and_word(text, |token, _| f(token));
}

/// [`for_each_token`], also giving the lowercased word each token was made of ("français" for
/// "françai"): what a reader should see where a token is shown.
pub fn for_each_token_and_word(text: &str, mut f: impl FnMut(&str, &str)) {
    let mut buf = String::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.len() < 3 || w.bytes().all(|b| b.is_ascii_digit()) || w.chars().count() < 3 {
            continue;
        }
        buf.clear();
        if w.is_ascii() {
            buf.push_str(w);
            buf.make_ascii_lowercase();
        } else {
            // `str::to_lowercase` knows the word-final sigma; per-char lowering does not.
            buf.push_str(&w.to_lowercase());
        }
        if STOP.contains(buf.as_str()) {
            continue;
        }
        let singular = buf.len() > 4 && buf.ends_with('s') && !buf.ends_with("ss");
        f(if singular { &buf[..buf.len() - 1] } else { &buf }, &buf);
    }
}

/// Lowercased words of three letters or more, without stop words, crudely singularised.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_owned()));
    out
}

/// A text as the model sees it: `log(1 + tf)` weights of words and pairs of neighbouring words
/// ("interest rate", "box office"), L2-normalised so long articles do not dominate. Features are
/// 64-bit hashes rather than strings: computed once per text, they are reused by every round of
/// self-training; with a few hundred thousand distinct features a collision is a one in 10⁸ event.
#[derive(Debug, Clone, Default)]
pub struct Features(Vec<(u64, f64)>);

impl Features {
    pub fn of(text: &str) -> Features {
        let hasher = Fast::default();
        let mut tf: FastMap<u64, f64> = FastMap::with_capacity_and_hasher(text.len() / 8, Fast::default());
        let mut prev: Option<u64> = None;
        for_each_token(text, |t| {
            let word = hasher.hash_one(t);
            if let Some(p) = prev {
                *tf.entry(hasher.hash_one((p, word))).or_default() += 1.0;
            }
            prev = Some(word);
            *tf.entry(word).or_default() += 1.0;
        });
        let mut w: Vec<(u64, f64)> = tf.into_iter().map(|(k, v)| (k, (1.0 + v).ln())).collect();
        let norm = w.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            w.iter_mut().for_each(|(_, v)| *v /= norm);
        }
        Features(w)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A trained model. The counts are kept so that more examples can be added (self-training)
/// without reading the earlier ones again; the tables used by [`TopicModel::classify`] are
/// derived from them once per model.
#[derive(Clone)]
pub struct TopicModel {
    slugs: Vec<String>,
    vocab: FastMap<u64, usize>,
    /// counts[word * k + topic]
    counts: Vec<f64>,
    totals: Vec<f64>,
    per_topic: Vec<f64>,
    examples: usize,
    /// Document frequency of each word (for the centroid score).
    df: Vec<f64>,
    docs: f64,
    // Derived by `settle`:
    log_prior: Vec<f64>,
    /// Naive Bayes log probability of each word in each topic, `[word * k + topic]`.
    log_p: Vec<f64>,
    /// Each topic's idf²-weighted profile (the text side is not idf-weighted), `[word * k + topic]`.
    profile: Vec<f64>,
    /// Length of each topic's idf-weighted word profile.
    profile_norms: Vec<f64>,
}

impl TopicModel {
    /// Trains on the topics' descriptions and on the site's articles that have a topic.
    pub fn train(topics: &[Topic], articles: &[ExistingArticle]) -> TopicModel {
        use rayon::prelude::*;
        let descriptions = topics
            .iter()
            .map(|t| (t.slug.clone(), format!("{} {} {}", t.name, t.description, t.slug), DESCRIPTION_WEIGHT));
        let mut examples: Vec<(String, Features, f64)> =
            descriptions.map(|(slug, text, w)| (slug, Features::of(&text), w)).collect();
        examples.par_extend(articles.par_iter().filter_map(|a| {
            let topic = a.meta.topic.clone()?;
            Some((topic, Features::of(&format!("{}\n{}", a.meta.title, a.body)), 1.0))
        }));
        let mut m = TopicModel::empty(topics.iter().map(|t| t.slug.clone()).collect());
        for (topic, f, w) in &examples {
            m.add(topic, f, *w);
        }
        m.settle();
        m
    }

    /// A model trained on this one's examples plus `more` (topic, features, weight).
    pub fn with_more<'a>(&self, more: impl IntoIterator<Item = (&'a str, &'a Features, f64)>) -> TopicModel {
        let mut m = self.clone();
        for (topic, f, w) in more {
            m.add(topic, f, w);
        }
        m.settle();
        m
    }

    /// Builds the model from (topic, text, weight) examples; unknown topics are ignored.
    pub fn from_examples(slugs: Vec<String>, examples: impl Iterator<Item = (String, String, f64)>) -> TopicModel {
        let mut m = TopicModel::empty(slugs);
        for (topic, text, weight) in examples {
            m.add(&topic, &Features::of(&text), weight);
        }
        m.settle();
        m
    }

    fn empty(slugs: Vec<String>) -> TopicModel {
        let k = slugs.len();
        TopicModel {
            vocab: FastMap::default(),
            counts: Vec::new(),
            totals: vec![0.0; k],
            per_topic: vec![0.0; k],
            slugs,
            examples: 0,
            df: Vec::new(),
            docs: 0.0,
            log_prior: vec![0.0; k],
            log_p: Vec::new(),
            profile: Vec::new(),
            profile_norms: vec![0.0; k],
        }
    }

    /// Counts one example; `settle` must follow before classifying.
    fn add(&mut self, topic: &str, features: &Features, weight: f64) {
        let Some(c) = self.slugs.iter().position(|s| s == topic) else { return };
        let k = self.slugs.len();
        if (1.0..DESCRIPTION_WEIGHT).contains(&weight) {
            self.examples += 1;
        }
        self.per_topic[c] += 1.0;
        self.docs += 1.0;
        for &(word, w) in &features.0 {
            let next = self.vocab.len();
            let id = *self.vocab.entry(word).or_insert(next);
            if id == self.df.len() {
                self.counts.extend(std::iter::repeat_n(0.0, k));
                self.df.push(0.0);
            }
            self.df[id] += 1.0;
            self.counts[id * k + c] += w * weight;
            self.totals[c] += w * weight;
        }
    }

    /// Derives the classification tables from the counts.
    fn settle(&mut self) {
        let k = self.slugs.len();
        let v = self.vocab.len().max(1) as f64;
        let n: f64 = self.per_topic.iter().sum::<f64>().max(1.0);
        self.log_prior = self.per_topic.iter().map(|&p| ((p + 1.0) / (n + k as f64)).ln()).collect();
        let denominators: Vec<f64> = self.totals.iter().map(|t| (t + ALPHA * v).ln()).collect();
        self.log_p = vec![0.0; self.counts.len()];
        self.profile = vec![0.0; self.counts.len()];
        self.profile_norms = vec![0.0; k];
        if k == 0 {
            return;
        }
        for (id, row) in self.counts.chunks(k).enumerate() {
            let f = (self.docs / self.df[id]).ln() + 1.0;
            for c in 0..k {
                self.log_p[id * k + c] = (row[c] + ALPHA).ln() - denominators[c];
                self.profile[id * k + c] = row[c] * f * f;
                self.profile_norms[c] += (row[c] * f).powi(2);
            }
        }
        self.profile_norms.iter_mut().for_each(|n| *n = n.sqrt());
    }

    /// Number of labelled articles the model learnt from.
    pub fn examples(&self) -> usize {
        self.examples
    }

    /// The best topic and its posterior probability; `None` when no word of the text is known.
    pub fn classify(&self, text: &str) -> Option<(String, f64)> {
        self.classify_features(&Features::of(text))
    }

    /// [`TopicModel::classify`] for a text whose features are already computed.
    pub fn classify_features(&self, features: &Features) -> Option<(String, f64)> {
        let k = self.slugs.len();
        if k == 0 {
            return None;
        }
        let mut scores = self.log_prior.clone();
        let mut dots = vec![0.0; k];
        let mut known = 0;
        for &(word, w) in &features.0 {
            let Some(&id) = self.vocab.get(&word) else { continue };
            known += 1;
            let (log_p, profile) = (&self.log_p[id * k..][..k], &self.profile[id * k..][..k]);
            for c in 0..k {
                scores[c] += w * log_p[c];
                dots[c] += w * profile[c];
            }
        }
        if known == 0 {
            return None;
        }
        // Naive Bayes log posterior, plus the cosine between the text and each topic's
        // idf-weighted word profile.
        let nb_max = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let lse = nb_max + scores.iter().map(|x| (x - nb_max).exp()).sum::<f64>().ln();
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
