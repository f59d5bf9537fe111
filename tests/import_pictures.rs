//! Pictures kept at import: a page's lead and inline pictures downloaded from a server on
//! 127.0.0.1 into `static/media/`, with redirects followed, and a 404, an HTML page served as a
//! JPEG, an oversized file and a slow one each handled; `images: {keep: remote}` keeps links.

mod common;

use std::fs;
use std::time::Duration;

use assert_cmd::Command;
use common::origin::{serve, Origin, Reply};
use common::photos::{has_private_metadata, jpeg_with_exif};
use common::{article_files, read_article};
use tempfile::TempDir;

const TEXT: &str = "The harbour authority of Port Aldane reopened the northern quay on Tuesday after \
                    three weeks of repairs to the storm wall, and the first ferry of the morning \
                    left on time with a full deck of lorries bound for the islands.";

/// A saved page whose lead picture is on the origin.
fn page(origin_base: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Northern quay reopens</title></head><body><article>\
         <h1>Northern quay reopens</h1><p>{TEXT}</p><figure><img src=\"{origin_base}/img/lead.jpg\" alt=\"\">\
         <figcaption>The northern quay at dawn</figcaption></figure><p>{TEXT}</p><p>{TEXT}</p></article></body></html>"
    )
}

/// A Markdown article (as an editor or another tool writes it) whose lead and inline pictures
/// are on the origin: one redirected, one missing, an HTML page served as a JPEG, one too
/// large, a slow one, and the lead again.
fn markdown(origin: &Origin) -> String {
    let u = |p: &str| origin.url(p);
    format!(
        "---\ntitle: Ferries resume\ndate: 2026-05-18T08:00:00+00:00\nimages:\n  - {{src: \"{}\", alt: The quay}}\n---\n\
         {TEXT}\n\n![Moved]({})\n\n![Missing]({})\n\n![Page]({})\n\n![Huge]({})\n\n![Slow]({} \"slow\")\n\n![Again]({})\n",
        u("/img/lead.jpg"),
        u("/img/moved.jpg"),
        u("/img/missing.jpg"),
        u("/img/page.jpg"),
        u("/img/huge.jpg"),
        u("/img/slow.jpg"),
        u("/img/lead.jpg"),
    )
}

fn origin() -> Origin {
    let lead = jpeg_with_exif(320, 200, 1);
    let other = jpeg_with_exif(300, 180, 1);
    let base = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let b = base.clone();
    let origin = serve(move |req| match req.path.as_str() {
        "/news/quay.html" => Reply::ok("text/html; charset=utf-8", page(&b.lock().unwrap())),
        "/img/lead.jpg" => Reply::ok("image/jpeg", lead.clone()),
        "/img/moved.jpg" => Reply::redirect(302, "/img/new-home.jpg"),
        "/img/new-home.jpg" => Reply::ok("image/jpeg", other.clone()),
        "/img/page.jpg" => Reply::ok("image/jpeg", "<!doctype html><title>Blocked</title><p>No hotlinking</p>"),
        // 21 MB: over the 20 MB a picture may have.
        "/img/huge.jpg" => Reply::ok("image/jpeg", vec![0xFF; 21 * 1024 * 1024]),
        "/img/slow.jpg" => Reply::ok("image/jpeg", jpeg_with_exif(100, 80, 1)).delay(Duration::from_millis(1500)),
        _ => Reply::status(404),
    });
    *base.lock().unwrap() = origin.url("").trim_end_matches('/').to_owned();
    origin
}

fn import(site: &TempDir, input: &str) -> String {
    let out = Command::cargo_bin("gazette")
        .unwrap()
        .args(["import", "--date", "2026-11-18", "--site"])
        .arg(site.path())
        .arg(input)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

fn site(extra_yaml: &str) -> TempDir {
    common::site_from(&[("site.yaml", &format!("{}{extra_yaml}", common::SITE_YAML))])
}

#[test]
fn a_web_page_s_lead_picture_is_kept_without_its_metadata_and_its_caption_stands_in_for_alt() {
    let origin = origin();
    let site = site("");
    import(&site, &origin.url("/news/quay.html"));
    let (meta, _) = read_article(&article_files(site.path())[0]);
    let lead = &meta.images[0];
    assert!(lead.src.starts_with("/media/2026/11/") && lead.src.ends_with(".jpg"), "{lead:?}");
    assert_eq!(lead.alt, "The northern quay at dawn", "the caption stands in for the missing alt text");
    let stored = fs::read(site.path().join("static").join(&lead.src[1..])).unwrap();
    assert!(!has_private_metadata(&stored), "the owner's name and GPS were removed");
    assert!(!meta.extra.contains_key("image_errors"), "{:?}", meta.extra);
}

#[test]
fn pictures_are_checked_and_stored_once_and_failures_keep_their_urls() {
    let origin = origin();
    let site = site("");
    let input = site.path().join("ferries.md");
    fs::write(&input, markdown(&origin)).unwrap();
    import(&site, input.to_str().unwrap());
    let files = article_files(site.path());
    assert_eq!(files.len(), 1);
    let (meta, body) = read_article(&files[0]);
    let lead = &meta.images[0].src;
    assert!(lead.starts_with("/media/2026/05/") && lead.ends_with(".jpg"), "{lead}");
    // Inline: the redirected and the slow picture are kept; the lead's URL again is the same file.
    assert_eq!(body.matches("(/media/2026/05/").count(), 3, "{body}");
    assert!(body.contains(&format!("![Again]({lead})")), "{body}");
    assert!(body.contains(" \"slow\")"), "the title stays: {body}");
    for remote in ["/img/missing.jpg", "/img/page.jpg", "/img/huge.jpg"] {
        assert!(body.contains(&origin.url(remote)), "{remote} keeps its remote URL: {body}");
    }
    let errors = meta.extra["image_errors"].as_array().unwrap();
    let why = |path: &str| {
        errors.iter().find(|e| e["url"] == origin.url(path).as_str()).unwrap()["error"].as_str().unwrap().to_owned()
    };
    assert!(why("/img/missing.jpg").contains("404"), "{errors:?}");
    assert!(why("/img/page.jpg").contains("not a picture"), "{errors:?}");
    assert!(why("/img/huge.jpg").contains("larger than"), "{errors:?}");
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert_eq!(origin.seen("/img/lead.jpg").len(), 1, "the lead was fetched once for both places");
    let media: Vec<_> = walkdir::WalkDir::new(site.path().join("static/media"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .collect();
    assert_eq!(media.len(), 3, "lead, moved and slow, each once");
    for m in &media {
        assert!(!has_private_metadata(&fs::read(m.path()).unwrap()), "{}", m.path().display());
    }
    // The imported site builds, with variants of the kept pictures.
    common::build(site.path(), &site.path().join("output")).unwrap();
    assert!(site.path().join("output/pictures").is_dir());
}

#[test]
fn keep_remote_leaves_the_links_and_fetches_no_picture() {
    let origin = origin();
    let site = site("images: {keep: remote}\n");
    let input = site.path().join("ferries.md");
    fs::write(&input, markdown(&origin)).unwrap();
    import(&site, input.to_str().unwrap());
    let (meta, body) = read_article(&article_files(site.path())[0]);
    assert_eq!(meta.images[0].src, origin.url("/img/lead.jpg"));
    assert!(body.contains(&origin.url("/img/moved.jpg")) && !body.contains("/media/"), "{body}");
    assert!(!meta.extra.contains_key("image_errors"));
    assert!(!site.path().join("static").exists());
    assert!(origin.seen("/img/lead.jpg").is_empty() && origin.seen("/img/slow.jpg").is_empty());
}

#[test]
fn articles_written_outside_the_site_keep_their_picture_links_and_fetch_nothing() {
    let origin = origin();
    let site = site("");
    let input = site.path().join("ferries.md");
    fs::write(&input, markdown(&origin)).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    Command::cargo_bin("gazette")
        .unwrap()
        .args(["import", "--date", "2026-11-18", "--site"])
        .arg(site.path())
        .arg("--out")
        .arg(elsewhere.path())
        .arg(&input)
        .assert()
        .success();
    let written: Vec<_> = walkdir::WalkDir::new(elsewhere.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .collect();
    let (meta, body) = read_article(written[0].path());
    assert_eq!(meta.images[0].src, origin.url("/img/lead.jpg"));
    assert!(body.contains(&origin.url("/img/moved.jpg")) && !body.contains("/media/"), "{body}");
    assert!(!site.path().join("static").exists());
    assert!(origin.seen("/img/lead.jpg").is_empty() && origin.seen("/img/slow.jpg").is_empty());
}

#[test]
fn articles_written_into_a_folder_of_the_site_s_content_keep_their_pictures() {
    let origin = origin();
    let site = site("");
    let input = site.path().join("ferries.md");
    fs::write(&input, markdown(&origin)).unwrap();
    let inside = site.path().join("content").join("articles").join("imported");
    Command::cargo_bin("gazette")
        .unwrap()
        .args(["import", "--date", "2026-11-18", "--site"])
        .arg(site.path())
        .arg("--out")
        .arg(&inside)
        .arg(&input)
        .assert()
        .success();
    let (meta, _) = read_article(&article_files(site.path())[0]);
    assert!(meta.images[0].src.starts_with("/media/"), "{}", meta.images[0].src);
    assert!(!origin.seen("/img/lead.jpg").is_empty());
}
