//! Boxes of links to other articles set inside the article: a label that says it points to
//! them ("Read also:", "Čtěte také:", "Citește și:") over a few of their headlines, often with
//! their dates, and then the article's next paragraph.
//!
//! Such a box cuts the article in two, and a reader skips it as one interruption, however many
//! lines it has. The densest run of prose (the model's context) and the region (the body)
//! would otherwise end at it, and the article's second half would read as furniture after the
//! article. Where the boxes are is found twice with the same rule: on the lines' shapes alone
//! for the run of prose, and on their full reading (signs of furniture, dates) for the body.

/// The most lines a box's list of headlines runs to.
pub const MAX_LINES: usize = 8;

/// How a scrape's lines read, for finding the boxes.
pub trait Lines {
    fn len(&self) -> usize;
    /// A label pointing to other articles, alone on its line.
    fn label(&self, i: usize) -> bool;
    /// A line a box lists: another article's headline, its date or time, a thumbnail's credit.
    fn listed(&self, i: usize) -> bool;
    /// A paragraph of the article.
    fn paragraph(&self, i: usize) -> bool;
    /// A listed line that may be the article's own sub-heading, when right above the paragraph.
    fn heading(&self, _i: usize) -> bool {
        false
    }
}

/// Marks the lines of the boxes: a label and the listed lines under it, when a paragraph
/// follows them (a label over lines that run on into furniture ends the article, and its lines
/// are not one box; a label alone is a button).
pub fn boxes(lines: &impl Lines) -> Vec<bool> {
    let n = lines.len();
    let mut marks = vec![false; n];
    for i in (0..n).filter(|&i| lines.label(i)) {
        let end = (i + 1..n.min(i + 1 + MAX_LINES)).find(|&j| !lines.listed(j)).unwrap_or(n);
        if end > i + 1 && end < n && lines.paragraph(end) {
            // The article's sub-heading over its paragraph is not the box's last headline.
            let end = if end > i + 2 && lines.heading(end - 1) { end - 1 } else { end };
            marks[i..end].fill(true);
        }
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines by letter: `L` label, `h` listed, `P` paragraph, `x` anything else.
    struct Shapes(&'static str);
    impl Lines for Shapes {
        fn len(&self) -> usize {
            self.0.len()
        }
        fn label(&self, i: usize) -> bool {
            self.0.as_bytes()[i] == b'L'
        }
        fn listed(&self, i: usize) -> bool {
            self.0.as_bytes()[i] == b'h'
        }
        fn paragraph(&self, i: usize) -> bool {
            self.0.as_bytes()[i] == b'P'
        }
    }

    fn marked(shapes: &'static str) -> String {
        boxes(&Shapes(shapes)).iter().map(|&m| if m { '#' } else { '.' }).collect()
    }

    #[test]
    fn a_box_is_its_label_and_listed_lines_up_to_the_next_paragraph() {
        assert_eq!(marked("PPLhhhPP"), "..####..");
        // Running on into furniture, or alone: no box.
        assert_eq!(marked("PPLhhx"), "......");
        assert_eq!(marked("PPLPP"), ".....");
        // No more than MAX_LINES listed lines.
        assert_eq!(marked("PLhhhhhhhhhP"), "............");
    }
}
