//! Picks from sorted lists of article indices: the entries nearest an article (candidates
//! come from the nearest few of each list, articles being sorted by date), the places that
//! decide such a pick, and the entries found in the most lists. The layer every other one of
//! `organize` builds on; it knows nothing but lists of numbers.

/// Pushes up to `limit` entries of the sorted list `list` that lie in `range`, nearest to `a`.
pub fn nearest_in(list: &[usize], a: usize, range: std::ops::Range<usize>, limit: usize, out: &mut Vec<usize>) {
    // Related articles look through whole lists: no need to search for the range's ends.
    let whole = list.first().is_none_or(|&x| x >= range.start) && list.last().is_none_or(|&x| x < range.end);
    let window = match whole {
        true => list,
        false => &list[list.partition_point(|&x| x < range.start)..list.partition_point(|&x| x < range.end)],
    };
    pick_nearest(window, a, limit, |x| out.push(x));
}

/// The places of the sorted list `list` that decide what [`nearest_in`] picks for `a` over
/// the whole list: the picks, `a` itself, and the next entry on each side (farther entries
/// on a side are farther from `a` than that one, under any indices in the same order).
pub fn deciding_span(list: &[usize], a: usize, limit: usize) -> std::ops::Range<usize> {
    let (left, right) = pick_nearest(list, a, limit, |_| {});
    left.saturating_sub(1)..(right + 1).min(list.len())
}

/// Gives `pick` up to `limit` entries of `window` but `a`, nearest to `a` first (ties: the
/// larger index). Returns the places taken, `left..right` (with `a`'s).
fn pick_nearest(window: &[usize], a: usize, limit: usize, mut pick: impl FnMut(usize)) -> (usize, usize) {
    let mid = window.partition_point(|&x| x < a);
    let (mut left, mut right) = (mid, mid);
    let mut taken = 0;
    while taken < limit && (left > 0 || right < window.len()) {
        let take_right =
            right < window.len() && (left == 0 || window[right].abs_diff(a) <= window[left - 1].abs_diff(a));
        let x = if take_right {
            right += 1;
            window[right - 1]
        } else {
            left -= 1;
            window[left]
        };
        if x != a {
            pick(x);
            taken += 1;
        }
    }
    (left, right)
}

/// Pushes the entries of the sorted list `list` within `reach` places of where `a` stands or
/// would stand. [`nearest_in`] picks a run of places around its article, so when `a` joins or
/// leaves a list, only these entries can pick differently from it.
pub fn near_in(list: &[usize], a: usize, reach: usize, out: &mut Vec<usize>) {
    let at = list.partition_point(|&x| x < a);
    out.extend(&list[at.saturating_sub(reach)..(at + reach + 1).min(list.len())]);
}

/// The `keep` candidates that appear in the most lists (ties: nearest in time to `i`).
pub fn most_shared(mut found: Vec<usize>, i: usize, keep: usize) -> Vec<usize> {
    found.sort_unstable();
    let mut counted: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for j in found {
        match counted.last_mut() {
            Some((last, n)) if *last == j => *n += 1,
            _ => counted.push((j, 1)),
        }
    }
    if counted.len() > keep {
        counted.select_nth_unstable_by(keep, |a, b| {
            b.1.cmp(&a.1).then(a.0.abs_diff(i).cmp(&b.0.abs_diff(i))).then(a.0.cmp(&b.0))
        });
        counted.truncate(keep);
    }
    counted.into_iter().map(|(j, _)| j).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_in_prefers_close_indices_within_range() {
        let mut out = Vec::new();
        nearest_in(&[1, 3, 5, 7, 9, 11], 6, 2..10, 3, &mut out);
        assert_eq!(out, vec![7, 5, 9]);
    }

    #[test]
    fn nearest_in_over_a_whole_list_picks_as_over_a_range() {
        let (mut whole, mut ranged) = (Vec::new(), Vec::new());
        nearest_in(&[1, 3, 5, 7, 9, 11], 6, 0..12, 4, &mut whole);
        nearest_in(&[1, 3, 5, 7, 9, 11], 6, 2..12, 4, &mut ranged);
        assert_eq!(whole, vec![7, 5, 9, 3]);
        assert_eq!(ranged, whole);
    }

    #[test]
    fn the_deciding_span_holds_the_picks_and_one_more_on_each_side() {
        let list = [1, 3, 5, 6, 7, 9, 11, 20];
        let mut picks = Vec::new();
        nearest_in(&list, 6, 0..30, 3, &mut picks);
        assert_eq!(picks, vec![7, 5, 9]);
        // 5, 6 (itself), 7, 9 and the next on each side: 3 and 11.
        assert_eq!(deciding_span(&list, 6, 3), 1..7);
        assert_eq!(deciding_span(&list, 1, 2), 0..4);
        assert_eq!(deciding_span(&list, 20, 1), 5..8);
    }

    #[test]
    fn near_in_covers_the_places_around_an_entry() {
        let mut out = Vec::new();
        near_in(&[1, 3, 5, 7, 9, 11], 6, 1, &mut out);
        assert_eq!(out, vec![5, 7, 9]);
    }

    #[test]
    fn most_shared_keeps_the_candidates_found_most_often_then_the_nearest() {
        // 7 is found three times, 2 and 9 twice, 4 once: keep two, 7 and then 9 (nearer 8).
        assert_eq!(sorted(most_shared(vec![7, 2, 9, 7, 4, 2, 9, 7], 8, 2)), vec![7, 9]);
        assert_eq!(sorted(most_shared(vec![3, 1], 0, 5)), vec![1, 3]);
    }

    fn sorted(mut v: Vec<usize>) -> Vec<usize> {
        v.sort_unstable();
        v
    }
}
