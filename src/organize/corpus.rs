//! What the story and related-article stages read, in one borrow: the configuration, the
//! articles (newest first), their TF-IDF vectors, their entities and the articles of each
//! topic. Built once per pass, from scratch (`cluster.rs`) or after an edit (`memo/`).

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::entities::Entities;
use super::similarity::Vectors;
use crate::config::Config;
use crate::content::Article;

/// Topic slug → its articles, in article order.
pub type TopicLists<'a> = HashMap<&'a str, Vec<usize>, FixedState>;

/// The articles and what was computed over them, for the clustering stages.
pub struct Corpus<'a> {
    pub config: &'a Config,
    /// Sorted newest first: an index range is a date window.
    pub articles: &'a [Article],
    pub vectors: &'a Vectors,
    pub entities: &'a Entities,
    /// The articles of each topic, in article order.
    pub by_topic: TopicLists<'a>,
}

impl<'a> Corpus<'a> {
    pub fn new(config: &'a Config, articles: &'a [Article], vectors: &'a Vectors, entities: &'a Entities) -> Self {
        Corpus { config, articles, vectors, entities, by_topic: topic_lists(articles) }
    }

    /// The number of articles.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

/// Articles of each topic, in article order.
fn topic_lists(articles: &[Article]) -> TopicLists<'_> {
    let mut by_topic: TopicLists = HashMap::default();
    for (i, a) in articles.iter().enumerate() {
        if let Some(t) = a.meta.topic.as_deref() {
            by_topic.entry(t).or_default().push(i);
        }
    }
    by_topic
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_lists_keep_article_order() {
        let article = |topic: Option<&str>| {
            let mut a = crate::organize::similarity::tests::article(&[]);
            a.meta.topic = topic.map(str::to_owned);
            a
        };
        let articles = [article(Some("b")), article(None), article(Some("a")), article(Some("b"))];
        let lists = topic_lists(&articles);
        assert_eq!((lists["a"].as_slice(), lists["b"].as_slice()), (&[2][..], &[0, 3][..]));
        assert_eq!(lists.len(), 2);
    }
}
