//! Live blogs: an article told as timed entries, newest first or oldest first. Each entry is a
//! time of day alone on its line ("14:20", "9.15am", "10h42"), maybe a short title, and a
//! paragraph or more.
//!
//! Between the entries stand advertisements, boxes of other headlines and "Follow our updates"
//! lines, so the region (the densest stretch of text) ends at the first entries and the rest of
//! the blog reads as furniture after the article. The entries themselves tell where the article
//! goes on: a chain of three or more, each within a few lines of the last, their times in
//! order and their paragraphs prose, belongs to the article, and so do their stamps.

use super::features::LineInfo;

/// The fewest entries that make a live blog: two timed paragraphs are as often a list of
/// other articles with their times.
const MIN_ENTRIES: usize = 3;

/// The most lines between one entry (or the region) and the next: an advertisement and a box
/// of a few other headlines with their dates.
const MAX_GAP: usize = 8;

/// The least probability of an entry's paragraph. The model reads a blog's last entries, far
/// from its densest prose and near the page's foot, as less likely text than the first.
const ENTRY_P: f32 = 0.3;

/// The most words of an entry's title between its time and its paragraph.
const TITLE_WORDS: usize = 12;

/// One entry: the line of its time, its time in minutes, and the line of its paragraph.
#[derive(Debug, Clone, Copy)]
struct Entry {
    stamp: usize,
    minutes: u16,
    paragraph: usize,
}

/// The region grown over the live blog's entries around it, and the entries' stamp lines (to
/// keep). The region is unchanged, and no line marked, when no chain of entries reaches it.
pub fn extend(region: (usize, usize), probs: &[f32], info: &[LineInfo], threshold: f32) -> ((usize, usize), Vec<bool>) {
    let mut stamps = vec![false; info.len()];
    let entries = entries(probs, info);
    let (mut s, mut e) = region;
    // Entries inside the region or chained to it, one gap at a time, downwards then upwards.
    let mut chain: Vec<Entry> = entries.iter().copied().filter(|x| (s..=e).contains(&x.paragraph)).collect();
    for x in entries.iter().filter(|x| x.stamp > region.1) {
        if x.stamp - e > MAX_GAP + 1 {
            break;
        }
        chain.push(*x);
        e = x.paragraph;
    }
    for x in entries.iter().rev().filter(|x| x.paragraph < region.0) {
        if s - x.paragraph > MAX_GAP + 1 {
            break;
        }
        chain.push(*x);
        s = x.stamp;
    }
    chain.sort_by_key(|x| x.stamp);
    // The first entry's time may stand just above the region.
    s = s.min(chain.first().map_or(s, |x| x.stamp));
    if chain.len() < MIN_ENTRIES || !in_order(&chain) {
        return (region, stamps);
    }
    // The last entry's further paragraphs.
    while e + 1 < probs.len() && probs[e + 1] >= threshold && !info[e + 1].repeated {
        e += 1;
    }
    for x in &chain {
        stamps[x.stamp] = true;
    }
    ((s, e), stamps)
}

/// Every time of day alone on its line over a paragraph with no sign of furniture that the
/// model does not find unlikely text, with an entry's title between them or not.
fn entries(probs: &[f32], info: &[LineInfo]) -> Vec<Entry> {
    let paragraph = |j: usize| info[j].prose && !info[j].evidence && !info[j].repeated && probs[j] >= ENTRY_P;
    let title = |j: usize| info[j].headline_like && info[j].words <= TITLE_WORDS;
    (0..info.len())
        .filter_map(|i| {
            let minutes = info[i].clock?;
            let next = (i + 1..info.len().min(i + 3)).find(|&j| !(j == i + 1 && title(j) && !paragraph(j)))?;
            paragraph(next).then_some(Entry { stamp: i, minutes, paragraph: next })
        })
        .collect()
}

/// The entries' times run one way: a blog is newest first or oldest first.
fn in_order(chain: &[Entry]) -> bool {
    let pairs = || chain.windows(2).map(|w| (w[0].minutes, w[1].minutes));
    pairs().all(|(a, b)| a >= b) || pairs().all(|(a, b)| a <= b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines by letter: `t` a time (its minutes from `times`, in order), `P` a likely
    /// paragraph, `h` a title, `x` furniture.
    fn read(shapes: &str, times: &[u16]) -> (Vec<f32>, Vec<LineInfo>) {
        let mut times = times.iter();
        shapes
            .chars()
            .map(|c| {
                let mut l = LineInfo { words: 3, ..LineInfo::default() };
                match c {
                    't' => l.clock = times.next().copied(),
                    'P' => (l.prose, l.words) = (true, 20),
                    'h' => l.headline_like = true,
                    _ => {}
                }
                (if c == 'P' { 0.9 } else { 0.1 }, l)
            })
            .unzip()
    }

    fn grown(shapes: &str, times: &[u16], region: (usize, usize)) -> ((usize, usize), String) {
        let (probs, info) = read(shapes, times);
        let (r, stamps) = extend(region, &probs, &info, 0.5);
        (r, stamps.iter().map(|&m| if m { '#' } else { '.' }).collect())
    }

    #[test]
    fn a_chain_of_timed_entries_grows_the_region_past_the_furniture_between_them() {
        // Region on the first paragraphs; entries newest first, a box of four lines between two.
        let (r, marks) = grown("PPxxtPtPxxxxthPtPPxx", &[860, 725, 640, 555], (0, 1));
        assert_eq!(r, (0, 17));
        assert_eq!(marks, "....#.#.....#..#....");
        // The region starting at the first entry's paragraph takes its time too.
        let (r, marks) = grown("xxtPtPtPxx", &[860, 725, 640], (3, 7));
        assert_eq!((r, marks.as_str()), ((2, 7), "..#.#.#..."));
    }

    #[test]
    fn two_entries_or_times_out_of_order_are_no_live_blog() {
        assert_eq!(grown("PPxtPtPxx", &[860, 725], (0, 1)).0, (0, 1));
        assert_eq!(grown("PPxtPtPtPxx", &[860, 725, 900], (0, 1)).0, (0, 1));
    }

    #[test]
    fn entries_far_below_the_article_are_no_part_of_it() {
        assert_eq!(grown("PPxxxxxxxxxxtPtPtP", &[860, 725, 640], (0, 1)).0, (0, 1));
    }
}
