//! The densest run of prose in a scrape: the stretch of lines where prose most outweighs the
//! rest, read from the lines' shapes alone. It is the line model's context (how far a line
//! stands from it) and the measure of the words a line shares with the article.

use foldhash::HashMap;

use super::super::debris::words;
use super::lang::Lang;
use super::pointed;

/// What the run reads of a line.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// Reads like prose: a sentence of eight words or more, or a long line with sentences.
    pub prose: bool,
    pub words: usize,
    /// A time of day alone ([`super::shapes::clock`]).
    pub clock: bool,
}

/// The lines as their shapes alone tell them, to find the boxes of links the run of prose
/// reads past.
struct Shapes<'a> {
    lines: &'a [String],
    locals: &'a [Shape],
}

impl pointed::Lines for Shapes<'_> {
    fn len(&self) -> usize {
        self.lines.len()
    }
    fn label(&self, i: usize) -> bool {
        super::shapes::pointer_label(&self.lines[i])
    }
    fn listed(&self, i: usize) -> bool {
        // A headline of a few words, or its date; not a menu's items of a word or two.
        let l = &self.locals[i];
        !l.prose && l.words >= 3 || super::shapes::stamp(&self.lines[i])
    }
    fn paragraph(&self, i: usize) -> bool {
        self.locals[i].prose
    }
}

/// The densest run of prose: the stretch of lines where prose words most outweigh the words
/// (and number) of the other lines. `(start, end)`, inclusive; `end < start` when there is none.
/// A box of links to other articles right after it does not end it when the article's prose
/// reads on below the box (see [`super::pointed`]), and the times of a live blog's
/// entries do not count against it.
pub fn prose_run(lines: &[String], locals: &[Shape]) -> (usize, usize) {
    let boxed = pointed::boxes(&Shapes { lines, locals });
    // A time of day over prose starts an entry of a live blog: it weighs nothing.
    let entry = |i: usize| locals[i].clock && locals.get(i + 1).is_some_and(|l| l.prose);
    let weight = |i: usize| {
        let l = &locals[i];
        if l.prose {
            l.words as i64
        } else if entry(i) {
            0
        } else {
            -(4 + l.words as i64)
        }
    };
    let (mut best, mut cur, mut start) = (0i64, 0i64, 0usize);
    let (mut s, mut e) = (1usize, 0usize);
    for i in 0..locals.len() {
        if cur <= 0 {
            cur = 0;
            start = i;
        }
        cur += weight(i);
        if cur > best {
            (best, s, e) = (cur, start, i);
        }
    }
    // Past each box that starts right after the run (a line between allowed), up to the best
    // end of the prose below it, if any outweighs what comes between.
    while e >= s {
        let Some(open) = (e + 1..(e + 3).min(locals.len())).find(|&i| boxed[i]) else { break };
        let below = (open..locals.len()).find(|&i| !boxed[i]).unwrap_or(locals.len());
        let (mut sum, mut most, mut end) = (0i64, 0i64, None);
        for i in below..locals.len() {
            sum += weight(i);
            if sum > most {
                (most, end) = (sum, Some(i));
            }
        }
        match end {
            Some(end) => e = end,
            None => break,
        }
    }
    (s, e)
}

/// The content words of the densest run of prose, to measure how much a line shares with it.
pub struct Overlap {
    lang: Lang,
    run: HashMap<String, u32>,
    s: usize,
    e: usize,
}

impl Overlap {
    pub fn new(lines: &[String], lang: Lang, s: usize, e: usize) -> Overlap {
        let mut run = HashMap::default();
        for l in lines.get(s..=e).unwrap_or(&[]) {
            for w in words(l).filter(|w| w.chars().count() >= 3) {
                *run.entry(w.to_lowercase()).or_default() += 1;
            }
        }
        Overlap { lang, run, s, e }
    }

    /// The share of line `i`'s content words found elsewhere in the run.
    pub fn of(&self, lines: &[String], i: usize) -> f32 {
        let mut own: HashMap<String, u32> = HashMap::default();
        let mut content: Vec<String> = Vec::new();
        for w in words(&lines[i]).filter(|w| w.chars().count() >= 3) {
            let w = w.to_lowercase();
            if (self.s..=self.e).contains(&i) {
                *own.entry(w.clone()).or_default() += 1;
            }
            if !self.lang.is_stop(&w) && !content.contains(&w) {
                content.push(w);
            }
        }
        let shared = content
            .iter()
            .filter(|w| self.run.get(*w).copied().unwrap_or(0) > own.get(*w).copied().unwrap_or(0))
            .count();
        shared as f32 / content.len().max(1) as f32
    }
}
