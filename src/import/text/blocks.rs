//! Blocks the article sets apart from its paragraphs, which read as furniture line by line:
//! - fact boxes: a few lines of a label and a short value each ("Population: 12,400",
//!   "Længde: 6,8 kilometer"), often under a title of the same shape ("Key facts: Pendlecombe").
//!   Each alone has the shape of a cross-reference ("Read more: …"); three or more in a row with
//!   different labels and no other sign of furniture are the article's own figures;
//! - lists under a lead-in: a line ending in a colon ("Project highlights:") over items marked
//!   as such ("• 100 MW battery system", "2. Turn off sleep mode"). Short items share few words
//!   with the prose and the model finds them unlikely text.
//!
//! The region reads past a block as it reads past text, adding nothing, and the block's lines
//! are kept inside the region or right after it (`decode.rs`).

use super::features::LineInfo;
use super::shapes::item_marked;

/// The fewest lines of a fact box: two labelled lines are as often a byline and a date.
const MIN_LINES: usize = 3;

/// The label of a fact-shaped line, lower case.
fn label(l: &str) -> String {
    l.split_once(": ").map_or("", |(a, _)| a).trim().to_lowercase()
}

/// The fewest items of a list under a lead-in, and the most words of the lead-in.
const MIN_ITEMS: usize = 2;
const LEAD_IN_WORDS: usize = 12;

/// Marks the lines of the blocks: runs of three or more fact lines (`LineInfo::fact`) whose
/// labels differ, and lead-ins (a line of a few words ending in a colon, no sign of furniture)
/// with the two or more marked items under them that show none either.
pub fn marks(lines: &[String], info: &[LineInfo]) -> Vec<bool> {
    let n = lines.len();
    let mut marks = vec![false; n];
    let mut i = 0;
    while i < n {
        let run = (i..n).take_while(|&j| info[j].fact).count();
        let mut labels: Vec<String> = (i..i + run).map(|j| label(&lines[j])).collect();
        labels.sort();
        labels.dedup();
        if run >= MIN_LINES && labels.len() == run {
            marks[i..i + run].fill(true);
        }
        i += run.max(1);
    }
    let plain = |j: usize| !info[j].evidence && !info[j].repeated;
    for i in 0..n {
        let t = lines[i].trim_end();
        if !(t.ends_with(':') && plain(i) && super::super::debris::word_count(t) <= LEAD_IN_WORDS) {
            continue;
        }
        let items = (i + 1..n).take_while(|&j| item_marked(&lines[j]) && plain(j)).count();
        if items >= MIN_ITEMS {
            marks[i..=i + items].fill(true);
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::super::shapes::fact_shaped;
    use super::*;

    #[test]
    fn a_scrapes_fact_box_and_bulleted_list_stay_in_the_body() {
        let scrape = "Ashby Courier\nNews\nSport\nPlans for 450 homes at Mill Lane draw a packed meeting\nBy Ann Lee\n3 March 2031\n\
            More than 300 people came to the town hall on Wednesday evening to hear the plans for 450 homes on the fields at Mill Lane.\n\
            The developer, Harcastle Homes, wants to build on both sides of the lane and says a third of the homes would be affordable.\n\
            Key facts: Mill Lane\nPopulation: 12,400\nHomes proposed: 450\nConsultation closes: 21 June\n\
            Residents said the lane floods every winter, and several asked how the new drains would cope with the water from the hill.\n\
            What the plans include:\n• 135 affordable homes\n• A new primary school\n• Two flood ponds\n\
            Several parents said a new school was welcome, as the primary school in the town centre has been full for three years.\n\
            The town council will give its view to the district council, which decides on the application later this year.\n\
            The plans can be seen at the library until the end of June, and comments can be left there or sent by post.\n\
            Most read\nLorry sheds its load on the bypass\n© 2031 Ashby Courier\n";
        let d = crate::import::text::extract(scrape);
        for want in [
            "More than 300 people",
            "Population: 12,400",
            "Consultation closes: 21 June",
            "Two flood ponds",
            "sent by post",
        ] {
            assert!(d.body.contains(want), "{want}: {}", d.body);
        }
        assert!(!d.body.contains("Lorry sheds"), "{}", d.body);
    }

    fn marked(lines: &[&str]) -> String {
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let info: Vec<LineInfo> =
            lines.iter().map(|l| LineInfo { fact: fact_shaped(l), ..LineInfo::default() }).collect();
        marks(&lines, &info).iter().map(|&m| if m { '#' } else { '.' }).collect()
    }

    #[test]
    fn three_facts_with_different_labels_and_a_lead_in_over_items_are_blocks() {
        assert_eq!(marked(&["Text", "Key facts: Mill Lane", "Homes: 450", "Schools: 1", "Text"]), ".###.");
        // The same label again and again is a list of links; two facts are too few.
        assert_eq!(marked(&["Text", "Read: A", "Read: B", "Read: C"]), "....");
        assert_eq!(marked(&["Text", "Homes: 450", "Schools: 1", "Text"]), "....");
        assert_eq!(marked(&["Text", "Highlights:", "• Two pools", "• A gym", "Text"]), ".###.");
        assert_eq!(marked(&["Text", "Highlights:", "• Two pools", "Text", "Menu", "• Home", "• News"]), ".......");
    }
}
