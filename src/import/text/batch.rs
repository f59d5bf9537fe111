//! What one scrape learns from the others: lines (and line shapes) repeated across the inputs
//! of one import are site furniture, and so are lines repeated across the site's articles from
//! the same outlet. Also carries the line model the batch is read with.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher as _, Hasher as _};
use std::sync::Arc;

use rayon::prelude::*;

use super::super::debris::{norm, words};
use super::features::Repetition;
use super::model::LineModel;
use super::shapes::{cross_label, shape, templatable};

fn hash(s: &str) -> u64 {
    let mut h = foldhash::fast::FixedState::with_seed(7).build_hasher();
    h.write(s.as_bytes());
    h.finish()
}

/// The distinct normalised lines, line shapes and cross-reference labels of one text, hashed.
struct TextMarks {
    lines: HashSet<u64>,
    shapes: HashSet<u64>,
    labels: HashSet<u64>,
}

impl TextMarks {
    fn of(text: &str) -> TextMarks {
        let mut m = TextMarks { lines: HashSet::new(), shapes: HashSet::new(), labels: HashSet::new() };
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            m.lines.insert(hash(&norm(l)));
            if templatable(l) {
                m.shapes.insert(hash(&shape(l)));
            }
            if let Some(label) = cross_label(l) {
                m.labels.insert(hash(&norm(label)));
            }
        }
        m
    }
}

/// Line statistics over all the plain-text inputs of one import, the site's repeated lines,
/// and the model.
#[derive(Debug)]
pub struct BatchStats {
    /// Hash of a normalised line → number of inputs containing it.
    lines: HashMap<u64, u32>,
    /// Hash of a line's shape → number of inputs containing a line of that shape.
    shapes: HashMap<u64, u32>,
    /// Hash of a cross-reference label (`read more`) → number of inputs with a line under it.
    labels: HashMap<u64, u32>,
    /// Number of plain-text inputs.
    pub docs: usize,
    site: SiteLines,
    pub model: Arc<LineModel>,
}

impl Default for BatchStats {
    fn default() -> BatchStats {
        BatchStats {
            lines: HashMap::new(),
            shapes: HashMap::new(),
            labels: HashMap::new(),
            docs: 0,
            site: SiteLines::default(),
            model: LineModel::embedded(),
        }
    }
}

impl BatchStats {
    /// Counts, for each distinct normalised line and line shape, how many of the texts have it.
    pub fn from_texts<'a>(texts: impl Iterator<Item = &'a str>) -> BatchStats {
        BatchStats::default().count(texts)
    }

    /// Adds the counts of `texts` (the batch's scrapes) to these statistics.
    pub fn count<'a>(self, texts: impl Iterator<Item = &'a str>) -> BatchStats {
        // Each text is read in parallel: this pass over every scrape of the batch ran on one
        // core before any could be extracted. The counts are sums, the same in any order.
        let texts: Vec<&str> = texts.collect();
        let marks: Vec<TextMarks> = texts.par_iter().map(|t| TextMarks::of(t)).collect();
        let mut stats = self;
        for m in marks {
            stats.docs += 1;
            for h in m.labels {
                *stats.labels.entry(h).or_default() += 1;
            }
            for h in m.lines {
                *stats.lines.entry(h).or_default() += 1;
            }
            for h in m.shapes {
                *stats.shapes.entry(h).or_default() += 1;
            }
        }
        stats
    }

    /// Reads the batch with another model (for fitting and checking one).
    pub fn with_model(mut self, model: Arc<LineModel>) -> BatchStats {
        self.model = model;
        self
    }

    /// Adds the lines repeated across the site's articles, by outlet.
    pub fn with_site(mut self, site: SiteLines) -> BatchStats {
        self.site = site;
        self
    }

    /// The repetition counts one scrape sees: the batch's, plus the site's lines of the outlet
    /// the scrape names most often.
    pub fn for_text(&self, text: &str) -> Counts<'_> {
        Counts { stats: self, outlet: self.site.outlet_of(text) }
    }
}

/// Repetition as one scrape sees it.
pub struct Counts<'a> {
    stats: &'a BatchStats,
    outlet: Option<&'a HashMap<u64, u32>>,
}

impl Repetition for Counts<'_> {
    fn line_count(&self, line: &str) -> u32 {
        let h = hash(&norm(line));
        let batch = self.stats.lines.get(&h).copied().unwrap_or(1).max(1);
        // A line of one earlier article is that article's (the same article imported again);
        // a line of two or more is the outlet's furniture.
        let site = self.outlet.and_then(|o| o.get(&h)).copied().filter(|&n| n >= 2).unwrap_or(0);
        batch + site
    }

    fn shape_count(&self, shape: &str) -> u32 {
        self.stats.shapes.get(&hash(shape)).copied().unwrap_or(1).max(1)
    }

    fn label_count(&self, label: &str) -> u32 {
        self.stats.labels.get(&hash(&norm(label))).copied().unwrap_or(1).max(1)
    }

    fn inputs(&self) -> usize {
        self.stats.docs
    }
}

/// The site's article lines by outlet: for each outlet (its `source`), how many of its
/// articles contain each normalised line.
#[derive(Debug, Default)]
pub struct SiteLines {
    outlets: Vec<(Vec<String>, HashMap<u64, u32>)>,
    /// First word of an outlet's name → the outlets starting with it.
    by_first: HashMap<String, Vec<usize>>,
}

impl SiteLines {
    /// Counts the body lines of articles, grouped by their `source`.
    pub fn new<'a>(articles: impl Iterator<Item = (&'a str, &'a str)>) -> SiteLines {
        let mut index: HashMap<Vec<String>, usize> = HashMap::new();
        let mut site = SiteLines::default();
        for (source, body) in articles {
            let name: Vec<String> = words(source).map(str::to_lowercase).collect();
            if name.is_empty() {
                continue;
            }
            let k = *index.entry(name.clone()).or_insert_with(|| {
                site.outlets.push((name, HashMap::new()));
                site.outlets.len() - 1
            });
            let distinct: HashSet<u64> = body.lines().map(norm).filter(|l| !l.is_empty()).map(|l| hash(&l)).collect();
            for h in distinct {
                *site.outlets[k].1.entry(h).or_default() += 1;
            }
        }
        for (k, (name, _)) in site.outlets.iter().enumerate() {
            site.by_first.entry(name[0].clone()).or_default().push(k);
        }
        site
    }

    /// The outlet whose name the text mentions most often (ties: the first known).
    fn outlet_of(&self, text: &str) -> Option<&HashMap<u64, u32>> {
        if self.outlets.is_empty() {
            return None;
        }
        let mut hits = vec![0usize; self.outlets.len()];
        for line in text.lines() {
            let ws: Vec<String> = words(line).map(str::to_lowercase).collect();
            for (i, w) in ws.iter().enumerate() {
                for &k in self.by_first.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                    let name = &self.outlets[k].0;
                    hits[k] += usize::from(ws.get(i..i + name.len()) == Some(name.as_slice()));
                }
            }
        }
        let best = (0..hits.len()).fold(0, |b, k| if hits[k] > hits[b] { k } else { b });
        (hits[best] > 0).then(|| &self.outlets[best].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_repeated_in_two_of_the_outlets_articles_count() {
        let site = SiteLines::new(
            [
                ("Harbour Echo", "First story.\n\nJoin the Echo club today"),
                ("Harbour Echo", "Second story.\n\nJoin the Echo club today"),
                ("Other Paper", "Join the Echo club today"),
            ]
            .into_iter(),
        );
        let stats = BatchStats::default().with_site(site);
        let scrape = "Harbour Echo\nA headline\nJoin the Echo club today\nFirst story.";
        let counts = stats.for_text(scrape);
        assert_eq!(counts.line_count("Join the Echo club today"), 3);
        // One earlier article's line is that article's own, not furniture.
        assert_eq!(counts.line_count("First story."), 1);
        // A scrape that does not name the outlet sees none of it.
        assert_eq!(stats.for_text("Something else").line_count("Join the Echo club today"), 1);
    }
}
