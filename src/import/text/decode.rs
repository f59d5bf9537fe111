//! From line probabilities to the article's body.
//!
//! An article is one region of a scrape: its paragraphs stand together, interrupted here and
//! there by a caption, an advertisement label or a "Read more" line, while menus, lists of
//! other headlines, comment threads and footers surround it. So the body is found in two
//! steps:
//! 1. the region: the stretch of lines whose text lines most outweigh the furniture lines
//!    between them. Lines are grouped into runs of text and runs of furniture; a text run adds
//!    its log-odds (each line weighing by its length), a furniture run costs its log-odds and
//!    the square of its length, so single interruptions are cheap and long blocks of furniture
//!    end the article. The best stretch is a maximum-sum subarray over the runs. A box of links
//!    to other articles set in the article ([`super::pointed`]) is one interruption however
//!    many lines it has.
//! 2. the lines: inside the region, a line is kept when it is likely text or shows no sign of
//!    furniture at all (lists, tables and fixtures inside an article look like nothing else);
//!    right after the region, lines with no sign of furniture that share most of their words
//!    with the article are kept too (a list that closes the article).
//!
//! Short lines with signs of furniture at either end of the body are trimmed. A line repeated
//! across the batch's inputs (or the site's articles of the same outlet) is furniture whatever
//! it looks like.
//!
//! When no line is likely text (a scrape of a headline and one paragraph gives the model
//! little to go on), the lines that read like prose and show no sign of furniture are the body.

use super::features::LineInfo;
use super::model::Decode;
use super::{live, pointed};

/// The lines kept as body, and the region.
#[derive(Debug, Clone)]
pub struct Body {
    pub keep: Vec<bool>,
    /// First and last line of the region; `None` when no line is likely text.
    pub region: Option<(usize, usize)>,
}

/// The lines as the line model read them, to find the boxes of links the body leaves out.
struct Read<'a>(&'a [LineInfo]);

impl pointed::Lines for Read<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn label(&self, i: usize) -> bool {
        self.0[i].pointer
    }
    fn listed(&self, i: usize) -> bool {
        let l = &self.0[i];
        l.headline_like || l.stamp || l.evidence && !l.prose
    }
    fn paragraph(&self, i: usize) -> bool {
        let l = &self.0[i];
        l.words >= PARAGRAPH_WORDS && !l.evidence && !l.headline_like
    }
    fn heading(&self, i: usize) -> bool {
        let l = &self.0[i];
        l.headline_like && l.words <= HEADING_WORDS && l.overlap >= HEADING_OVERLAP
    }
}

/// The most words of the article's sub-heading right under a box of links: another article's
/// headline is longer.
const HEADING_WORDS: usize = 6;

/// The fewest words of a paragraph that a box of links may stand above (it may end in a colon,
/// over a list of the article's own).
const PARAGRAPH_WORDS: usize = 8;

/// The least share of its words the article's sub-heading has in common with the article: the
/// last line shaped like a headline above the paragraph is the article's, not the box's.
const HEADING_OVERLAP: f32 = 0.5;

/// Decides which lines are the body, from their probabilities.
pub fn decode(probs: &[f32], info: &[LineInfo], p: &Decode) -> Body {
    let n = probs.len();
    let mut keep = vec![false; n];
    let boxed = pointed::boxes(&Read(info));
    let Some((s, e)) = region(probs, info, &boxed, p) else {
        for (k, line) in keep.iter_mut().zip(info) {
            *k = line.prose && !line.evidence && !line.repeated;
        }
        let first = keep.iter().position(|&k| k);
        let last = keep.iter().rposition(|&k| k);
        return Body { keep, region: first.zip(last) };
    };
    let ((s, e), entry_stamps) = live::extend((s, e), probs, info, p.threshold);
    for i in s..=e {
        keep[i] =
            (probs[i] >= p.threshold || !info[i].evidence || entry_stamps[i] || info[i].block) && !info[i].repeated;
    }
    // A list that ends the region may run on past an interruption (an advertisement inside a
    // team sheet): its further items share no words with the prose but have its shape.
    let list_open = (s..=e).rev().find(|&i| keep[i]).is_some_and(|i| info[i].enumeration);
    let mut gap = 0;
    let mut i = e + 1;
    let shares =
        |i: usize| info[i].block || !info[i].evidence && !info[i].repeated && info[i].overlap >= p.after_overlap;
    while i < n && gap <= p.after_gap {
        let continues = list_open && info[i].enumeration;
        if shares(i) || continues && !info[i].evidence && !info[i].repeated {
            keep[i] = true;
            gap = 0;
        } else if let Some(last) = (gap == 0).then(|| paragraph_after_links(i, probs, info, p)).flatten() {
            // The links go, but a line among them that shares most of the article's words
            // stays as it would have.
            for (j, k) in keep.iter_mut().enumerate().take(last).skip(i + 1) {
                *k = shares(j);
            }
            keep[last] = true;
            gap = 0;
            i = last;
        } else {
            gap += 1;
        }
        i += 1;
    }
    // The article's own blocks are no lists of other articles' headlines.
    let blocks: Vec<usize> = (0..n).filter(|&i| keep[i] && info[i].block).collect();
    drop_headline_lists(&mut keep, probs, info, p);
    drop_labelled_lists(&mut keep, probs, info, p);
    drop_pointed_lists(&mut keep, info, &boxed);
    drop_prompt_boxes(&mut keep, probs, info, p);
    for i in blocks {
        keep[i] = true;
    }
    trim_edges(&mut keep, info, &entry_stamps);
    Body { keep, region: Some((s, e)) }
}

/// The most a line in a list of other headlines shares with the article's words. Lists that
/// belong to the article (deals, fixtures, a table's rows) name what it names.
const HEADLINE_LIST_OVERLAP: f32 = 0.3;

/// Other articles' headlines listed inside the article ("You may also like" and three
/// headlines): two or more kept lines in a row that the model finds unlikely text, each shaped
/// like a headline and sharing little with the article, go with their dates, and so does a
/// short label just above them.
fn drop_headline_lists(keep: &mut [bool], probs: &[f32], info: &[LineInfo], p: &Decode) {
    let listed = |i: usize, keep: &[bool]| {
        keep[i] && probs[i] < p.threshold && info[i].headline_like && info[i].overlap < HEADLINE_LIST_OVERLAP
    };
    let mut i = 0;
    while i < keep.len() {
        if !listed(i, keep) {
            i += 1;
            continue;
        }
        // Their dates ("2 hours ago") may stand between them; not a time of day alone, which
        // may start the next entry of a live blog.
        let dated = |j: usize| keep[j] && info[j].stamp && info[j].clock.is_none();
        let end = (i..keep.len()).find(|&j| !(listed(j, keep) || dated(j))).unwrap_or(keep.len());
        if (i..end).filter(|&j| listed(j, keep)).count() >= 2 {
            let label = i.checked_sub(1).filter(|&l| keep[l] && probs[l] < p.threshold && info[l].words <= 4);
            keep[label.unwrap_or(i)..end].fill(false);
        }
        i = end;
    }
}

/// The most lines a label's list of other headlines runs to.
const LABELLED_LIST_MAX: usize = 8;

/// A label with other articles' headlines under it, set inside the article ("À lire aussi" and
/// one headline; "Auch interessant" and three): a short line the model finds unlikely text,
/// then lines that are left out or shaped like headlines and unlikely text, sharing little with
/// the article on average, then the article's prose again. A sub-heading has prose right under
/// it; a list of the article's own points shares its words.
fn drop_labelled_lists(keep: &mut [bool], probs: &[f32], info: &[LineInfo], p: &Decode) {
    let unlikely = |i: usize| probs[i] < p.threshold;
    for i in 0..keep.len() {
        if !(keep[i] && unlikely(i) && info[i].words <= 4 && !info[i].prose) {
            continue;
        }
        let end = (i + 1..keep.len().min(i + 1 + LABELLED_LIST_MAX))
            .find(|&j| keep[j] && !(unlikely(j) && info[j].headline_like))
            .unwrap_or(keep.len());
        // The other headlines, kept or already left out (for a sign of furniture in them).
        let heads: Vec<usize> = (i + 1..end).filter(|&j| keep[j] || info[j].headline_like).collect();
        let mean_overlap = heads.iter().map(|&j| info[j].overlap).sum::<f32>() / heads.len().max(1) as f32;
        let prose_after = end < keep.len() && !unlikely(end) && info[end].prose;
        if !heads.is_empty() && mean_overlap < HEADLINE_LIST_OVERLAP && prose_after {
            keep[i..end].fill(false);
        }
    }
}

/// Boxes of other articles' headlines under a label that says it points to them ("Read also",
/// "Läs också"), inside the article ([`super::pointed`]): the label and the lines it lists go
/// whatever the model thought of them (such a headline names the article's own subject and can
/// read as likely as its text). No sub-heading is worded so, and such a label alone is a
/// button ("Seguir leyendo" between two paragraphs): it goes too.
fn drop_pointed_lists(keep: &mut [bool], info: &[LineInfo], boxed: &[bool]) {
    for ((k, line), &boxed) in keep.iter_mut().zip(info).zip(boxed) {
        *k &= !(boxed || line.pointer);
    }
}

/// A sign-up box set in the article: a short title the model finds unlikely text ("Stay in the
/// loop"), then a line with a sign of furniture (a web word, the reader addressed) that the
/// model kept, right above furniture it dropped (the e-mail field, the button). The title and
/// the pitch go with the field. A sub-heading over a paragraph shows no such sign.
fn drop_prompt_boxes(keep: &mut [bool], probs: &[f32], info: &[LineInfo], p: &Decode) {
    const TITLE_WORDS: usize = 6;
    for i in 1..keep.len().saturating_sub(1) {
        let title = i - 1;
        let pitch = keep[i] && info[i].evidence && !keep[i + 1] && info[i + 1].evidence;
        let titled =
            keep[title] && info[title].words <= TITLE_WORDS && !info[title].prose && probs[title] < p.threshold;
        if pitch && titled {
            keep[title] = false;
            keep[i] = false;
        }
    }
}

/// The least probability of the article's last paragraph after links set in it.
const AFTER_LINKS_P: f32 = 0.4;

/// The article's last paragraph after a label and links set in it ("Related coverage" and two
/// headlines, then one more paragraph), where the region ended: a line of prose with no sign of
/// furniture that the model finds near as likely text as not, right after a short unlikely
/// label and one or more unlikely headline-shaped lines starting at line `i`.
fn paragraph_after_links(i: usize, probs: &[f32], info: &[LineInfo], p: &Decode) -> Option<usize> {
    let unlikely = |j: usize| probs[j] < p.threshold;
    if !(unlikely(i) && info[i].words <= 4 && !info[i].prose) {
        return None;
    }
    let end = (i + 1..probs.len().min(i + 1 + LABELLED_LIST_MAX)).find(|&j| !(unlikely(j) && info[j].headline_like))?;
    let paragraph = &info[end];
    (end > i + 1 && paragraph.prose && !paragraph.evidence && !paragraph.repeated && probs[end] >= AFTER_LINKS_P)
        .then_some(end)
}

/// The most words of one topic tag.
const TAG_WORDS: usize = 3;

/// Topic tags under the article ("Skola", "Barn- och utbildningsnämnden", "hasat"): after the
/// region, two or more kept lines in a row of at most three words each, without a figure or a
/// sentence's end, go. Being the article's subjects they share its words, so the rule that
/// keeps a list closing the article took them; that list's items are longer or carry figures.
pub fn drop_tag_runs(keep: &mut [bool], region: Option<(usize, usize)>, lines: &[String], info: &[LineInfo]) {
    let Some((_, end)) = region else { return };
    let tag = |i: usize, keep: &[bool]| {
        keep[i]
            && info[i].words <= TAG_WORDS
            && !lines[i].contains(|c: char| c.is_ascii_digit())
            && !super::super::debris::ends_sentence(&lines[i])
    };
    let mut i = end + 1;
    while i < keep.len() {
        let run = (i..keep.len()).take_while(|&j| tag(j, keep)).count();
        if run >= 2 {
            keep[i..i + run].fill(false);
        }
        i += run.max(1);
    }
}

/// Short lines with signs of furniture at either end of the body go: prompts hug the article
/// ("You can now listen to this article!", a share bar, a newsletter box). A live blog's first
/// or last time is no prompt.
fn trim_edges(keep: &mut [bool], info: &[LineInfo], entry_stamps: &[bool]) {
    let edge = |i: usize| info[i].evidence && info[i].words < 10 && !entry_stamps[i];
    let kept: Vec<usize> = (0..keep.len()).filter(|&i| keep[i]).collect();
    for &i in kept.iter().take_while(|&&i| edge(i)) {
        keep[i] = false;
    }
    for &i in kept.iter().rev().take_while(|&&i| edge(i)) {
        keep[i] = false;
    }
}

/// The region: runs of text and furniture lines, scored, and the best stretch of runs.
fn region(probs: &[f32], info: &[LineInfo], boxed: &[bool], p: &Decode) -> Option<(usize, usize)> {
    let mut runs: Vec<(usize, usize, f32)> = Vec::new();
    // A box of links in the article is furniture, and one interruption however long: its
    // lines after the first neither lengthen a run of furniture nor add to its cost.
    // A block of the article's own (a fact box, a list) joins the text around it, adding nothing.
    let text_at = |j: usize| probs[j] >= p.threshold && !boxed[j] || info[j].block;
    let more_of_box = |j: usize| boxed[j] && j > 0 && boxed[j - 1];
    let mut i = 0;
    while i < probs.len() {
        let text = text_at(i);
        let mut j = i;
        let (mut sum, mut len) = (0.0f32, 0.0f32);
        while j < probs.len() && text_at(j) == text {
            let z = logit(probs[j]);
            let w = (info[j].words.max(1) as f32).powf(p.gamma);
            if text {
                sum += if info[j].block { 0.0 } else { z.min(p.clip) * w };
            } else if !more_of_box(j) {
                sum += (-z).min(p.junk_clip) * w;
                len += 1.0;
            }
            j += 1;
        }
        let len = len.max(1.0);
        runs.push((i, j - 1, if text { sum } else { -(p.lambda * sum + p.mu * len * len) }));
        i = j;
    }
    // Maximum-sum stretch of runs; the first of equal ones.
    let (mut best, mut cur, mut start) = (0.0f32, 0.0f32, 0usize);
    let mut found = None;
    for (k, run) in runs.iter().enumerate() {
        if cur <= 0.0 {
            cur = 0.0;
            start = k;
        }
        cur += run.2;
        if cur > best {
            best = cur;
            found = Some((runs[start].0, run.1));
        }
    }
    found
}

/// The log-odds of a probability, kept finite.
pub fn logit(p: f32) -> f32 {
    let p = p.clamp(1e-4, 1.0 - 1e-4);
    (p / (1.0 - p)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> Decode {
        Decode {
            threshold: 0.5,
            gamma: 0.5,
            clip: 4.0,
            junk_clip: 2.0,
            lambda: 1.0,
            mu: 1.0,
            after_overlap: 0.5,
            after_gap: 1,
        }
    }

    fn info(words: usize, evidence: bool) -> LineInfo {
        LineInfo {
            words,
            evidence,
            overlap: 0.0,
            prose: words >= 20,
            repeated: false,
            enumeration: false,
            headline_like: false,
            pointer: false,
            stamp: false,
            clock: None,
            fact: false,
            block: false,
        }
    }

    #[test]
    fn one_interruption_stays_inside_a_long_block_ends_the_article() {
        // menu, text, ad, text, text, five lines of furniture, a teaser
        let probs = [0.01, 0.95, 0.02, 0.97, 0.96, 0.1, 0.1, 0.05, 0.1, 0.1, 0.9];
        let mut lines = vec![info(1, true), info(40, false), info(1, true), info(50, false), info(45, false)];
        lines.extend([info(6, true); 5]);
        lines.push(info(30, false));
        let body = decode(&probs, &lines, &params());
        assert_eq!(body.region, Some((1, 4)));
        assert_eq!(body.keep, [false, true, false, true, true, false, false, false, false, false, false]);
    }

    #[test]
    fn lines_without_any_sign_of_furniture_stay_inside_the_region() {
        let probs = [0.9, 0.2, 0.2, 0.9];
        let lines = [info(40, false), info(5, false), info(5, true), info(40, false)];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, false, true]);
    }

    #[test]
    fn a_list_ending_the_region_runs_on_past_an_interruption() {
        // prose, a list of names, an advertisement, more names sharing no word with the prose
        let probs = [0.95, 0.9, 0.01, 0.2];
        let list = LineInfo { enumeration: true, ..info(8, false) };
        let lines = [info(40, false), list, info(1, true), list];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, false, true]);
        // After prose, a line of that shape is not taken on its shape alone.
        let lines = [info(40, false), info(40, false), info(1, true), list];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, false, false]);
    }

    #[test]
    fn a_list_of_other_headlines_inside_the_article_goes_with_its_label() {
        // prose, a label, three headlines, prose, then one headline-shaped line alone
        let probs = [0.99, 0.99, 0.2, 0.2, 0.3, 0.2, 0.99, 0.2, 0.99];
        let headline = LineInfo { headline_like: true, ..info(8, false) };
        let shared = LineInfo { overlap: 0.6, ..headline };
        let prose = info(40, false);
        let mut lines = vec![prose, prose, info(3, false), headline, headline, headline, prose, headline, prose];
        let keep = decode(&probs, &lines, &params()).keep;
        assert_eq!(keep, [true, true, false, false, false, false, true, true, true]);
        // A list whose lines name what the article names belongs to it (deals, fixtures).
        lines[3..6].copy_from_slice(&[shared; 3]);
        assert_eq!(decode(&probs, &lines, &params()).keep, [true; 9]);
    }

    #[test]
    fn a_label_and_one_other_headline_inside_the_article_go() {
        // prose, a label, a line left out for its furniture signs, one headline, prose
        let probs = [0.99, 0.99, 0.2, 0.05, 0.3, 0.99, 0.99];
        let headline = LineInfo { headline_like: true, overlap: 0.25, ..info(7, false) };
        let prose = info(40, false);
        let mut lines = vec![prose, prose, info(3, false), info(6, true), headline, prose, prose];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, false, false, false, true, true]);
        // A sub-heading has the article's prose right under it.
        let probs = [0.99, 0.99, 0.2, 0.99, 0.99];
        assert_eq!(decode(&probs, &[prose, prose, info(3, false), prose, prose], &params()).keep, [true; 5]);
        // The article's own points under a label share its words.
        let probs = [0.99, 0.99, 0.2, 0.05, 0.3, 0.99, 0.99];
        lines[4].overlap = 0.5;
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, true, false, true, true, true]);
    }

    #[test]
    fn a_pointing_label_and_its_headlines_go_however_likely_they_read() {
        // prose, "Read also", a headline the model finds likely (it shares the subject), an
        // advertisement label, prose
        let probs = [0.99, 0.99, 0.2, 0.6, 0.05, 0.99];
        let headline = LineInfo { headline_like: true, overlap: 0.6, ..info(9, false) };
        let pointer = LineInfo { pointer: true, ..info(2, false) };
        let prose = info(40, false);
        let lines = [prose, prose, pointer, headline, info(1, true), prose];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, false, false, false, true]);
        // A sub-heading is no pointing label; a pointing label with no headline under it is a
        // button ("Seguir leyendo") and goes, however likely the model finds it.
        let probs = [0.99, 0.99, 0.6, 0.99];
        let subheading = LineInfo { headline_like: true, ..info(3, false) };
        assert_eq!(decode(&probs, &[prose, prose, subheading, prose], &params()).keep, [true; 4]);
        let probs = [0.99, 0.99, 0.6, 0.99];
        let button = LineInfo { pointer: true, ..info(2, false) };
        assert_eq!(decode(&probs, &[prose, prose, button, prose], &params()).keep, [true, true, false, true]);
    }

    #[test]
    fn a_sign_up_box_in_the_article_goes_and_a_sub_heading_stays() {
        // prose, "Stay in the loop", its pitch (a web word), the button, prose
        let probs = [0.99, 0.99, 0.4, 0.7, 0.05, 0.99];
        let title = info(4, false);
        let pitch = LineInfo { prose: true, ..info(16, true) };
        let prose = info(40, false);
        let lines = [prose, prose, title, pitch, info(3, true), prose];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, false, false, false, true]);
        // A sub-heading over a paragraph without furniture signs, above an advertisement label.
        let lines = [prose, prose, title, prose, info(1, true), prose];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, true, true, false, true]);
    }

    #[test]
    fn topic_tags_under_the_article_go_and_a_closing_list_stays() {
        let text = |t: &[&str]| t.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        let prose = info(40, false);
        let tag = LineInfo { overlap: 1.0, ..info(1, false) };
        let lines = text(&["…", "…", "Harbour", "Ferry service", "Tollan"]);
        let mut keep = vec![true; 5];
        drop_tag_runs(&mut keep, Some((0, 1)), &lines, &[prose, prose, tag, tag, tag]);
        assert_eq!(keep, [true, true, false, false, false]);
        let lines = text(&["…", "…", "2 eggs", "1 cup flour", "Salt"]);
        let mut keep = vec![true; 5];
        drop_tag_runs(&mut keep, Some((0, 1)), &lines, &[prose, prose, tag, tag, tag]);
        assert_eq!(keep, [true; 5]);
    }

    #[test]
    fn the_last_paragraph_after_links_set_in_the_article_stays() {
        // prose, a label, two headlines, one more paragraph the model is unsure of, a footer
        let probs = [0.99, 0.99, 0.01, 0.02, 0.2, 0.45, 0.01];
        let headline = LineInfo { headline_like: true, overlap: 0.2, ..info(8, false) };
        let paragraph = LineInfo { overlap: 0.2, ..info(30, false) };
        let prose = info(40, false);
        let lines = [prose, prose, info(2, true), headline, headline, paragraph, info(6, true)];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, false, false, false, true, false]);
        // Without the label, two headlines and a paragraph after the article are what follows it.
        let lines = [prose, prose, headline, headline, headline, paragraph, info(6, true)];
        assert_eq!(decode(&probs, &lines, &params()).keep, [true, true, false, false, false, false, false]);
    }

    #[test]
    fn no_text_no_region() {
        let body = decode(&[0.1, 0.2], &[info(3, true), info(3, true)], &params());
        assert!(body.region.is_none() && body.keep == [false, false]);
    }

    #[test]
    fn without_likely_text_prose_without_furniture_signs_is_the_body() {
        let body = decode(&[0.1, 0.45, 0.3], &[info(5, false), info(30, false), info(25, true)], &params());
        assert_eq!((body.region, body.keep), (Some((1, 1)), vec![false, true, false]));
    }
}
