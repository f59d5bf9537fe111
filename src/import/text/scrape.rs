//! Reading one scraped text: each line's features and probability of being article text
//! ([`super::features`], [`super::model`]), the body they decide ([`super::decode`]), then the
//! header above it — byline, date, section, headline ([`super::headline`]) and an alternative
//! headline. The phases run in the order [`super::extract_with`] calls them.

use std::collections::HashSet;

use super::super::debris::{norm, word_count, words};
use super::batch::BatchStats;
use super::decode::{decode, Body};
use super::escape_line;
use super::features::{self, Features};
use super::headline;
use super::lines::{breadcrumb_last, byline, caption, find_date, is_stamp_line, units};
use super::model::{sigmoid, LineModel};
use crate::import::Draft;

/// One scraped text being read.
pub(super) struct Scrape<'a> {
    lines: Vec<String>,
    feats: Features,
    probs: Vec<f32>,
    body: Body,
    model: &'a LineModel,
    /// Lines that are bylines or dates.
    meta: Vec<bool>,
    /// The first line of the body: where the article starts.
    pub first: usize,
    /// Lower-cased content words of the body, to recognise the headline above it.
    body_words: HashSet<String>,
}

impl<'a> Scrape<'a> {
    pub fn new(text: &str, stats: &'a BatchStats) -> Scrape<'a> {
        let lines = units(text);
        let counts = stats.for_text(text);
        let mut feats = features::compute(&lines, &counts);
        let blocks = super::blocks::marks(&lines, &feats.info);
        for (line, block) in feats.info.iter_mut().zip(blocks) {
            line.block = block;
        }
        let model = stats.model.as_ref();
        let probs: Vec<f32> = feats.rows.iter().map(|r| sigmoid(model.lines.logit(r))).collect();
        let mut body = decode(&probs, &feats.info, &model.decode);
        super::decode::drop_tag_runs(&mut body.keep, body.region, &lines, &feats.info);
        let first = body.keep.iter().position(|&k| k).unwrap_or(lines.len());
        const BYLINE: usize = features::idx("byline");
        const DATE: usize = features::idx("date_line");
        const DATE_LIKE: usize = features::idx("date_like");
        let meta = (feats.rows.iter().zip(&lines))
            .map(|(r, l)| r[BYLINE] > 0.0 || r[DATE] > 0.0 || r[DATE_LIKE] > 0.0 || is_stamp_line(l))
            .collect();
        let mut scrape = Scrape { lines, feats, probs, body, model, meta, first, body_words: HashSet::new() };
        scrape.body_words = scrape.words_of_body();
        scrape
    }

    fn words_of_body(&self) -> HashSet<String> {
        let lang = self.feats.lang;
        self.lines
            .iter()
            .zip(&self.body.keep)
            .filter(|(_, &k)| k)
            .flat_map(|(l, _)| words(l).filter(|w| w.chars().count() >= 3).map(str::to_lowercase))
            .filter(|w| !lang.is_stop(w))
            .collect()
    }

    /// The probability that line `i` is article text.
    pub fn prob(&self, i: usize) -> f32 {
        self.probs[i]
    }

    /// The lines, their features and the body decision (for the `dump` module).
    pub fn parts(&self) -> (&[String], &Features, &Body) {
        (&self.lines, &self.feats, &self.body)
    }

    /// Reads the header (the lines before the body): byline and date go into `d`; returns the
    /// lines that may be the headline.
    pub fn header(&self, d: &mut Draft) -> Vec<usize> {
        let mut candidates: Vec<usize> = Vec::new();
        for (i, l) in self.lines[..self.first].iter().enumerate() {
            if let Some((authors, outlet)) = byline(l) {
                if d.authors.is_empty() {
                    d.authors = authors;
                    d.source = d.source.take().or(outlet);
                }
                if d.date.is_none() {
                    d.date = self.date_in(l);
                }
                continue;
            }
            if self.meta[i] {
                d.date = d.date.or_else(|| self.date_in(l));
                continue;
            }
            if caption(l).is_none() && word_count(l) >= 1 {
                candidates.push(i);
            }
        }
        candidates
    }

    /// The date by the headline (line `t`): the first a byline or date line under it gives wins
    /// over any above it, where a site's header shows the day's date ("Saturday, February 8,
    /// 2031" over the menu).
    pub fn date_below_headline(&self, t: usize, d: &mut Draft) {
        let dated = |i: usize| (self.meta[i] || byline(&self.lines[i]).is_some()).then(|| self.date_in(&self.lines[i]));
        if let Some(date) = (t + 1..self.first).find_map(|i| dated(i).flatten()) {
            d.date = Some(date);
        }
    }

    /// The date a header line gives, in words or in figures. Figures in either order are read
    /// day first unless the article is in English, the one language of a digest whose pages
    /// often write the month first.
    fn date_in(&self, l: &str) -> Option<crate::content::dates::FmDate> {
        crate::import::dates::find_date_or_figures(l, self.feats.lang.code() != "en")
    }

    /// What the headline model reads.
    pub fn headline_context(&self) -> headline::Context<'_> {
        headline::Context {
            lines: &self.lines,
            rows: &self.feats.rows,
            probs: &self.probs,
            body_words: &self.body_words,
            first: self.first,
            meta: &self.meta,
            lang: self.feats.lang,
        }
    }

    /// The headline among the candidates.
    pub fn headline(&self, candidates: &[usize]) -> Option<usize> {
        headline::choose(&self.headline_context(), candidates, &self.model.headline)
    }

    /// Takes the headline at line `t`, the section line before it and an alternative headline
    /// after it into `d`; returns the line after the title block.
    pub fn title_block(&self, t: usize, candidates: &[usize], d: &mut Draft) -> usize {
        let lines = &self.lines;
        d.title = lines[t].clone();
        // The line just before the headline is the section (or a breadcrumb).
        if let Some(p) = t.checked_sub(1) {
            let prev = &lines[p];
            let sectionlike = self.feats.info[p].words <= 6 && !super::shapes::ends_period(prev) && !self.meta[p];
            if sectionlike && !features::furniture_signs(&self.feats.rows[p]) {
                d.section = Some(breadcrumb_last(prev));
            }
        }
        // A second headline right after the first is an alternative headline.
        let next = candidates.iter().copied().find(|&i| i > t);
        if let Some(n) = next.filter(|&n| n == t + 1) {
            let l = &lines[n];
            if word_count(l) >= 4 && self.shared_with_body(l) >= 2 && !super::shapes::ends_period(l) {
                d.alt_title = Some(l.clone());
                return n + 1;
            }
        }
        t + 1
    }

    /// A byline without "By": with no author found yet, a line between the title block (which
    /// ends at `from`) and the body that is shaped like a name and stands next to the date
    /// line — right above it, above a short role line above it ("Senior Reporter"), or right
    /// below it — names the author. Returns where the lead may start: after the name.
    pub fn unmarked_byline(&self, from: usize, d: &mut Draft) -> usize {
        if !d.authors.is_empty() || from >= self.first {
            return from;
        }
        let meta = |i: usize| self.meta.get(i).copied().unwrap_or(false);
        let role = |i: usize| {
            self.lines.get(i).is_some_and(|l| word_count(l) <= 3 && !l.contains(|c: char| c.is_ascii_digit()))
        };
        let found = (from..self.first).find(|&i| {
            let info = &self.feats.info[i];
            super::lines::name_shaped(&self.lines[i])
                && !info.evidence
                && !self.meta[i]
                && (meta(i + 1) || role(i + 1) && meta(i + 2) || i > 0 && meta(i - 1))
        });
        match found {
            Some(i) => {
                d.authors = vec![self.lines[i].clone()];
                from.max(i + 1)
            }
            None => from,
        }
    }

    /// The outlet, from the copyright line at the foot of the page ([`outlet::copyright_holder`]),
    /// as the page's head spells it: the line there that is the holder's name, that name after
    /// "The", the start of it in two words or more ("Harbour Echo" for "Harbour Echo Media"),
    /// or a short line led or ended by the brand of a publisher's name ("Klaverblad Actueel"
    /// for "Klaverblad Media B.V."). `None` when the head names no such outlet: the holder
    /// alone is as often a parent company ("… Interactive", "… Media Group") as the outlet, and
    /// a menu line may share its first word ("Harbour Account").
    pub fn outlet_name(&self) -> Option<String> {
        const HEAD_LINES: usize = 15;
        const BRANDED_WORDS: usize = 4;
        // Fewer letters are a group's initials, which several of its outlets' names start with.
        const BRAND_LETTERS: usize = 4;
        let holder = self.lines.iter().rev().find_map(|l| crate::import::outlet::copyright_holder(l))?;
        let wanted = norm(&holder);
        let brand = norm(&crate::import::outlet::holder_brand(&holder));
        // The brand of a publisher's name ("Klaverblad" of "Klaverblad Media"), alone, leading
        // or ending a short line of the head ("Klaverblad Actueel", "The Capital Sentinel").
        let branded = |n: &str| {
            brand != wanted
                && brand.chars().filter(|c| c.is_alphabetic()).count() >= BRAND_LETTERS
                && (n == brand
                    || word_count(n) <= BRANDED_WORDS
                        && (n.starts_with(&format!("{brand} ")) || n.ends_with(&format!(" {brand}"))))
        };
        let outlet = |n: &str| {
            n == wanted
                || n.strip_prefix("the ") == Some(wanted.as_str())
                || n.contains(' ') && wanted.starts_with(&format!("{n} "))
                || branded(n)
        };
        let head = self.lines.iter().take(HEAD_LINES.min(self.first));
        let found = head.filter(|l| word_count(l) <= 6).find(|l| outlet(&norm(l)))?.trim();
        // A logo set in capitals is the name the copyright line spells, if it is the same.
        let shouted = !found.chars().any(char::is_lowercase);
        Some(if shouted && norm(found) == wanted { holder } else { found.to_owned() })
    }

    /// The lines after the body's last that may still close the article with its byline.
    const CLOSING_LINES: usize = 3;

    /// The byline set after the article ("— Reporting by Jane Doe", "Penulis: Rizky Pratama",
    /// "(Reporting by Jane Doe; Editing by John Roe)"), when the header named no one: the
    /// body's last line or one of the few right after it, led by a byline's "by" or writer's
    /// label. The line itself stays where it was (a closing credit is the article's own text).
    pub fn closing_byline(&self, d: &mut Draft) {
        if !d.authors.is_empty() {
            return;
        }
        let Some(last) = self.body.keep.iter().rposition(|&k| k) else {
            return;
        };
        let end = (last + 1 + Self::CLOSING_LINES).min(self.lines.len());
        for l in &self.lines[last..end] {
            // The first credit of a list of them, without the dashes and brackets around it.
            let l = l.trim_start_matches(|c: char| c.is_whitespace() || "—–-(".contains(c));
            let first = l.split(';').next().unwrap_or(l).trim_end_matches([')', ' ']);
            if crate::import::bylines::after_by(first).is_none() {
                continue;
            }
            if let Some((authors, _)) = byline(first) {
                d.authors = authors;
                return;
            }
        }
    }

    /// The standfirst: a sentence right under the title block (which ends at `from`) and above
    /// the byline or date is the article's summary, shown above it as its standfirst. The
    /// lead starts after the byline, so without this it would be lost.
    pub fn standfirst(&self, from: usize, d: &mut Draft) {
        let Some(line) = self.lines.get(from).filter(|_| from < self.first && d.summary.is_none()) else {
            return;
        };
        let info = &self.feats.info[from];
        let meta_below = (from + 1..self.first).any(|i| self.meta[i]);
        if meta_below && info.prose && !info.evidence && super::shapes::ends_period(line) && caption(line).is_none() {
            d.summary = Some(line.clone());
        }
    }

    fn shared_with_body(&self, l: &str) -> usize {
        let ws: HashSet<String> = words(l).filter(|w| w.chars().count() >= 3).map(str::to_lowercase).collect();
        ws.iter().filter(|w| self.body_words.contains(*w)).count()
    }

    /// The lead: lines between the header (from line `from`, or the byline or date after it)
    /// and the region that show no sign of furniture. The region leaves them out when
    /// furniture stands between them and the rest: a first paragraph above an advertisement,
    /// the facts box of a match report. A sentence the model finds likely text is kept despite
    /// a web word in it ("popular"): a first paragraph, not a prompt. One that addresses the
    /// reader, links or credits stays out whatever the model says, and so does a line without
    /// a letter (a like or comment count).
    pub fn lead(&self, from: usize) -> Vec<usize> {
        let start = self.body.region.map_or(self.first, |r| r.0).min(self.first);
        let from = (from..start).rev().find(|&i| self.meta[i]).map_or(from, |i| i + 1);
        let likely_sentence = |i: usize| {
            let info = &self.feats.info[i];
            info.prose
                && !info.repeated
                && self.probs[i] >= self.model.decode.threshold
                && !features::signs_beyond_words(&self.feats.rows[i])
        };
        let in_furniture_block = |i: usize| self.in_furniture_block(i, from, start);
        // A line without a letter is a counter or a rule ("142", "___"), not a paragraph.
        let worded = |i: usize| self.lines[i].chars().any(char::is_alphabetic);
        (from..start)
            .filter(|&i| {
                (!self.feats.info[i].evidence && !in_furniture_block(i) || likely_sentence(i))
                    && worded(i)
                    && self.caption_at(i).is_none()
            })
            .collect()
    }

    /// Line `i` as a photo caption with its credit: in the line itself ([`caption`]), or on a
    /// line of its own beside it ("Bild: Per Almgren" under "Parents have collected 600
    /// names.", or above it: see [`Scrape::credit_owner`]).
    fn caption_at(&self, i: usize) -> Option<(String, Option<String>)> {
        caption(&self.lines[i]).or_else(|| {
            [i + 1, i.wrapping_sub(1)].into_iter().find_map(|c| {
                let credit = self.bare_credit(c)?;
                (self.credit_owner(c) == Some(i)).then(|| (self.lines[i].clone(), credit))
            })
        })
    }

    /// The credit of a line that is a credit alone ("Foto: Jakub Mráz").
    fn bare_credit(&self, c: usize) -> Option<Option<String>> {
        caption(self.lines.get(c)?).filter(|(text, _)| text.is_empty()).map(|(_, credit)| credit)
    }

    /// The caption line a credit alone at `c` belongs to: the line above, as most pages set
    /// it, unless that is a paragraph and the line below is not (the credit above its caption,
    /// under the picture: a lead paragraph is no caption).
    fn credit_owner(&self, c: usize) -> Option<usize> {
        const PARAGRAPH_WORDS: usize = 25;
        let long = |k: usize| self.feats.info[k].words >= PARAGRAPH_WORDS;
        let above = c.checked_sub(1)?;
        let below = Some(c + 1).filter(|&k| k < self.lines.len() && caption(&self.lines[k]).is_none());
        match below {
            Some(b) if long(above) && !long(b) => Some(b),
            _ => Some(above),
        }
    }

    /// Whether line `i` is one of a block of short lines (between `from` and `to`) half or more
    /// of which show signs of furniture: the rest of a share bar ("Share on Facebook", "Share on
    /// X", "Send by e-mail") looks like nothing in particular but stands with it.
    fn in_furniture_block(&self, i: usize, from: usize, to: usize) -> bool {
        let short = |k: usize| self.feats.info[k].words < 5;
        if !short(i) {
            return false;
        }
        let first = (from..i).rev().take_while(|&k| short(k)).last().unwrap_or(i);
        let last = (i + 1..to).take_while(|&k| short(k)).last().unwrap_or(i);
        let signs = (first..=last).filter(|&k| self.feats.info[k].evidence).count();
        // Half of the block will do: its other lines are worded in ways no list knows ("Send
        // by e-mail", "37 comments" in the article's language).
        let lines = last + 1 - first;
        last > first && 2 * signs >= lines
    }

    /// The body: the kept lines (and `extra` ones) from line `from`, without captions (which
    /// go to `extra.captions`), bylines and dates outside the region.
    pub fn body(&self, from: usize, extra: &[usize], d: &mut Draft) {
        let mut body = Vec::new();
        let mut captions = Vec::new();
        let region = self.body.region.unwrap_or((usize::MAX, 0));
        let in_region = |i: usize| (region.0..=region.1).contains(&i);
        for (i, l) in self.lines.iter().enumerate().skip(from) {
            let kept = self.body.keep[i] || extra.contains(&i);
            if !kept && !in_region(i) {
                // A caption the region left out still dates the article (the latest photo of
                // an event cannot precede its report).
                if let Some((text, _)) = caption(l) {
                    d.date_hints.push(text);
                }
                continue;
            }
            // Photo captions in the article go to `extra.captions`, whatever the model said.
            if let Some((text, credit)) = self.caption_at(i) {
                // A credit alone goes with the caption it belongs to.
                let owned = text.is_empty() && self.credit_owner(i).is_some();
                if !owned {
                    captions.push(serde_json::json!({ "caption": text, "credit": credit }));
                }
                continue;
            }
            if !kept {
                continue;
            }
            if self.meta[i] && !in_region(i) {
                continue;
            }
            body.push(escape_line(l));
        }
        if !captions.is_empty() {
            d.extra.insert("captions".into(), serde_json::Value::Array(captions));
        }
        d.body = body.join("\n\n");
    }

    /// Without a date in the header, the first date in the body's lines.
    pub fn date_from_body(&self, d: &mut Draft) {
        if d.date.is_none() {
            if let Some(date) = self.lines[self.first.min(self.lines.len())..].iter().find_map(|l| find_date(l)) {
                d.date = Some(date);
                d.date_source = Some("text");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_rest_of_a_share_bar_stays_out_of_the_lead() {
        // Two share lines carry furniture words; the third does not, but stands with them.
        let text = "Home\nNews\nHarbour cranes go electric\nBy Ana Lima\n\
            Share on Facebook\nShare on X\nSend by post\n\
            The port of Tollan replaced its last diesel crane on Monday, saying the electric ones were quieter and cheaper to run.\n\
            Workers said the new cranes had made the night shift easier, and the council said the port would save money on fuel.\n\
            The harbour master said the old cranes would be sold to a museum in the north of the country next year.\n";
        let d = super::super::extract(text);
        assert!(d.body.starts_with("The port of Tollan"), "{}", d.body);
        let stats = super::super::batch::BatchStats::default();
        let scrape = super::Scrape::new(text, &stats);
        assert!(scrape.in_furniture_block(6, 4, 7) && !scrape.in_furniture_block(7, 4, 8));
    }

    #[test]
    fn half_of_a_block_of_short_lines_with_signs_makes_a_bar() {
        let body = "The port of Tollan replaced its last diesel crane on Monday, saying the electric ones were quieter and cheaper to run.\n\
            Workers said the new cranes had made the night shift easier, and the council said the port would save money on fuel.\n";
        let text = format!(
            "Home\nHarbour cranes go electric\nBy Ana Lima\nShare on Facebook\nShare on X\nOdeslat e-mailem\n37 komentářů\n{body}"
        );
        let stats = super::super::batch::BatchStats::default();
        let scrape = super::Scrape::new(&text, &stats);
        assert!(scrape.in_furniture_block(5, 3, 7) && scrape.in_furniture_block(6, 3, 7));
    }

    #[test]
    fn a_toolbar_of_platform_names_and_verbs_stays_out_of_the_lead() {
        // A Portuguese page's toolbar: one verb the prior knew before, two platform names and a
        // print button that look like nothing without it.
        let text = "Início\nCidade\nPonte de Tollan fecha por três meses\nPor Ana Lima\n\
            Compartilhar\nWhatsApp\nTelegram\nImprimir\n\
            A ponte velha de Tollan vai fechar na segunda-feira para obras que devem durar três meses, disse a câmara.\n\
            Os autocarros vão passar pela ponte nova, e a câmara pede aos condutores que evitem o centro às horas de ponta.\n\
            As obras custam dois milhões de euros e são pagas em parte pelo governo, segundo o vereador das obras.\n";
        let d = super::super::extract(text);
        assert!(d.body.starts_with("A ponte velha"), "{}", d.body);
    }

    #[test]
    fn a_first_sentence_with_a_web_word_stays_in_the_lead() {
        // "popular" is a web word; the first paragraph stands above a prompt, outside the region.
        let text = "Home\nSign in\nTech\nHarbour cranes go electric\nBy Ana Lima\n\
            The latest electric cranes are hugely popular with harbour workers, especially at night.\n\
            Click here to get the Harbour Courier app\n\
            The port of Tollan replaced its last diesel crane on Monday, saying the electric ones were quieter and cheaper to run.\n\
            Workers said the new cranes had made the night shift easier, and the council said the port would save money on fuel.\n\
            Most Read\nBridge repairs delayed\nLibrary hours cut\n";
        let stats = super::super::batch::BatchStats::default();
        let scrape = super::Scrape::new(text, &stats);
        let (info, p) = (scrape.feats.info[5], scrape.probs[5]);
        assert!(info.evidence && scrape.body.region.is_some_and(|r| r.0 > 5), "{info:?} {:?}", scrape.body.region);
        assert!(scrape.lead(4).contains(&5), "{info:?} p {p}");
        let d = super::super::extract(text);
        assert!(d.body.starts_with("The latest electric cranes"), "{}", d.body);
        assert!(!d.body.contains("Click here"), "{}", d.body);
    }

    #[test]
    fn a_prompt_addressing_the_reader_stays_out_of_the_lead() {
        let text = "Home\nTech\nHarbour cranes go electric\nBy Ana Lima\n\
            Do you rely on our reporting about the harbour? Click here to support it today.\n\
            Advertisement\n\
            The port of Tollan replaced its last diesel crane on Monday, saying the electric ones were quieter and cheaper to run.\n\
            Workers said the new cranes had made the night shift easier, and the council said the port would save money on fuel.\n\
            Most Read\nBridge repairs delayed\n";
        let d = super::super::extract(text);
        assert!(!d.body.contains("rely on"), "{}", d.body);
    }

    #[test]
    fn like_and_comment_counts_stay_out_of_the_lead() {
        let text = "Home\nWhy freight brokers merge\nBy Dana Whit\nMar 18, 2031\n142\n37\n\
            Three mid-sized freight brokerages were bought in six weeks, and the buyers all said the same thing about lanes.\n\
            The deals were small, but together they show where the business is going, owners and analysts said this week.\n";
        let d = super::super::extract(text);
        assert!(d.body.starts_with("Three mid-sized"), "{}", d.body);
    }
}
