//! Round-trip edits of `site.yaml`: new subscriptions are appended to `feeds:` in whatever shape
//! it has — a list, a map's `subscriptions:`, a flow `[]`, empty, or absent — and everything
//! else (comments, order, quoting, blank lines, line endings) stays as the editor wrote it.
//! `yaml-edit` keeps the file as a lossless syntax tree; the result is then read again as
//! `site.yaml` and must hold exactly the old settings plus the new subscriptions, or nothing is
//! written.

use std::path::Path;
use std::str::FromStr as _;

use anyhow::{bail, Context as _};
use yaml_edit::{Document, MappingBuilder, SequenceBuilder};

use crate::config::{Config, FullText, Subscription};

/// `text` (the whole of `site.yaml`) with `new` appended to its subscriptions.
pub fn add_subscriptions(root: &Path, text: &str, new: &[Subscription]) -> anyhow::Result<String> {
    let before = Config::parse(root, strip_bom(text), None).map_err(crate::diagnostics::ContentErrors)?;
    let doc = Document::from_str(text).map_err(|e| anyhow::anyhow!("site.yaml could not be read for editing: {e}"))?;
    let Some(top) = doc.as_mapping() else { bail!("site.yaml is not a map of `key: value` settings") };
    let mut entries = new.iter().map(entry);
    if let Some(list) = top.get_sequence("feeds") {
        entries.for_each(|e| list.push(e));
    } else if let Some(map) = top.get_mapping("feeds") {
        match map.get_sequence("subscriptions") {
            Some(list) => entries.for_each(|e| list.push(e)),
            None => map.set("subscriptions", list_of(&mut entries)),
        }
    } else {
        doc.set("feeds", list_of(&mut entries));
    }
    let out = doc.to_string();
    check(&before, root, &out, new)?;
    Ok(out)
}

/// One subscription as a block mapping, with only the keys that differ from the defaults.
fn entry(s: &Subscription) -> Document {
    let mut m = MappingBuilder::new().pair("url", s.url.as_str());
    if let Some(source) = &s.source {
        m = m.pair("source", source.as_str());
    }
    if let Some(topic) = &s.topic {
        m = m.pair("topic", topic.as_str());
    }
    match s.full_text {
        FullText::Auto => {}
        FullText::Always => m = m.pair("full_text", "always"),
        FullText::Never => m = m.pair("full_text", "never"),
    }
    m.build().build().document().unwrap_or_default()
}

fn list_of(entries: &mut dyn Iterator<Item = Document>) -> Document {
    entries.fold(SequenceBuilder::new(), |s, e| s.item(e)).build().build().document().unwrap_or_default()
}

/// The edited text must read as the same site with the new subscriptions added at the end.
fn check(before: &Config, root: &Path, out: &str, new: &[Subscription]) -> anyhow::Result<()> {
    let after = Config::parse(root, strip_bom(out), None).map_err(|d| {
        let first = d.0.first().map(|x| x.to_string()).unwrap_or_default();
        anyhow::anyhow!("the edited site.yaml would not read back ({first}); it was left unchanged")
    })?;
    let mut expected = before.site.clone();
    expected.feeds.subscriptions.extend(new.iter().cloned());
    let as_value = |c: &crate::config::SiteConfig| serde_json::to_value(c).context("comparing settings");
    if as_value(&expected)? != as_value(&after.site)? {
        bail!("the edit of site.yaml would have changed more than `feeds:`; it was left unchanged");
    }
    Ok(())
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "title: T\nbase_url: https://e.org/\ntopics:\n  - {slug: world, name: World}\n";

    fn new() -> Vec<Subscription> {
        let mut a = Subscription::new("https://new.example/feed.xml?a=1&b=2");
        a.topic = Some("world".into());
        a.source = Some("Echo: the #1 'daily'".into());
        let mut b = Subscription::new("https://other.example/rss");
        b.full_text = FullText::Always;
        vec![a, b]
    }

    fn edit(text: &str) -> String {
        add_subscriptions(Path::new("."), text, &new()).unwrap_or_else(|e| panic!("{e:#}\n{text}"))
    }

    fn feeds(text: &str) -> Vec<Subscription> {
        Config::parse(Path::new("."), strip_bom(text), None).unwrap().site.feeds.subscriptions
    }

    /// Every shape: what was there stays byte for byte, and the subscriptions come out right.
    #[test]
    fn every_shape_of_feeds_gets_the_new_subscriptions_and_keeps_the_rest() {
        let shapes = [
            format!("{HEAD}# no feeds yet\nsearch: true\n"),
            format!("{HEAD}feeds:\n  # the first\n  - url: https://a.example/f.xml   # comment a\n    topic: world\n\n  # the second\n  - url: https://b.example/f.xml\n# after\nsearch: true\n"),
            format!("{HEAD}feeds:\n- url: https://a.example/f.xml\n  source: A\nsearch: true\n"),
            format!("{HEAD}feeds: []\nsearch: true\n"),
            format!("{HEAD}feeds:\nsearch: true\n"),
            format!("{HEAD}feeds:\n  subscriptions:\n    - url: https://a.example/f.xml\n"),
            format!("{HEAD}feeds: [{{url: 'https://a.example/x.xml'}}]\n"),
            format!("{HEAD}feeds:\n    - url: https://a.example/f.xml\n      topic: world\n# deep indent\n"),
        ];
        for text in shapes {
            let out = edit(&text);
            let got = feeds(&out);
            let old = feeds(&text);
            assert_eq!(got.len(), old.len() + 2, "{out}");
            assert_eq!(&got[..old.len()], &old[..], "{out}");
            assert_eq!(&got[old.len()..], &new()[..], "{out}");
            for line in text.lines().filter(|l| l.trim_start().starts_with('#') || l.contains("url: https://a")) {
                assert!(out.contains(line), "`{line}` lost:\n{out}");
            }
        }
    }

    #[test]
    fn crlf_and_a_byte_order_mark_are_kept() {
        let text = format!("\u{feff}{}feeds:\n  - url: https://a.example/f.xml\n", HEAD).replace('\n', "\r\n");
        let out = edit(&text);
        assert!(out.starts_with('\u{feff}'));
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
        assert_eq!(feeds(&out).len(), 3);
    }

    #[test]
    fn a_site_yaml_that_does_not_read_is_not_edited() {
        let err = add_subscriptions(Path::new("."), "title: T\nbase_url: https://e.org/\nfeeds:\n\t- url: x\n", &new());
        assert!(err.is_err());
        let err =
            add_subscriptions(Path::new("."), &format!("{HEAD}feeds: {{subscriptions: [], colour: red}}\n"), &new());
        assert!(err.is_err());
    }
}
