//! OPML, the subscription lists feed readers import and export: read (outlines nested in
//! folders, a folder's name or an outline's `category` naming the topic) and written (one
//! folder per topic).

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

/// One feed of an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    pub url: String,
    /// The outline's `text` (or `title`).
    pub name: Option<String>,
    /// Where it was filed, innermost first: the folders around it, then its own `category`
    /// (`/News/World,/Port` gives `World`, `Port`), for the caller to match against topics.
    pub categories: Vec<String>,
}

/// Reads every outline with an `xmlUrl`, at any depth. `file` names the file in errors.
pub fn parse(text: &str, file: &str) -> anyhow::Result<Vec<OpmlFeed>> {
    let mut reader = Reader::from_str(text);
    let mut folders: Vec<String> = Vec::new();
    let mut feeds = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            let (line, column) = line_column(text, reader.error_position() as usize);
            anyhow::anyhow!("`{file}` line {line} column {column}: {e}")
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref().eq_ignore_ascii_case("opml") => {
                saw_opml = true;
            }
            Event::Start(e) if is_outline(&e) => {
                let (feed, name) = outline(&e, &folders);
                feeds.extend(feed);
                folders.push(name.unwrap_or_default());
            }
            Event::Empty(e) if is_outline(&e) => feeds.extend(outline(&e, &folders).0),
            Event::End(e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        anyhow::bail!("`{file}` is not an OPML file: it has no <opml> element");
    }
    Ok(feeds)
}

fn is_outline(e: &BytesStart) -> bool {
    e.local_name().as_ref().eq_ignore_ascii_case("outline")
}

/// The feed an outline names (if it has an `xmlUrl`), and its name.
fn outline(e: &BytesStart, folders: &[String]) -> (Option<OpmlFeed>, Option<String>) {
    let attr = |name: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref().eq_ignore_ascii_case(name))
            .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let name = attr("text").or_else(|| attr("title"));
    let feed = attr("xmlUrl").map(|url| {
        let mut categories: Vec<String> = folders.iter().rev().filter(|f| !f.is_empty()).cloned().collect();
        // `category` is a comma-separated list of slash-delimited paths; the last part of each.
        for path in attr("category").iter().flat_map(|c| c.split(',')) {
            categories.extend(path.rsplit('/').map(str::trim).find(|p| !p.is_empty()).map(str::to_owned));
        }
        OpmlFeed { url, name: name.clone(), categories }
    });
    (feed, name)
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// One folder of an exported file: its name and its feeds (`text`, `xmlUrl`).
pub struct Folder {
    pub name: Option<String>,
    pub feeds: Vec<(String, String)>,
}

/// OPML 2.0: the feeds without a folder first, then one outline per folder.
pub fn write(title: &str, folders: &[Folder]) -> std::io::Result<String> {
    use crate::render::xml::{empty_el, text_el, xml_writer};
    let mut w = xml_writer()?;
    w.create_element("opml").with_attribute(("version", "2.0")).write_inner_content(|w| {
        w.create_element("head").write_inner_content(|w| text_el(w, "title", &[], title))?;
        w.create_element("body").write_inner_content(|w| {
            for folder in folders {
                let feeds = |w: &mut quick_xml::Writer<Vec<u8>>| -> std::io::Result<()> {
                    for (text, url) in &folder.feeds {
                        empty_el(w, "outline", &[("type", "rss"), ("text", text), ("title", text), ("xmlUrl", url)])?;
                    }
                    Ok(())
                };
                match &folder.name {
                    Some(name) => {
                        let name = crate::render::xml::xml_chars(name);
                        w.create_element("outline")
                            .with_attributes([("text", name.as_ref()), ("title", name.as_ref())])
                            .write_inner_content(feeds)?;
                    }
                    None => feeds(w)?,
                }
            }
            Ok(())
        })?;
        Ok(())
    })?;
    let mut out = String::from_utf8_lossy(&w.into_inner()).into_owned();
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NESTED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My reader</title></head>
  <body>
    <outline text="Harbour &amp; Port" title="Harbour &amp; Port">
      <outline text="Quay Daily" type="rss" xmlUrl="https://quay.example/feed.xml"/>
      <outline text="Regional">
        <outline text="Island Post" type="rss" xmlURL="https://island.example/rss"/>
      </outline>
    </outline>
    <outline text="Loose" type="rss" xmlUrl="https://loose.example/atom.xml" category="/Culture,/tags/Theatre"/>
    <outline text="Folder without feeds"/>
  </body>
</opml>"#;

    #[test]
    fn nested_outlines_and_categories_are_read() {
        let feeds = parse(NESTED, "subs.opml").unwrap();
        let got: Vec<(&str, Option<&str>, Vec<&str>)> = feeds
            .iter()
            .map(|f| (f.url.as_str(), f.name.as_deref(), f.categories.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("https://quay.example/feed.xml", Some("Quay Daily"), vec!["Harbour & Port"]),
                ("https://island.example/rss", Some("Island Post"), vec!["Regional", "Harbour & Port"]),
                ("https://loose.example/atom.xml", Some("Loose"), vec!["Culture", "Theatre"]),
            ]
        );
    }

    #[test]
    fn broken_files_are_errors_that_say_where() {
        let err = parse("<opml>\n<body>\n<outline text=\"a\"></body>", "subs.opml").unwrap_err().to_string();
        assert!(err.starts_with("`subs.opml` line 3 column"), "{err}");
        let err = parse("<rss><channel/></rss>", "feed.xml").unwrap_err().to_string();
        assert!(err.contains("not an OPML file"), "{err}");
    }

    #[test]
    fn written_files_read_back_the_same() {
        let folders = [
            Folder { name: None, feeds: vec![("Loose <news>".into(), "https://loose.example/a?x=1&y=2".into())] },
            Folder { name: Some("World & Port".into()), feeds: vec![("Quay".into(), "https://quay.example/f".into())] },
        ];
        let text = write("Digest feeds", &folders).unwrap();
        assert!(text.contains("<opml version=\"2.0\">") && text.contains("<title>Digest feeds</title>"), "{text}");
        let back = parse(&text, "x").unwrap();
        assert_eq!(back[0].url, "https://loose.example/a?x=1&y=2");
        assert_eq!(back[0].name.as_deref(), Some("Loose <news>"));
        assert_eq!(back[1].categories, vec!["World & Port".to_owned()]);
    }
}
