//! Markdown tidying shared by the HTML and feed paths and by link clean-up: a leaf, so
//! `html` and `links` can both use it without using each other.

/// Collapses runs of blank lines and trims trailing spaces.
pub(super) fn tidy_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank = 0;
    for line in md.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tidy_markdown;

    #[test]
    fn blank_line_runs_collapse_and_trailing_spaces_go() {
        assert_eq!(tidy_markdown("a  \n\n\n\nb\nc \n\n"), "a\n\nb\nc");
    }
}
