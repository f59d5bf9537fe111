//! What each line of a scrape looks like, as numbers: the features the line model
//! (the `model` module) weighs to tell article text from page furniture.
//!
//! Every feature is structural — length, punctuation, capitalisation, the share of the
//! article's own function words, digits, link-like tokens, where the line sits relative to the
//! densest run of prose, how much it shares with that run, whether its neighbours look like a
//! list of other headlines, and whether it repeats across the inputs of the batch (or the
//! site's articles from the same outlet). The only word lists, in the `shapes` module beside
//! this one, are a small prior of web words in a few languages ("share", "subscribe",
//! "cookie"…), reader-address and first-person pronouns, and the words of photo credits. The
//! fitting script (`bench/line_model/fit.py`) reads these numbers from the `dump` module, so it
//! fits exactly what this code computes.

use foldhash::HashMap;

use super::super::debris::{word_count, words};
use super::lang::Lang;
use super::lines::{byline, caption, is_date_line};
use super::run;
use super::shapes::{cross_label, date_like, ends_period, paren_end, sentence_ends, shape, templatable, url_like};
use super::words::word_kinds;

/// The names of the headline features, in the order of the rows.
pub const HEADLINE_NAMES: [&str; 26] = [
    "overlap",
    "shared",
    "words",
    "end_sent",
    "end_colon",
    "title_case",
    "upper",
    "stop",
    "digits",
    "prior",
    "you",
    "url",
    "seps",
    "crossref",
    "ref_label",
    "label_rep",
    "rep",
    "shape_rep",
    "template",
    "dup",
    "logit",
    "dist",
    "rank",
    "next_meta",
    "meta_after",
    "prev_short",
];

/// The names of the features, in the order of [`Row`]; the model file lists the same names.
pub const NAMES: [&str; 52] = [
    "words",
    "short",
    "end_sent",
    "end_colon",
    "title_case",
    "upper",
    "stop",
    "digits",
    "url",
    "seps",
    "prior",
    "you",
    "sents",
    "commas",
    "avgw",
    "headline_like",
    "prose",
    "cap_word",
    "paren_end",
    "copy",
    "first",
    "ellipsis",
    "crossref",
    "ref_label",
    "label_rep",
    "caption",
    "date_line",
    "date_like",
    "byline",
    "overlap",
    "inrun",
    "before",
    "after",
    "relpos",
    "rep",
    "rep3",
    "shape_rep",
    "template",
    "dup",
    "list",
    "nprose",
    "pwords",
    "pend",
    "pstop",
    "nwords",
    "nend",
    "nstop",
    "sandwich",
    "prose_after",
    "prose_list",
    "prose_prevh",
    "alt",
];

/// One line's features.
pub type Row = [f32; NAMES.len()];

/// What the decision rules need of a line besides its features.
#[derive(Debug, Clone, Copy, Default)]
pub struct LineInfo {
    /// Words (CJK text: one per three letters).
    pub words: usize,
    /// Shows a sign of furniture: a prior word, repetition, a link, a © sign, the reader
    /// addressed, a cross-reference or caption shape, or capitals only.
    pub evidence: bool,
    /// The share of the line's content words that the densest run of prose also has.
    pub overlap: f32,
    /// Reads like prose: a sentence of eight words or more, or a long line with sentences in it.
    pub prose: bool,
    /// Repeated furniture: in three inputs or more (and one in a hundred), counting the site's
    /// articles from the same outlet.
    pub repeated: bool,
    /// A list of short items ([`super::shapes::enumeration`]).
    pub enumeration: bool,
    /// Shaped like a headline ([`super::shapes::headline_like`]).
    pub headline_like: bool,
    /// A label pointing to other articles, alone on its line ("Read also", "Läs också:").
    pub pointer: bool,
    /// A date or time standing alone ([`super::shapes::stamp`]).
    pub stamp: bool,
    /// A time of day alone on its line, in minutes ([`super::shapes::clock`]).
    pub clock: Option<u16>,
    /// A label and a short value, with no sign of furniture besides ([`super::shapes::fact_shaped`]).
    pub fact: bool,
    /// A line of a block set apart from the paragraphs: a fact box, a list under a lead-in.
    /// Set by the scrape from `blocks.rs`, which reads these features.
    pub block: bool,
}

/// The features of every line of one scrape.
pub struct Features {
    pub rows: Vec<Row>,
    pub info: Vec<LineInfo>,
    pub lang: Lang,
}

/// How often lines (and line shapes) occur in other inputs: given by the batch.
pub trait Repetition {
    /// In how many inputs (this one included) the line occurs.
    fn line_count(&self, line: &str) -> u32;
    /// In how many inputs a line of the same shape occurs.
    fn shape_count(&self, shape: &str) -> u32;
    /// In how many inputs a line starts with the same cross-reference label (`Read more:`).
    fn label_count(&self, label: &str) -> u32;
    /// How many inputs the batch has.
    fn inputs(&self) -> usize;
}

/// Features of the line on its own.
struct Local {
    words: usize,
    end_sent: bool,
    headline_like: bool,
    prose: bool,
    stop: f32,
    lw: f32,
    /// Capitals only, in two words or more ("RELATED TOPICS"); a figure with one abbreviation
    /// ("2000 GMT", a kick-off time) is no shouted label.
    shouting: bool,
    /// A time of day alone ([`super::shapes::clock`]).
    clock: bool,
}

/// The position of a feature in [`NAMES`]; a name that is not there fails to compile.
pub const fn idx(name: &str) -> usize {
    let mut i = 0;
    while i < NAMES.len() {
        let (a, b) = (NAMES[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut k = 0;
            while k < a.len() && a[k] == b[k] {
                k += 1;
            }
            if k == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("no such feature")
}

/// `row["name"] = value`, the index found at compile time.
macro_rules! set {
    ($row:expr, $name:literal, $v:expr) => {{
        const I: usize = idx($name);
        $row[I] = $v;
    }};
}

/// `row["name"]`, the index found at compile time.
macro_rules! get {
    ($row:expr, $name:literal) => {{
        const I: usize = idx($name);
        $row[I]
    }};
}

/// Computes the features of every line.
pub fn compute(lines: &[String], rep: &dyn Repetition) -> Features {
    let (lang, stops) = Lang::read(lines);
    let mut rows = vec![[0f32; NAMES.len()]; lines.len()];
    let mut info = vec![LineInfo::default(); lines.len()];
    let locals: Vec<Local> =
        lines.iter().zip(rows.iter_mut()).zip(&stops).map(|((l, row), &stop)| local(l, stop, row)).collect();
    let shaped: Vec<run::Shape> =
        locals.iter().map(|l| run::Shape { prose: l.prose, words: l.words, clock: l.clock }).collect();
    let (s, e) = run::prose_run(lines, &shaped);
    let addressed = addresses_reader(&rows, &locals, s, e);
    let overlap = run::Overlap::new(lines, lang, s, e);
    let norms: Vec<String> = lines.iter().map(|l| super::super::debris::norm(l)).collect();
    let mut in_doc: HashMap<&str, u32> = HashMap::default();
    for n in &norms {
        *in_doc.entry(n.as_str()).or_default() += 1;
    }
    for i in 0..lines.len() {
        let row = &mut rows[i];
        set!(row, "overlap", overlap.of(lines, i));
        context(row, i, s, e, &locals);
        let count = repetition(row, &lines[i], rep, in_doc[norms[i].as_str()] > 1);
        info[i] = LineInfo {
            words: locals[i].words,
            evidence: evidence(row, addressed) || locals[i].shouting,
            overlap: get!(row, "overlap"),
            prose: locals[i].prose,
            repeated: count >= 3 && count as usize * 100 >= rep.inputs(),
            enumeration: super::shapes::enumeration(&lines[i]),
            headline_like: super::shapes::headline_like(&lines[i]),
            pointer: super::shapes::pointer_label(&lines[i]),
            stamp: super::shapes::stamp(&lines[i]),
            clock: super::shapes::clock(&lines[i]),
            fact: super::shapes::fact_shaped(&lines[i])
                && !furniture_signs(row)
                && get!(row, "label_rep") == 0.0
                && count < 3,
            block: false,
        };
    }
    Features { rows, info, lang }
}

/// The line's own features into `row`.
fn local(l: &str, stop: f32, row: &mut Row) -> Local {
    let wc = word_count(l);
    let ws: Vec<&str> = words(l).collect();
    // Words glued by a page's markup ("NEWYou") are looked up apart.
    let kinds: Vec<u8> = super::super::debris::loose_words(l)
        .iter()
        .map(|w| word_kinds().get(w.as_str()).copied().unwrap_or(0))
        .collect();
    let has = |bit: u8| kinds.iter().filter(|k| *k >> bit & 1 == 1).count();
    let alpha: Vec<&&str> = ws.iter().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    let titled = alpha.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    let letters = l.chars().filter(|c| c.is_alphabetic()).count();
    let uppers = l.chars().filter(|c| c.is_uppercase()).count();
    let chars = l.chars().count().max(1);
    let t = l.trim_end();
    let end_sent = ends_period(t);
    let headline_like = (3..=15).contains(&wc) && !end_sent;
    // Long lines count as prose only with some sentence in them: not tag clouds or menus run
    // together into one line.
    let prose = wc >= 8 && end_sent || wc >= 20 && (sentence_ends(l) > 0 || stop >= 0.15);
    let frac = |n: usize, d: usize| n as f32 / d.max(1) as f32;
    let b = |x: bool| f32::from(u8::from(x));
    let lw = (wc as f32).ln_1p();
    set!(row, "words", lw);
    set!(row, "short", b(wc <= 3));
    set!(row, "end_sent", b(end_sent));
    set!(row, "end_colon", b(t.ends_with(':')));
    set!(row, "title_case", frac(titled, alpha.len()));
    set!(row, "upper", frac(uppers, letters));
    set!(row, "stop", stop);
    set!(row, "digits", frac(l.chars().filter(char::is_ascii_digit).count(), chars));
    set!(row, "url", b(url_like(l)));
    set!(row, "seps", (super::shapes::separators(l) as f32).ln_1p());
    // A share, not a count: "download" three times in a long paragraph about music sales is
    // prose; "Download our app" is furniture.
    set!(row, "prior", frac(has(0), kinds.len()));
    set!(row, "you", b(has(1) > 0));
    set!(row, "sents", (sentence_ends(l) as f32).ln_1p());
    set!(row, "commas", frac(l.matches(',').count(), wc));
    set!(row, "avgw", (frac(ws.iter().map(|w| w.chars().count()).sum(), ws.len())).min(12.0) / 12.0);
    set!(row, "headline_like", b(headline_like));
    set!(row, "prose", b(prose));
    set!(row, "cap_word", b(has(3) > 0));
    set!(row, "paren_end", b(paren_end(t)));
    set!(row, "copy", b(super::super::debris::has_copyright_sign(l)));
    set!(row, "first", frac(has(2), kinds.len()));
    set!(row, "ellipsis", b(t.ends_with("...") || t.ends_with('…')));
    let label = cross_label(t).filter(|_| !end_sent);
    set!(row, "crossref", b(label.is_some()));
    let reading = |w: &str| super::words::pointing_word(&w.to_lowercase());
    set!(row, "ref_label", b(label.is_some_and(|l| words(l).all(reading))));
    set!(row, "caption", b(caption(l).is_some()));
    set!(row, "date_line", b(is_date_line(l)));
    set!(row, "date_like", b(date_like(l)));
    set!(row, "byline", b(byline(l).is_some()));
    let shouting = wc >= 2 && alpha.len() >= 2 && frac(uppers, letters) > 0.8;
    let clock = super::shapes::clock(l).is_some();
    Local { words: wc, end_sent, headline_like, prose, stop, lw, shouting, clock }
}

/// The least share of the densest run's prose lines that address the reader, in an article
/// that does so throughout.
const ADDRESSED_SHARE: f32 = 0.3;

/// Whether the article addresses its reader throughout (a how-to, a guide): three or more of
/// its densest run's prose lines, and a good share of them, say "you". Its lists and headings do
/// too ("What you'll need"), so there "you" is no sign of furniture.
fn addresses_reader(rows: &[Row], locals: &[Local], s: usize, e: usize) -> bool {
    let prose: Vec<usize> = (s..=e.min(locals.len().saturating_sub(1))).filter(|&i| locals[i].prose).collect();
    let addressed = prose.iter().filter(|&&i| get!(rows[i], "you") > 0.0).count();
    addressed >= 3 && addressed as f32 >= ADDRESSED_SHARE * prose.len() as f32
}

/// Features of the line's place: in the prose run or how far from it, and its neighbours.
fn context(row: &mut Row, i: usize, s: usize, e: usize, locals: &[Local]) {
    let n = locals.len();
    let b = |x: bool| f32::from(u8::from(x));
    let near = |k: isize| usize::try_from(i as isize + k).ok().filter(|&j| j < n).map(|j| &locals[j]);
    let window = |f: &dyn Fn(&Local) -> bool| {
        (-3isize..=3).filter(|&k| k != 0).filter_map(&near).filter(|l| f(l)).count() as f32 / 6.0
    };
    let list = window(&|l| l.headline_like);
    let me = &locals[i];
    let prev_h = near(-1).is_some_and(|l| l.headline_like);
    let next_h = near(1).is_some_and(|l| l.headline_like);
    let after = (i.saturating_sub(e) as f32).ln_1p() * b(e >= s);
    let lo = i.saturating_sub(4).max(1);
    let hi = (i + 5).min(n);
    let alt = (lo..hi).filter(|&j| locals[j].prose != locals[j - 1].prose).count() as f32 / 8.0;
    set!(row, "inrun", b(s <= i && i <= e));
    set!(row, "before", (s.saturating_sub(i) as f32).ln_1p() * b(e >= s));
    set!(row, "after", after);
    set!(row, "relpos", i as f32 / (n.max(2) - 1) as f32);
    set!(row, "list", list);
    set!(row, "nprose", window(&|l| l.prose));
    set!(row, "pwords", near(-1).map_or(0.0, |l| l.lw));
    set!(row, "pend", b(near(-1).is_some_and(|l| l.end_sent)));
    set!(row, "pstop", near(-1).map_or(0.0, |l| l.stop));
    set!(row, "nwords", near(1).map_or(0.0, |l| l.lw));
    set!(row, "nend", b(near(1).is_some_and(|l| l.end_sent)));
    set!(row, "nstop", near(1).map_or(0.0, |l| l.stop));
    set!(row, "sandwich", b(me.prose && prev_h && next_h));
    set!(row, "prose_after", b(me.prose) * after);
    set!(row, "prose_list", b(me.prose) * list);
    set!(row, "prose_prevh", b(me.prose && prev_h));
    set!(row, "alt", alt);
}

/// Repetition across the batch and within the scrape; returns the line's count.
fn repetition(row: &mut Row, line: &str, rep: &dyn Repetition, dup: bool) -> u32 {
    let c = rep.line_count(line);
    let cs = if templatable(line) { rep.shape_count(&shape(line)) } else { 0 };
    set!(row, "rep", (c.saturating_sub(1) as f32).ln_1p());
    set!(row, "rep3", f32::from(u8::from(c >= 3)));
    set!(row, "shape_rep", (cs.saturating_sub(1) as f32).ln_1p());
    // More inputs have the shape than the line itself: a template filled in differently.
    set!(row, "template", (cs.saturating_sub(c) as f32).ln_1p());
    set!(row, "dup", f32::from(u8::from(dup)));
    let cl = cross_label(line.trim_end()).map_or(0, |l| rep.label_count(l));
    set!(row, "label_rep", (cl.saturating_sub(1) as f32).ln_1p());
    c
}

/// The share of prior words from which a line shows furniture: one in ten words (a prompt,
/// "Sign up for our newsletter"), not one word in a paragraph ("shares fell").
const PRIOR_SIGN: f32 = 0.1;

/// Signs of furniture in a line itself, repetition aside (a section name repeats too).
pub fn furniture_signs(row: &Row) -> bool {
    get!(row, "prior") >= PRIOR_SIGN
        || get!(row, "url") > 0.0
        || get!(row, "copy") > 0.0
        || get!(row, "you") > 0.0
        || get!(row, "ref_label") > 0.0
        || get!(row, "caption") > 0.0
}

/// Signs of furniture beyond its words: a link, a © sign, the reader addressed, a
/// cross-reference, a caption. A web word or two in a sentence ("popular") is not among them.
pub fn signs_beyond_words(row: &Row) -> bool {
    get!(row, "url") > 0.0
        || get!(row, "copy") > 0.0
        || get!(row, "you") > 0.0
        || get!(row, "crossref") > 0.0
        || get!(row, "ref_label") > 0.0
        || get!(row, "label_rep") > 0.0
        || get!(row, "caption") > 0.0
}

/// Any sign of furniture in a line's features (capitals only are told by [`Local::shouting`]).
fn evidence(row: &Row, addressed: bool) -> bool {
    let mut row = *row;
    if addressed {
        set!(row, "you", 0.0);
    }
    get!(row, "prior") >= PRIOR_SIGN
        || get!(row, "rep") > 0.0
        || get!(row, "shape_rep") > 0.0
        || signs_beyond_words(&row)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoBatch;
    impl Repetition for NoBatch {
        fn line_count(&self, _: &str) -> u32 {
            1
        }
        fn shape_count(&self, _: &str) -> u32 {
            1
        }
        fn label_count(&self, _: &str) -> u32 {
            1
        }
        fn inputs(&self) -> usize {
            1
        }
    }

    #[test]
    fn names_and_rows_agree() {
        let lines: Vec<String> = [
            "Menu",
            "A headline about the council",
            "The council said on Monday that it would close the bridge for repairs.",
        ]
        .map(String::from)
        .to_vec();
        let f = compute(&lines, &NoBatch);
        assert_eq!(f.rows.len(), 3);
        assert_eq!(get!(f.rows[2], "prose"), 1.0);
        assert_eq!(get!(f.rows[1], "headline_like"), 1.0);
        assert!(f.info[0].words == 1 && !f.info[2].evidence);
        let mut sorted = NAMES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), NAMES.len(), "feature names are unique");
    }

    #[test]
    fn furniture_words_in_a_long_paragraph_are_no_sign_of_furniture() {
        let lines: Vec<String> = [
            "Download our app and subscribe today",
            "Orchard growers in the valley said sales of cider rose again, as shoppers who once \
             bought bottles now download vouchers and share them with neighbours; the cooperative \
             expects the share of online orders to double by spring, its chair told members.",
        ]
        .map(String::from)
        .to_vec();
        let f = compute(&lines, &NoBatch);
        assert!(f.info[0].evidence && furniture_signs(&f.rows[0]), "a prompt made of prior words");
        assert!(get!(f.rows[1], "prior") < PRIOR_SIGN && !f.info[1].evidence, "three in forty-odd words");
    }

    #[test]
    fn a_time_with_its_zone_is_no_shouted_label() {
        let lines: Vec<String> = ["RELATED TOPICS", "2000 GMT", "TL;DR"].map(String::from).to_vec();
        let f = compute(&lines, &NoBatch);
        assert!(f.info[0].evidence, "capitals only, two words");
        assert!(!f.info[1].evidence, "a kick-off time: one abbreviation beside a figure");
        assert!(!f.info[2].evidence, "one word");
    }
}
