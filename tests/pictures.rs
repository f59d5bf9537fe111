//! Pictures at build time: responsive variants of local photographs (widths, `srcset`,
//! `width`/`height`, crops), EXIF orientation applied and metadata stripped, the cache reused
//! and swept, SVG and animated GIF passed through, and output byte-identical between builds.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::photos::{animated_gif, has_private_metadata, jpeg_with_exif, size_of};
use common::{build, read_tree, SITE_YAML};

const ARTICLE: &str = "---\ntitle: Harbour at dawn\ndate: 2026-05-20T07:00:00+00:00\ntopic: news\n\
images:\n  - {src: /media/quay.jpg, alt: The quay at dawn, caption: Boats, credit: Photo Desk, focus: [0.5, 0.3]}\n---\n\
The ferries left on time.\n\n![A crane](/media/crane.jpg \"Crane\")\n\n![Map](/media/map.svg)\n\n![Gulls](/media/gulls.gif)\n";

const SVG: &str =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 21\"><rect width=\"40\" height=\"21\"/></svg>";

/// A site with a photograph stored sideways (1600 × 900 with EXIF orientation 6: shown
/// upright at 900 × 1600), an upright one (1400 × 700), an SVG and an animated GIF.
fn site() -> tempfile::TempDir {
    let site = common::site_from(&[
        ("site.yaml", &format!("{SITE_YAML}search: false\n")),
        ("content/articles/2026/05/20/harbour.md", ARTICLE),
        ("static/media/map.svg", SVG),
    ]);
    let media = site.path().join("static/media");
    fs::write(media.join("quay.jpg"), jpeg_with_exif(1600, 900, 6)).unwrap();
    fs::write(media.join("crane.jpg"), jpeg_with_exif(1400, 700, 1)).unwrap();
    fs::write(media.join("gulls.gif"), animated_gif()).unwrap();
    site
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("`{start}` not in the page"));
    let to = html[from..].find(end).map(|i| from + i + end.len()).unwrap();
    &html[from..to]
}

fn variants(out: &Path) -> BTreeMap<String, (u32, u32)> {
    read_tree(&out.join("pictures")).into_iter().map(|(name, bytes)| (name, size_of(&bytes))).collect()
}

#[test]
fn photographs_get_variants_srcset_and_sizes_upright_and_without_metadata() {
    let site = site();
    let out = site.path().join("output");
    build(site.path(), &out).unwrap();
    let page = fs::read_to_string(out.join("articles/2026/05/20/harbour/index.html")).unwrap();
    insta::assert_snapshot!("lead_picture", between(&page, "<figure class=\"lead-image\">", "</figure>"));
    insta::assert_snapshot!("inline_pictures", between(&page, "<p>The ferries", "</div>"));
    // Every variant: its name (source hash, width, crop, quality) and its size in pixels.
    insta::assert_debug_snapshot!("variant_sizes", variants(&out));
    for (name, bytes) in read_tree(&out.join("pictures")) {
        assert!(!has_private_metadata(&bytes), "{name} carries the original's metadata");
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{name} has an EXIF block");
    }
    // The front page leads with the same picture, at the top story's sizes.
    let front = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(front.contains("fetchpriority=\"high\"") && front.contains("type=\"image/webp\""), "{front}");
    // SVG and the animated GIF are copied as they are and shown without variants.
    assert_eq!(fs::read_to_string(out.join("media/map.svg")).unwrap(), SVG);
    assert_eq!(fs::read(out.join("media/gulls.gif")).unwrap(), animated_gif());
}

#[test]
fn a_second_build_reuses_the_cache_and_is_byte_identical_and_unused_variants_are_swept() {
    let site = site();
    let (out1, out2) = (site.path().join("out1"), site.path().join("out2"));
    build(site.path(), &out1).unwrap();
    let cache = site.path().join(".gazette/cache/pictures");
    let made: BTreeMap<String, std::time::SystemTime> = fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    assert!(made.len() > 10, "{made:?}");
    build(site.path(), &out2).unwrap();
    assert_eq!(read_tree(&out1), read_tree(&out2), "two builds, same bytes");
    for (name, when) in made.iter().filter(|(name, _)| name.as_str() != "index.json") {
        let now = fs::metadata(cache.join(name)).unwrap().modified().unwrap();
        assert_eq!(&now, when, "{name} was made again instead of reused");
    }
    // The crane leaves the article: its variants leave the cache.
    let article = site.path().join("content/articles/2026/05/20/harbour.md");
    fs::write(&article, ARTICLE.replace("![A crane](/media/crane.jpg \"Crane\")", "")).unwrap();
    build(site.path(), &site.path().join("out3")).unwrap();
    let crane = gazette::pictures::cache::content_hash(&fs::read(site.path().join("static/media/crane.jpg")).unwrap());
    let left: Vec<String> =
        fs::read_dir(&cache).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(!left.iter().any(|n| n.starts_with(&crane)), "{left:?}");
    assert!(left.len() >= 5 && left.len() < made.len(), "the quay's variants stay: {left:?}");
}

#[test]
fn a_site_without_raster_pictures_has_no_cache_and_no_variants() {
    let site = common::site_from(&[
        ("site.yaml", SITE_YAML),
        (
            "content/articles/2026/05/20/a.md",
            "---\ntitle: A\ndate: 2026-05-20\nimages:\n  - {src: /media/map.svg, alt: Map}\n---\nText.\n",
        ),
        ("static/media/map.svg", SVG),
    ]);
    let out = site.path().join("output");
    build(site.path(), &out).unwrap();
    assert!(!out.join("pictures").exists());
    assert!(!site.path().join(".gazette/cache").exists());
    let page = fs::read_to_string(out.join("articles/2026/05/20/a/index.html")).unwrap();
    assert!(page.contains("width=\"1200\" height=\"630\"") && !page.contains("<picture>"));
}

#[test]
fn check_sees_the_variants_without_making_them_and_warns_about_alt_text() {
    let site = site();
    fs::write(
        site.path().join("content/articles/2026/05/20/crane.md"),
        "---\ntitle: Crane\ndate: 2026-05-20T09:00:00+00:00\ntopic: news\nimages:\n  - {src: /media/crane.jpg, alt: Crane at work, caption: Crane at work}\n  - {src: /media/quay.jpg, focus: [1.5, 0.5]}\n---\nText.\n",
    )
    .unwrap();
    let report = gazette::check::check(&gazette::check::CheckOptions::new(site.path())).unwrap();
    let text = format!("{report:?}");
    assert!(!text.contains("pictures/"), "no broken variant links: {text}");
    assert!(text.contains("image `/media/crane.jpg` has its caption as alt text"), "{text}");
    assert!(text.contains("image `/media/quay.jpg` has no alt text"), "{text}");
    assert!(text.contains("`focus: [1.5, 0.5]` outside the picture"), "{text}");
    assert!(!report.has_errors(), "{text}");
    assert!(
        !site
            .path()
            .join(".gazette/cache/pictures")
            .read_dir()
            .is_ok_and(|mut d| d.any(|e| { e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".webp")) })),
        "check made no variants"
    );
}
