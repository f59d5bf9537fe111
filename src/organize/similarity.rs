//! TF-IDF vectors over the articles' term signatures, with an inverted index so that
//! similar articles are found without comparing all pairs.
//!
//! Terms are keyed by their stable id (a hash of the word), never by a number given in
//! article order: an article's edit then changes only the entries of the terms it gained or
//! lost, which is what lets `serve` update the vectors in place (`memo/vectors.rs`).

use std::collections::HashMap;

use foldhash::fast::FixedState;
use rayon::prelude::*;

use super::nearest::nearest_in;
use crate::content::terms::Term;
use crate::content::Article;

/// The articles containing one term, and the term's inverse document frequency.
pub(super) struct Posting {
    /// In article order (newest first).
    pub(super) articles: Vec<usize>,
    pub(super) idf: f32,
}

/// The articles' TF-IDF vectors and the inverted index from terms to articles. (Its fields
/// are open to `organize`: `memo/` updates them in place after an edit.)
pub struct Vectors {
    /// Per article: (term id, weight), sorted by term id, L2-normalised.
    pub(super) vectors: Vec<Vec<(u64, f32)>>,
    /// Per article: its most characteristic terms (highest weight first).
    pub(super) top_terms: Vec<Vec<u64>>,
    pub(super) postings: HashMap<u64, Posting, FixedState>,
    /// Number of articles (at least 1), as the IDF formula uses it.
    pub(super) n: f32,
}

/// How many of an article's terms are used to look for candidates.
const TOP_TERMS: usize = 10;

impl Vectors {
    pub fn build(articles: &[Article]) -> Vectors {
        let mut postings: HashMap<u64, Posting, FixedState> = HashMap::default();
        for (a, article) in articles.iter().enumerate() {
            for &(id, _) in &article.doc.terms {
                postings.entry(id).or_insert_with(|| Posting { articles: Vec::new(), idf: 0.0 }).articles.push(a);
            }
        }
        let n = articles.len().max(1) as f32;
        for p in postings.values_mut() {
            p.idf = idf(n, p.articles.len());
        }
        let mut v = Vectors { vectors: Vec::new(), top_terms: Vec::new(), postings, n };
        let (vectors, top_terms) = articles.par_iter().map(|a| v.weigh(&a.doc.terms)).unzip();
        v.vectors = vectors;
        v.top_terms = top_terms;
        v
    }

    /// The normalised vector and the characteristic terms of one signature.
    pub(super) fn weigh(&self, terms: &[Term]) -> (Vec<(u64, f32)>, Vec<u64>) {
        let mut weighted: Vec<(u64, f32)> =
            terms.iter().map(|&(t, c)| (t, (1.0 + (c as f32).ln()) * self.postings[&t].idf)).collect();
        weighted.sort_unstable_by_key(|x| x.0);
        let norm = weighted.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(f32::EPSILON);
        weighted.iter_mut().for_each(|x| x.1 /= norm);
        let mut by_weight: Vec<(u64, f32)> =
            weighted.iter().copied().filter(|&(t, _)| self.postings[&t].articles.len() > 1).collect();
        by_weight.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        (weighted, by_weight.iter().take(TOP_TERMS).map(|x| x.0).collect())
    }

    /// The articles of term `t`, in article order.
    pub fn posting(&self, t: u64) -> &[usize] {
        self.postings.get(&t).map_or(&[], |p| &p.articles)
    }

    pub fn top_terms(&self, a: usize) -> &[u64] {
        &self.top_terms[a]
    }

    /// Cosine similarity of two articles' vectors.
    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (&self.vectors[a], &self.vectors[b]);
        let (mut i, mut j, mut sum) = (0, 0, 0.0);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += x[i].1 * y[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        sum
    }

    /// Articles sharing one of `a`'s characteristic terms whose index lies in `range`
    /// (articles are sorted by date, so an index range is a date window), at most `per_term`
    /// per term, nearest to `a` first.
    pub fn candidates(&self, a: usize, range: std::ops::Range<usize>, per_term: usize, out: &mut Vec<usize>) {
        for t in &self.top_terms[a] {
            if let Some(p) = self.postings.get(t) {
                nearest_in(&p.articles, a, range.clone(), per_term, out);
            }
        }
    }
}

/// Inverse document frequency of a term in `df` of `n` articles.
pub(super) fn idf(n: f32, df: usize) -> f32 {
    (n / df as f32).ln() + 1.0
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::{Article, ArticleMeta, Doc};

    /// An article with only a term signature (the vectors read nothing else).
    pub(crate) fn article(terms: &[(u64, u32)]) -> Article {
        let meta: ArticleMeta = yaml_serde::from_str("title: t\ndate: 2026-01-01").unwrap();
        let date = meta.date.resolve(chrono_tz::Tz::UTC);
        let doc = Doc {
            key: String::new(),
            file: Default::default(),
            slug: String::new(),
            path: String::new(),
            html: String::new(),
            summary: String::new(),
            word_count: 0,
            cjk_chars: 0,
            links: Vec::new(),
            terms: terms.to_vec(),
        };
        Article { day: date.date_naive(), date, updated: None, meta, doc }
    }

    #[test]
    fn shared_rare_terms_make_articles_similar_and_candidates() {
        // Terms 1 and 2 are in two articles each, 9 in all three.
        let articles = [article(&[(1, 3), (9, 1)]), article(&[(1, 2), (2, 1), (9, 1)]), article(&[(2, 4), (9, 2)])];
        let v = Vectors::build(&articles);
        assert!((v.cosine(0, 0) - 1.0).abs() < 1e-5);
        assert!(v.cosine(0, 1) > v.cosine(0, 2), "{} {}", v.cosine(0, 1), v.cosine(0, 2));
        assert_eq!(v.posting(9), &[0, 1, 2]);
        let mut found = Vec::new();
        v.candidates(0, 0..3, 5, &mut found);
        found.sort_unstable();
        found.dedup();
        assert_eq!(found, vec![1, 2], "through term 1 (and 9)");
        // A term in one article only is never characteristic: it finds nobody.
        assert!(v.top_terms(0).iter().all(|&t| v.posting(t).len() > 1));
    }
}
