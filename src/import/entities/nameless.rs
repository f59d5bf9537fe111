//! Sentences that name nobody although they are capitalised: those that credit or promote
//! rather than report ("Reporting by …; Editing by …", "Follow … for more", "… contributed to
//! this report"). Labelling rules count no names there, so `mentions.rs` takes none.

use super::cues::CREDIT_STARTS;
use super::words::{lower, Word};

/// For each word, whether its sentence credits or promotes rather than reports: it begins
/// "Follow …", "Copyright …", or says who "contributed to this report".
pub(super) fn credit_sentences(ws: &[Word]) -> Vec<bool> {
    let mut out = vec![false; ws.len()];
    let mut start = 0;
    for end in 0..ws.len() {
        if !ws[end].sentence_end && end + 1 < ws.len() {
            continue;
        }
        let sentence = &ws[start..=end];
        let first = lower(sentence[0].core);
        let contributed = sentence.windows(3).any(|w| {
            w[0].core == "contributed" && (w[1].core == "reporting" || w[1].core == "to" && w[2].core == "this")
        });
        if CREDIT_STARTS.contains(&first.as_str()) || contributed {
            out[start..=end].fill(true);
        }
        start = end + 1;
    }
    // "(Reporting by Ada Quell; Editing by Bo Lind)": a wire story's credit line, to the end of
    // its sentence.
    let mut credit_line = false;
    for k in 0..ws.len() {
        credit_line |=
            matches!(ws[k].core, "Reporting" | "Editing" | "Writing") && ws.get(k + 1).is_some_and(|w| w.core == "by");
        out[k] |= credit_line;
        credit_line &= !ws[k].sentence_end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::mentions::names_in as names;

    #[test]
    fn credit_lines_name_nobody() {
        assert_eq!(
            names("Ada Quell spoke in Ebbwick. Follow Tollan Press for more. Bo Lind contributed to this report."),
            ["Ada Quell", "Ebbwick"]
        );
    }

    #[test]
    fn wire_credit_lines_name_nobody() {
        assert_eq!(
            names("Ada Quell spoke in Ebbwick (Graphic: here)\nReporting by Dana Lind; Editing by Mira Okonjo"),
            ["Ada Quell", "Ebbwick", "Graphic"]
        );
    }
}
