//! Which variants a picture gets: widths that never upscale it, heights that keep its shape,
//! and the crop a fixed ratio takes around a focal point.

/// The widths made when site.yaml names none.
pub const DEFAULT_WIDTHS: &[u32] = &[320, 640, 960, 1280, 1920];

/// A focal point, as fractions of the width and height from the top left corner
/// (`focus: [0.3, 0.5]` in front matter). The centre by default.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus {
    pub x: f64,
    pub y: f64,
}

impl Default for Focus {
    fn default() -> Self {
        Focus { x: 0.5, y: 0.5 }
    }
}

impl Focus {
    /// A focus from front matter's `[x, y]`; `None` unless both are within 0 and 1.
    pub fn new(x: f64, y: f64) -> Option<Focus> {
        let ok = |v: f64| (0.0..=1.0).contains(&v);
        (ok(x) && ok(y)).then_some(Focus { x, y })
    }
}

/// A crop to a fixed ratio (`ratio.0 : ratio.1`), placed so the focal point is as near its
/// centre as the picture's edges allow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    pub ratio: (u32, u32),
    pub focus: Focus,
}

/// A rectangle of the source picture, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
}

impl Crop {
    /// The part of a `width` × `height` picture this crop keeps: the largest rectangle of the
    /// ratio, centred on the focus and pushed back inside the picture at its edges.
    pub fn rect(&self, width: u32, height: u32) -> Rect {
        let (rw, rh) = (self.ratio.0.max(1) as u64, self.ratio.1.max(1) as u64);
        let (w, h) = (width as u64, height as u64);
        // Compare w/h with rw/rh in integers: wider than the ratio keeps the full height.
        let (cw, ch) = if w * rh > h * rw { ((h * rw / rh).max(1), h) } else { (w, (w * rh / rw).max(1)) };
        let place = |size: u64, kept: u64, at: f64| -> u32 {
            let centre = (at * size as f64).round() as i64;
            let start = centre - (kept as i64) / 2;
            start.clamp(0, (size - kept) as i64) as u32
        };
        Rect { left: place(w, cw, self.focus.x), top: place(h, ch, self.focus.y), width: cw as u32, height: ch as u32 }
    }
}

/// The widths a picture `source_width` pixels wide is made in: the configured widths that
/// do not upscale it, plus its own width when it lies below the largest configured one
/// (so a large screen gets all there is). A picture narrower than every width gets its own.
pub fn widths(configured: &[u32], source_width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = configured.iter().copied().filter(|&w| w > 0 && w <= source_width).collect();
    let largest = configured.iter().copied().max().unwrap_or(0);
    if source_width > 0 && source_width < largest && !out.contains(&source_width) {
        out.push(source_width);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The height a `width`-wide variant of a `src_w` × `src_h` picture (or crop) gets: its
/// shape kept, rounded, at least one pixel.
pub fn height_for(width: u32, src_w: u32, src_h: u32) -> u32 {
    if src_w == 0 {
        return 0;
    }
    let h = (width as u64 * src_h as u64 + src_w as u64 / 2) / src_w as u64;
    (h as u32).max(1)
}

/// The variants of one picture in one place: which part of it (a crop or all of it) at
/// which widths.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub crop: Option<Crop>,
    pub widths: Vec<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale_and_include_the_source_below_the_largest() {
        assert_eq!(widths(DEFAULT_WIDTHS, 2000), vec![320, 640, 960, 1280, 1920]);
        assert_eq!(widths(DEFAULT_WIDTHS, 1920), vec![320, 640, 960, 1280, 1920]);
        assert_eq!(widths(DEFAULT_WIDTHS, 1500), vec![320, 640, 960, 1280, 1500]);
        assert_eq!(widths(DEFAULT_WIDTHS, 200), vec![200]);
        assert_eq!(widths(&[640, 320, 320], 5000), vec![320, 640]);
        assert!(widths(DEFAULT_WIDTHS, 0).is_empty());
    }

    #[test]
    fn heights_keep_the_shape() {
        assert_eq!(height_for(320, 2000, 1333), 213);
        assert_eq!(height_for(1920, 2000, 1333), 1280);
        assert_eq!(height_for(10, 10000, 10), 1);
    }

    #[test]
    fn a_crop_centres_on_the_focus_and_stays_inside() {
        let card = |x, y| Crop { ratio: (40, 21), focus: Focus { x, y } };
        // 2000x1333 is taller than 40:21: full width, 1050 rows.
        assert_eq!(card(0.5, 0.5).rect(2000, 1333), Rect { left: 0, top: 142, width: 2000, height: 1050 });
        assert_eq!(card(0.5, 0.0).rect(2000, 1333).top, 0, "the top edge holds");
        assert_eq!(card(0.5, 1.0).rect(2000, 1333).top, 283, "the bottom edge holds");
        assert_eq!(card(0.5, 0.3).rect(2000, 1333).top, 0, "0.3 of 1333 is 400, less half of 1050");
        // A wide panorama keeps its height and moves sideways.
        let r = card(0.3, 0.5).rect(4000, 1000);
        assert_eq!((r.width, r.height), (1904, 1000));
        assert_eq!(r.left, 248);
        assert_eq!(card(1.0, 0.5).rect(4000, 1000).left, 4000 - 1904);
    }

    #[test]
    fn a_focus_outside_the_picture_is_refused() {
        assert!(Focus::new(0.3, 0.5).is_some());
        assert!(Focus::new(1.2, 0.5).is_none());
        assert!(Focus::new(0.5, -0.1).is_none());
        assert!(Focus::new(f64::NAN, 0.5).is_none());
    }
}
