//! Scraped plain text (no markup): finds the section (breadcrumb) line, the headline and an
//! alternative headline, byline and date lines and photo captions, and drops debris.
//!
//! Debris is recognised by what such lines look like, never by a list of one site's phrases: a
//! logistic regression over structural features of each line (`features`: length,
//! punctuation, capitals, function words of the article's language, links, place relative to
//! the densest run of prose, list-likeness, repetition across the batch and the site's articles
//! of the same outlet), with weights fitted on the public corpora by
//! `bench/line_model/fit.py` and kept as data (`line_model.json`); then the article's region
//! and lines are decided from the probabilities (`decode`) and the headline is picked among
//! the lines above it (`headline`).
//!
//! Photo captions (a sentence followed by a parenthesised credit, or `Photo:`/`Credit:` lines)
//! are moved out of the body into `extra.captions` (they have no image URL, and the theme shows
//! `images` as `<img>` elements, so they are not put under `images`).

mod batch;
mod blocks;
mod decode;
pub mod dump;
mod features;
mod headline;
mod lang;
mod lines;
mod live;
mod model;
mod pointed;
mod run;
mod scrape;
mod shapes;
mod words;

use super::debris::word_count;
use super::Draft;
pub use batch::{BatchStats, SiteLines};
pub use lang::{is_function_word, Lang};
pub(super) use lines::MONTHS;
pub use lines::{caption, find_date};
pub use model::LineModel;
use scrape::Scrape;
pub use shapes::ends_period;

/// Extracts an article from scraped plain text: the body the line model finds, then the header
/// above it (byline, date, section, headline and an alternative headline).
pub fn extract_with(text: &str, stats: Option<&BatchStats>) -> Draft {
    let own;
    let stats = match stats {
        Some(s) => s,
        None => {
            own = BatchStats::default();
            &own
        }
    };
    let scrape = Scrape::new(text, stats);
    let mut d = Draft::default();
    let candidates = scrape.header(&mut d);
    let from = match scrape.headline(&candidates) {
        Some(t) => {
            scrape.date_below_headline(t, &mut d);
            scrape.title_block(t, &candidates, &mut d)
        }
        None => 0,
    };
    scrape.standfirst(from, &mut d);
    let from = scrape.unmarked_byline(from, &mut d);
    let lead = scrape.lead(from);
    scrape.body(from, &lead, &mut d);
    scrape.closing_byline(&mut d);
    if d.source.is_none() {
        d.source = scrape.outlet_name();
    }
    scrape.date_from_body(&mut d);
    d
}

/// Extracts an article from scraped plain text, judged on its own.
pub fn extract(text: &str) -> Draft {
    extract_with(text, None)
}

/// Escapes what Markdown would otherwise read as markup in a line of plain text.
pub fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    // Line starts that make lists: "- ", "+ ", "1. ", "1) ".
    if out.starts_with("- ") || out.starts_with("+ ") {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && (out[digits..].starts_with(". ") || out[digits..].starts_with(") ")) {
        out.insert(digits, '\\');
    }
    out
}

/// Markdown input: kept as it is when its front matter is complete, else read as text.
/// Front matter that is there but broken (bad YAML, no closing `---`) is an error: reading it
/// as text would turn the editor's keys into the article.
pub fn extract_markdown(text: &str) -> anyhow::Result<Draft> {
    use crate::content::front_matter::{parse, split, ArticleMeta, ARTICLE_KEYS};
    let path = std::path::Path::new("input.md");
    let parsed = parse::<ArticleMeta>(path, text, ARTICLE_KEYS);
    if let Ok((meta, split)) = parsed {
        return Ok(Draft {
            title: meta.title.clone(),
            body: split.body.trim().to_owned(),
            ready: Some(meta),
            ..Draft::default()
        });
    }
    let body = match split(path, text) {
        Ok(parts) => {
            if let Err(d) = parse::<yaml_serde::Value>(path, text, &[]) {
                anyhow::bail!(
                    "line {}, column {}: its front matter is not valid YAML: {} (fix it, or remove the front matter)",
                    d.line,
                    d.column,
                    d.message
                );
            }
            // Front matter that is not ours (another generator's keys): drop it, read the rest.
            parts.body
        }
        Err(d) if text.trim_start_matches('\u{feff}').starts_with("---") => {
            let help = d.help.map(|h| format!(" ({h})")).unwrap_or_default();
            anyhow::bail!("{}{help}", d.message)
        }
        Err(_) => text,
    };
    let mut d = Draft::default();
    let mut rest = body.trim_start();
    if let Some(h) = rest.strip_prefix("# ") {
        let (title, after) = h.split_once('\n').unwrap_or((h, ""));
        d.title = title.trim().to_owned();
        rest = after;
    } else {
        d.title = rest.lines().next().unwrap_or("").trim().to_owned();
        rest = rest.split_once('\n').map(|x| x.1).unwrap_or("");
    }
    d.body = rest.trim().to_owned();
    Ok(d)
}

/// Whether a body has at least one line that reads like prose (five words or more).
pub fn has_prose(body: &str) -> bool {
    body.lines().any(|l| word_count(l) >= 5)
}

/// The first `n` words of a text.
pub fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Markdown to plain text, roughly: markup characters, link targets and images removed.
///
/// Every character that matters here is ASCII, so the text is scanned as bytes and the runs
/// between markup characters are copied whole (it is read for every block of every page).
pub fn markdown_plain(md: &str) -> String {
    let b = md.as_bytes();
    let markup = |c: u8| matches!(c, b'\\' | b'!' | b'*' | b'_' | b'[' | b']' | b'`' | b'#' | b'>' | b'|');
    // Just past the first `)` from `at`, where a link's target or an image ends.
    let past_paren = |at: usize| memchr::memchr(b')', &b[at..]).map(|end| at + end + 1);
    let mut out = String::with_capacity(md.len());
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().position(|&c| markup(c)).map_or(b.len(), |n| i + n);
        out.push_str(&md[i..run]);
        i = run;
        let Some(&c) = b.get(i) else { break };
        let next = b.get(i + 1).copied();
        i = match (c, next) {
            // An escaped character stands for itself.
            (b'\\', Some(_)) => {
                let escaped = md[i + 1..].chars().next().unwrap_or('\\');
                out.push(escaped);
                i + 1 + escaped.len_utf8()
            }
            // An image goes whole; a link keeps its text, not its target. Without a `)` after
            // them, `![` and `](` lose their first character only.
            (b'!', Some(b'[')) | (b']', Some(b'(')) => past_paren(i).unwrap_or(i + 1),
            (b'!' | b'\\', _) => {
                out.push(char::from(c));
                i + 1
            }
            _ => i + 1,
        };
    }
    out
}

/// A summary: the first paragraph, cut to about 50 words.
pub fn summary_of(plain: &str) -> Option<String> {
    let para = plain.split("\n\n").map(str::trim).find(|p| word_count(p) >= 8)?;
    let para = para.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    if word_count(&para) <= 50 {
        return Some(para);
    }
    let cut = first_words(&para, 50);
    let cut = match cut.rfind(['.', '!', '?']) {
        Some(i) if i > cut.len() / 2 => cut[..=i].to_owned(),
        _ => format!("{cut}…"),
    };
    Some(cut)
}

/// Plain-text paragraphs as HTML `<p>` elements.
pub fn paragraphs_to_html(text: &str) -> String {
    text.split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>", crate::content::markdown::escape(l.trim())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::debris::{is_cross_reference, is_furniture_line};
    use super::lines::byline;
    use super::*;

    #[test]
    fn furniture_is_recognised_by_shape() {
        for line in [
            "Sign up for our morning briefing",
            "Tap here to download the app",
            "Most Popular",
            "Share this story",
            "Your comment will be reviewed",
        ] {
            assert!(is_furniture_line(line), "{line}");
        }
        for line in ["Council votes to close the library", "The minister said the plan would cost more than expected."]
        {
            assert!(!is_furniture_line(line), "{line}");
        }
        assert!(is_cross_reference("Watch: Crowds gather at the old bridge"));
        assert!(is_cross_reference("Also read  Ferry fares rise again"));
        assert!(!is_cross_reference("Replacements: Ames, Bell, Cole."));
    }

    #[test]
    fn captions_bylines_and_dates() {
        let (text, credit) = caption("Crowds at the quay in Ellsby, May 2, 2026. (Jon Marsh/Courier)").unwrap();
        assert_eq!(
            (text.as_str(), credit.as_deref()),
            ("Crowds at the quay in Ellsby, May 2, 2026.", Some("Jon Marsh/Courier"))
        );
        assert!(caption("Little Britain (BBC Three)").is_none());
        let (text, credit) = caption("Rua Calixto tomada pela água na noite de segunda — Foto: Leitor/Diário").unwrap();
        assert_eq!(
            (text.as_str(), credit.as_deref()),
            ("Rua Calixto tomada pela água na noite de segunda", Some("Leitor/Diário"))
        );
        let (text, credit) =
            caption("Walkers on the towpath near Ellsby, which opened in 2027. Foto: Jon Marsh").unwrap();
        assert_eq!(
            (text.as_str(), credit.as_deref()),
            ("Walkers on the towpath near Ellsby, which opened in 2027.", Some("Jon Marsh"))
        );
        assert!(caption("The council said the plan was final. Photo: the mayor will open the bridge in May.").is_none());
        let credit_of = |l: &str| caption(l).and_then(|(_, c)| c);
        assert_eq!(
            credit_of("An officer inspects the grass near Barrow Flat. Picture by Sam Kovac").as_deref(),
            Some("Sam Kovac")
        );
        assert_eq!(
            credit_of("Boats moored in the port during the protest (Foto Bertoli)").as_deref(),
            Some("Foto Bertoli")
        );
        assert_eq!(credit_of("Fot. Tomasz Grabowski / Nadrzecze24").as_deref(), Some("Tomasz Grabowski / Nadrzecze24"));
        assert!(caption("The bridge was closed by the council. Photo by the river, the mayor said.").is_none());
        let (_, credit) = caption("Η νέα μονάδα στον όρμο του Αγίου Στεφάνου (Φωτ.: Δήμος Λεμονησίου)").unwrap();
        assert_eq!(credit.as_deref(), Some("Φωτ.: Δήμος Λεμονησίου"));
        assert_eq!(byline("Reported by Priya Raman, Kesarigarh").unwrap().0, ["Priya Raman"]);
        assert_eq!(byline("Text: Jana Brehm | Fotos: Malte Ivers").unwrap().0, ["Jana Brehm"]);
        assert!(byline("Ferry grounded by the storm").is_none());
        assert_eq!(byline("By Ana Lima and Bo Stern | 4 March 2005").unwrap().0, ["Ana Lima", "Bo Stern"]);
        assert_eq!(
            byline("Ana Lima, The Daily Post").unwrap(),
            (vec!["Ana Lima".to_owned()], Some("The Daily Post".to_owned()))
        );
        assert_eq!(find_date("Published 4 March 2005").map(|d| d.to_string()).as_deref(), Some("2005-03-04"));
        assert_eq!(find_date("Updated Aug. 15, 2025 at noon").map(|d| d.to_string()).as_deref(), Some("2025-08-15"));
    }

    #[test]
    fn a_sentence_between_headline_and_byline_is_the_standfirst() {
        let text = "News\nTollan ferry strike ends after nine days\n\
            The crews return on Monday after the company agreed to hire more staff.\nBy Ana Lima\n3 March 2031\n\
            The ferry crews of Tollan went back to work on Monday after the company agreed to hire more staff for the night crossings.\n\
            The union said the deal would be put to a vote of its members next week, and that it expected it to pass easily.\n";
        let d = extract(text);
        assert_eq!(
            d.summary.as_deref(),
            Some("The crews return on Monday after the company agreed to hire more staff.")
        );
        assert!(d.body.starts_with("The ferry crews"), "{}", d.body);
    }

    #[test]
    fn a_name_beside_the_date_line_is_the_byline_without_by() {
        let body = "The ferry crews of Tollan went back to work on Monday after the company agreed to hire more staff for the night crossings.\n\
            The union said the deal would be put to a vote of its members next week, and that it expected it to pass easily.\n\
            The company said the first new crews would start in April, once they had finished their training at sea.\n";
        let above = format!("News\nTollan ferry strike ends after nine days\nIsolde van der Brak\nHarbour Correspondent\n3 March 2031, 08:15\n{body}");
        let d = extract(&above);
        assert_eq!(d.authors, ["Isolde van der Brak"]);
        assert!(d.body.starts_with("The ferry crews"), "{}", d.body);
        let below =
            format!("News\nTollan ferry strike ends after nine days\n03.03.2031 08:15\nTeodor Ansel-Vik\n{body}");
        let d = extract(&below);
        assert_eq!(d.authors, ["Teodor Ansel-Vik"]);
        assert!(d.body.starts_with("The ferry crews"), "{}", d.body);
        // A label of furniture words, or one with a function word, names nobody.
        let label = format!("Tollan ferry strike ends after nine days\nShare This\n3 March 2031\n{body}");
        assert!(extract(&label).authors.is_empty());
        assert!(!lines::name_shaped("Back To Top") && !lines::name_shaped("Ann Lee Harbour Courier"));
        assert!(lines::name_shaped("Ana de la Torre") && lines::name_shaped("J. R. Okafor"));
        assert_eq!(
            lines::byline("Posted on June 3, 2031 by Marcus Delaney").map(|b| b.0),
            Some(vec!["Marcus Delaney".into()])
        );
        assert_eq!(lines::byline("Ferry crossing closed by Storm Ciara").map(|b| b.0), None);
    }

    #[test]
    fn a_byline_after_the_article_names_its_authors() {
        let body = "The ferry crews of Tollan went back to work on Monday after the company agreed to hire more staff for the night crossings.\n\
            The union said the deal would be put to a vote of its members next week, and that it expected it to pass easily.\n\
            The company said the first new crews would start in April, once they had finished their training at sea.\n";
        let head = "News\nTollan ferry strike ends after nine days\n3 March 2031, 08:15\n";
        for (closing, want) in [
            ("— Reporting by Ilse Varga and Tomas Rehn", vec!["Ilse Varga", "Tomas Rehn"]),
            ("(Reporting by Ilse Varga; Editing by Tomas Rehn)", vec!["Ilse Varga"]),
            ("Penulis: Rizky Pratama\nEditor: Dewi Anggraini", vec!["Rizky Pratama"]),
        ] {
            let d = extract(&format!("{head}{body}{closing}\nShare this story\n© 2031 Tollan Post\n"));
            assert_eq!(d.authors, want, "{closing}");
            assert!(d.body.starts_with("The ferry crews"), "{}", d.body);
        }
        // A header's byline wins; a closing sentence led by "By" names no one.
        let d = extract(&format!("{head}By Ana Lima\n{body}— Reporting by Ilse Varga\n"));
        assert_eq!(d.authors, ["Ana Lima"]);
        let d = extract(&format!("{head}{body}By 2032 the crossing will run all night.\n"));
        assert!(d.authors.is_empty(), "{:?}", d.authors);
    }

    #[test]
    fn a_live_blog_keeps_its_timed_entries_past_the_boxes_between_them() {
        let scrape = "Harbour Post\nNews\nSport\nSign in\nLIVE\n\
            Gales close the Tollan crossing as the storm moves north\n\
            By Ilse Varga\n12 March 2031, 07:02\nShare\n\
            A deep storm reached the northern coast overnight, closing the ferry crossing at Tollan and leaving several villages along the shore road without power.\n\
            Forecasters expect the strongest gusts by midday and have asked residents of the low-lying harbour streets to move their cars to higher ground before the tide.\n\
            Follow our updates below.\n- Advertisement -\nLatest updates\n\
            14:20\n\
            The ferry company says the first crossing will not leave before Thursday morning, and that tickets for the cancelled sailings will be refunded in full.\n\
            12:05\n\
            About four thousand homes are still without power, the grid operator says, because its crews cannot reach two damaged lines on the headland.\n\
            You might also like\nCouncil approves the new swimming pool for Ostby\n2 hours ago\nFishing quotas cut again for the spring season\n5 hours ago\n\
            10:40\n\
            All schools on the island will stay closed on Wednesday, the education office has confirmed, and pupils will be given work to do at home.\n\
            09:15\n\
            The mayor visited the sports hall where sixty people spent the night, and thanked the volunteers who brought blankets and food from the village.\n\
            Topics\nWeather\nTollan\n© 2031 Harbour Post\n";
        let d = extract(scrape);
        for want in
            ["The ferry company says", "About four thousand homes", "All schools on the island", "The mayor visited"]
        {
            assert!(d.body.contains(want), "{want}: {}", d.body);
        }
        for time in ["14:20", "12:05", "10:40", "09:15"] {
            assert!(d.body.lines().any(|l| l.trim() == time), "{time}: {}", d.body);
        }
        for box_line in ["Council approves the new swimming pool", "2 hours ago", "You might also like"] {
            assert!(!d.body.contains(box_line), "{box_line}: {}", d.body);
        }
    }

    #[test]
    fn an_article_addressing_its_reader_keeps_its_lines_that_say_you() {
        let scrape = "Circuit Weekly\nReviews\nHow-to\nHow to turn an old laptop into a media server\nBy Ann Lee\n3 March 2031\n\
            If you upgraded your laptop in the last few years, your old one is probably sitting in a drawer, and you can give it a second life in an afternoon.\n\
            You will need an external drive large enough for your films and music, and a free media server app, which you install like any other program.\n\
            Once it runs, you point the app at your drive, and it sorts your library into films, series and albums for you while you make a coffee.\n\
            What you will need\n\
            The old laptop, with a working network port\n\
            An external drive for your media library\n\
            When you are done, your television and your phone will find the server on your network, and you can watch your films in any room.\n\
            Your laptop will draw about eleven watts, so you will hardly notice it on your electricity bill at the end of the month.\n\
            If the fan gets loud, you can lower the laptop's top speed in its power settings, and your films will still play without a stutter.\n\
            And when you buy a new laptop next year, you can move the drive over and your whole library will be there as you left it.\n\
            Subscribe to our newsletter\nSign in to comment\n© 2031 Circuit Weekly\n";
        let d = extract(scrape);
        for want in ["What you will need", "An external drive for your media library", "When you are done"] {
            assert!(d.body.contains(want), "{want}: {}", d.body);
        }
        assert!(!d.body.contains("Subscribe"), "{}", d.body);
    }

    #[test]
    fn the_outlet_is_the_brand_of_the_publisher_as_the_head_shows_it() {
        let body = "The ferry crews of Tollan went back to work on Monday after the company agreed to hire more staff for the night crossings.\n\
            The union said the deal would be put to a vote of its members next week, and that it expected it to pass easily.\n\
            The company said the first new crews would start in April, once they had finished their training at sea.\n";
        let scrape = |logo: &str, foot: &str| {
            format!("Skip to content\n{logo}\nNews\nSport\nTollan ferry strike ends after nine days\n3 March 2031\n{body}Share\n{foot}\n")
        };
        for (logo, foot, want) in [
            ("Klaverblad Actueel", "© 2031 Klaverblad Media B.V.", Some("Klaverblad Actueel")),
            ("The Capital Sentinel", "Copyright © 2031 Sentinel Media Pvt Ltd.", Some("The Capital Sentinel")),
            ("NORDLICHT", "© NORDLICHT Verlag GmbH 2031", Some("NORDLICHT")),
            // A group's initials lead many of its outlets' names and menu lines.
            ("CBS Ferry Home", "© 2031 CBS Interactive Inc.", None),
        ] {
            assert_eq!(extract(&scrape(logo, foot)).source.as_deref(), want, "{logo}");
        }
    }

    #[test]
    fn a_date_line_in_parts_dates_the_article_and_is_no_headline() {
        let text = "News
World
Tollan ferry strike ends after nine days
            By Ana Lima
            POSTED: 08:15, Mon, Mar 3, 2031 | EDITED: 19:02, Mon, Mar 3, 2031
            The ferry crews of Tollan went back to work on Monday after the company agreed to hire more staff for the night crossings.
            The union said the deal would be put to a vote of its members next week, and that it expected it to pass.
            THE MORNING EDITION
Thursday, 6th March 2031
";
        let d = super::extract(text);
        assert_eq!(d.title, "Tollan ferry strike ends after nine days");
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2031-03-03"));
        assert!(super::lines::is_stamp_line("Posted 3 March 2031 | Updated 4 March 2031"));
        assert!(super::lines::is_stamp_line("Publié le 03/07/2031 à 18h12, mis à jour le 04/07/2031 à 08h05"));
        assert!(super::lines::is_stamp_line("Pubblicato il 14 aprile 2031 alle 07:42 – Aggiornato alle 10:15"));
        assert!(super::lines::is_stamp_line("Publié le 3 avril 2031 à 18h12 Mis à jour le 4 avril 2031 à 07h30"));
        assert!(!super::lines::is_stamp_line("Storm hits the coast at 10:15 – ferries stop on 3 March 2031"));
        assert!(!super::lines::is_stamp_line(
            "Ferry strike ends | Tollan | The crews went back on 3 March 2031 after nine long days"
        ));
    }

    #[test]
    fn a_date_line_in_figures_dates_the_article_day_first_outside_english() {
        let body = "Le conseil de Tollan a voté mardi soir la fermeture du vieux pont pour trois mois de travaux, a annoncé la mairie.\n\
            Les bus passeront par le nouveau pont, et la mairie demande aux automobilistes d'éviter le centre aux heures de pointe.\n\
            Les travaux coûtent deux millions d'euros et sont payés en partie par la région, selon l'adjoint aux travaux.\n";
        let fr = format!("Accueil\nTollan : le vieux pont fermé pour trois mois\nPar Ana Lima\nPublié le 03/07/2031 à 18h12, modifié le 04/07/2031 à 08h05\n{body}");
        let d = super::extract(&fr);
        assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2031-07-03"));
        assert!(d.body.starts_with("Le conseil"), "{}", d.body);
        let en = "Home\nTollan closes its old bridge for three months\nBy Ana Lima\nPosted 03/07/2031 08:05\n\
            The council of Tollan voted on Tuesday night to close the old bridge for three months of repairs, the mayor said.\n\
            Buses will use the new bridge, and the council asked drivers to avoid the centre at peak hours while work goes on.\n";
        assert_eq!(super::extract(en).date, None, "03/07 is either order in English");
    }

    #[test]
    fn a_drop_cap_set_apart_joins_its_paragraph() {
        let units = super::lines::units("Harbour news\nT\n\nhe ferry is back. It runs twice a day.\nA\nB\n");
        assert_eq!(units, ["Harbour news", "The ferry is back. It runs twice a day.", "A", "B"]);
    }

    #[test]
    fn scrape_is_split_into_its_parts() {
        let text = "Menu\nLocal News\nBakers strike over new oven rules in Tollan\nBy Ana Lima | 4 March 2005\n\
            Bakers in Tollan walked out on Monday over new rules for the ovens they use every night, their union said.\n\
            Listen to this article\n\
            The council said the rules were needed for safety and would not be withdrawn before the summer.\n\
            More on this story\nBridge repairs delayed\nLibrary hours cut\nLeave a Reply\n";
        let d = extract(text);
        assert_eq!(d.title, "Bakers strike over new oven rules in Tollan");
        assert_eq!(d.section.as_deref(), Some("Local News"));
        assert_eq!(d.authors, ["Ana Lima"]);
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2005-03-04"));
        assert_eq!(d.body.split("\n\n").count(), 2, "{}", d.body);
        assert!(!d.body.contains("Library hours") && !d.body.contains("Listen"));
    }

    #[test]
    fn credits_in_brackets_are_not_bylines() {
        assert!(byline("Doc Ames (Harbour Films, Channel Six)").is_none());
        assert!(byline("Ana Lima, The Daily Post").is_some());
    }

    #[test]
    fn a_headline_may_address_the_reader() {
        // The headline shares two words with the body, the section line one.
        // A line about the page that shares more words with the body is still not the headline.
        let text =
            "Sign in\nScience\nSensors watching while you sleep\nYou can now listen to sleep science on sensors!\n\
            Published 4 March 2005\n\
            Sensors that track sleep at home are the new science of rest, the makers say, and they cost little.\n\
            The sensors record how long people sleep and send the figures to their doctors, the council said.\n\
            Your comment will be reviewed\n";
        let d = extract(text);
        assert_eq!(d.title, "Sensors watching while you sleep");
        assert_eq!(d.section.as_deref(), Some("Science"));
        assert!(!d.body.contains("comment"), "{}", d.body);
    }

    #[test]
    fn markdown_characters_are_escaped() {
        assert_eq!(escape_line("1. Not a list *really*"), "1\\. Not a list \\*really\\*");
        assert_eq!(markdown_plain("A [link](https://x.y) and ![img](a.png) \\*"), "A link and  *");
    }

    /// The conversion as first written, over a vector of characters: what the byte scan must match.
    fn markdown_plain_by_chars(md: &str) -> String {
        let mut out = String::with_capacity(md.len());
        let chars: Vec<char> = md.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' if i + 1 < chars.len() => {
                    out.push(chars[i + 1]);
                    i += 2;
                    continue;
                }
                '!' if chars.get(i + 1) == Some(&'[') => {
                    // Image: skip entirely.
                    if let Some(end) = chars[i..].iter().position(|&c| c == ')') {
                        i += end + 1;
                        continue;
                    }
                }
                ']' if chars.get(i + 1) == Some(&'(') => {
                    if let Some(end) = chars[i..].iter().position(|&c| c == ')') {
                        i += end + 1;
                        continue;
                    }
                }
                '*' | '_' | '[' | ']' | '`' | '#' | '>' | '|' => {}
                _ => out.push(c),
            }
            i += 1;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_byte_scan_reads_markdown_as_the_character_scan_did(md in "[a-zé日 \\\\!\\[\\]()*_`#>|.\n]{0,60}") {
            proptest::prop_assert_eq!(markdown_plain(&md), markdown_plain_by_chars(&md));
        }
    }
}
