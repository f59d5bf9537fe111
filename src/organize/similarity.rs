//! TF-IDF vectors over the articles' term signatures, with an inverted index so that
//! similar articles are found without comparing all pairs.

use std::collections::HashMap;

use crate::content::Article;

pub struct Vectors {
    /// Per article: (term index, weight), sorted by term index, L2-normalised.
    vectors: Vec<Vec<(u32, f32)>>,
    /// Per article: its most characteristic terms (highest weight first).
    top_terms: Vec<Vec<u32>>,
    /// Term index → articles containing it, in article order (newest first).
    postings: Vec<Vec<usize>>,
}

/// How many of an article's terms are used to look for candidates.
const TOP_TERMS: usize = 10;

impl Vectors {
    pub fn build(articles: &[Article]) -> Vectors {
        let mut index: HashMap<u64, u32> = HashMap::new();
        let mut postings: Vec<Vec<usize>> = Vec::new();
        let raw: Vec<Vec<(u32, u32)>> = articles
            .iter()
            .enumerate()
            .map(|(a, article)| {
                let mut v: Vec<(u32, u32)> = article
                    .doc
                    .terms
                    .iter()
                    .map(|&(id, count)| {
                        let next = index.len() as u32;
                        let t = *index.entry(id).or_insert(next);
                        if t as usize == postings.len() {
                            postings.push(Vec::new());
                        }
                        postings[t as usize].push(a);
                        (t, count)
                    })
                    .collect();
                v.sort_unstable_by_key(|x| x.0);
                v
            })
            .collect();
        let n = articles.len().max(1) as f32;
        let idf: Vec<f32> = postings.iter().map(|p| (n / p.len() as f32).ln() + 1.0).collect();
        let mut vectors = Vec::with_capacity(raw.len());
        let mut top_terms = Vec::with_capacity(raw.len());
        for v in raw {
            let mut weighted: Vec<(u32, f32)> =
                v.iter().map(|&(t, c)| (t, (1.0 + (c as f32).ln()) * idf[t as usize])).collect();
            let norm = weighted.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(f32::EPSILON);
            weighted.iter_mut().for_each(|x| x.1 /= norm);
            let mut by_weight: Vec<(u32, f32)> =
                weighted.iter().copied().filter(|&(t, _)| postings[t as usize].len() > 1).collect();
            by_weight.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            top_terms.push(by_weight.iter().take(TOP_TERMS).map(|x| x.0).collect());
            vectors.push(weighted);
        }
        Vectors { vectors, top_terms, postings }
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
        for &t in &self.top_terms[a] {
            nearest_in(&self.postings[t as usize], a, range.clone(), per_term, out);
        }
    }
}

/// Pushes up to `limit` entries of the sorted list `list` that lie in `range`, nearest to `a`.
pub fn nearest_in(list: &[usize], a: usize, range: std::ops::Range<usize>, limit: usize, out: &mut Vec<usize>) {
    let lo = list.partition_point(|&x| x < range.start);
    let hi = list.partition_point(|&x| x < range.end);
    let window = &list[lo..hi];
    let mid = window.partition_point(|&x| x < a);
    let (mut left, mut right) = (mid, mid);
    let mut taken = 0;
    while taken < limit && (left > 0 || right < window.len()) {
        let take_right =
            right < window.len() && (left == 0 || window[right].abs_diff(a) <= window[left - 1].abs_diff(a));
        let x = if take_right {
            right += 1;
            window[right - 1]
        } else {
            left -= 1;
            window[left]
        };
        if x != a {
            out.push(x);
            taken += 1;
        }
    }
}

/// The `keep` candidates that appear in the most lists (ties: nearest in time to `i`).
pub fn most_shared(mut found: Vec<usize>, i: usize, keep: usize) -> Vec<usize> {
    found.sort_unstable();
    let mut counted: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for j in found {
        match counted.last_mut() {
            Some((last, n)) if *last == j => *n += 1,
            _ => counted.push((j, 1)),
        }
    }
    if counted.len() > keep {
        counted.select_nth_unstable_by(keep, |a, b| {
            b.1.cmp(&a.1).then(a.0.abs_diff(i).cmp(&b.0.abs_diff(i))).then(a.0.cmp(&b.0))
        });
        counted.truncate(keep);
    }
    counted.into_iter().map(|(j, _)| j).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_in_prefers_close_indices_within_range() {
        let mut out = Vec::new();
        nearest_in(&[1, 3, 5, 7, 9, 11], 6, 2..10, 3, &mut out);
        assert_eq!(out, vec![7, 5, 9]);
    }
}
