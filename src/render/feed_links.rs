//! Where feeds are and how pages announce them: the one place that names the feed files, for
//! the feeds themselves (`feeds.rs`), the pages' `<link rel="alternate">` (`context.rs`,
//! `meta.rs`) and `check`.

use serde::Serialize;

/// A feed for autodiscovery.
#[derive(Serialize, Clone)]
pub struct FeedLink {
    pub title: String,
    pub mime: &'static str,
    pub href: String,
}

/// Site-relative paths of the three feeds of a folder (`""` for the site, `topics/x/`):
/// Atom, RSS and JSON Feed.
pub fn feed_paths(dir: &str) -> [String; 3] {
    [format!("{dir}feed.xml"), format!("{dir}rss.xml"), format!("{dir}feed.json")]
}

/// Whether a site-relative path is one of the feeds.
pub fn is_feed(rel: &str) -> bool {
    feed_paths("").iter().any(|f| rel.ends_with(f.as_str()))
}

/// The three feeds of a folder for `<link rel="alternate">`; `url` makes a site-relative
/// path into the page's kind of link.
pub fn feed_links(dir: &str, title: &str, url: impl Fn(&str) -> String) -> Vec<FeedLink> {
    let [atom, rss, json] = feed_paths(dir);
    vec![
        FeedLink { title: format!("{title} (Atom)"), mime: "application/atom+xml", href: url(&atom) },
        FeedLink { title: format!("{title} (RSS)"), mime: "application/rss+xml", href: url(&rss) },
        FeedLink { title: format!("{title} (JSON Feed)"), mime: "application/feed+json", href: url(&json) },
    ]
}

/// A folder's Atom feed alone, for pages other than the feed's own page: a feed reader handed
/// any page finds a feed it can read (every reader reads Atom), and the page whose feed it is
/// announces all three. Announcing the site's three feeds and the topic's three on every
/// article cost ~0.45 KB a page, 4.5 MB of a 10 000-article site.
pub fn atom_link(dir: &str, title: &str, url: impl Fn(&str) -> String) -> FeedLink {
    let [atom, _, _] = feed_paths(dir);
    FeedLink { title: format!("{title} (Atom)"), mime: "application/atom+xml", href: url(&atom) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_has_three_feeds_announced_in_order() {
        assert_eq!(feed_paths("topics/x/"), ["topics/x/feed.xml", "topics/x/rss.xml", "topics/x/feed.json"]);
        let links = feed_links("topics/x/", "X", |rel| format!("/base/{rel}"));
        let hrefs: Vec<&str> = links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["/base/topics/x/feed.xml", "/base/topics/x/rss.xml", "/base/topics/x/feed.json"]);
        assert_eq!(links[1].title, "X (RSS)");
        assert!(is_feed("topics/x/feed.json") && !is_feed("topics/x/index.html"));
        let atom = atom_link("topics/x/", "X", |rel| format!("/base/{rel}"));
        assert_eq!((atom.href.as_str(), atom.title.as_str()), (hrefs[0], links[0].title.as_str()));
    }
}
