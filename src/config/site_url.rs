//! The site's address: where it is served (origin) and under which path (base path), and the
//! one place that turns what editors and templates write into URLs.
//!
//! Built once from `base_url` with the `url` crate. Pages link to each other with paths that
//! start with the base path (`/repo/articles/x/`), so a site works on GitHub Pages under a
//! project's folder; feeds, sitemaps, page metadata and e-mail editions need absolute URLs
//! (`https://user.github.io/repo/articles/x/`). On a site in several languages each language
//! but the first has its own `SiteUrl` with a language prefix (`fr/`): its pages' paths carry
//! it, while the site's shared files (style sheets, `static/`, pictures) and what editors
//! write as root-relative references stay at the site's root.

use std::borrow::Cow;

/// `base_url` of site.yaml, parsed: `https://user.github.io/repo/` is the origin
/// `https://user.github.io` and the base path `/repo/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl {
    /// Scheme, host and port (when not the scheme's default), without a trailing slash.
    origin: String,
    /// Always starts and ends with `/`.
    base_path: String,
    /// `""`, or the language's folder (`fr/`) that pages of this language are under.
    lang: String,
}

/// Where something an editor wrote (an image `src`, a link) points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// A path on this site, relative to its base path (`images/x.svg`, `articles/a/`), with
    /// any query or fragment as written.
    Internal(String),
    /// An absolute URL elsewhere (a protocol-relative one gets the site's scheme).
    External(Cow<'a, str>),
}

/// Where a URL found in a rendered page points, as a static server would see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    /// A path on this site, relative to its base path, without query or fragment (still
    /// percent-encoded).
    Internal(String),
    /// A root-relative path that does not start with the base path: broken on GitHub Pages.
    OutsideBase,
    /// Another site, or a scheme such as `mailto:`.
    External,
}

/// `http://localhost/`: a stand-in while a configuration with a bad `base_url` is reported.
impl Default for SiteUrl {
    fn default() -> Self {
        SiteUrl { origin: "http://localhost".into(), base_path: "/".into(), lang: String::new() }
    }
}

/// Why a `base_url` cannot be the site's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotASiteUrl(pub String);

impl SiteUrl {
    /// Parses `https://host/path/`: http or https, a host, no query or fragment.
    pub fn parse(text: &str) -> Result<SiteUrl, NotASiteUrl> {
        let bad = || NotASiteUrl(text.to_owned());
        let url = url::Url::parse(text).map_err(|_| bad())?;
        if !matches!(url.scheme(), "http" | "https")
            || url.host_str().is_none_or(str::is_empty)
            || url.query().is_some()
            || url.fragment().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return Err(bad());
        }
        let path = url.path().trim_matches('/');
        let base_path = if path.is_empty() { "/".to_owned() } else { format!("/{path}/") };
        Ok(SiteUrl { origin: url.origin().ascii_serialization(), base_path, lang: String::new() })
    }

    /// The address of the same site's pages in another language: under `code/`, or at the
    /// root for `None` (the first language).
    pub fn with_language(&self, code: Option<&str>) -> SiteUrl {
        let lang = code.map(|c| format!("{}/", c.trim_matches('/'))).unwrap_or_default();
        SiteUrl { lang, ..self.clone() }
    }

    /// The language folder of this address's pages (`fr/`), or `""`.
    pub fn language_prefix(&self) -> &str {
        &self.lang
    }

    /// The same site served from another origin (`serve` previews it on `http://127.0.0.1:1111`):
    /// the base path stays.
    pub fn with_origin(&self, origin: &str) -> Result<SiteUrl, NotASiteUrl> {
        let other = SiteUrl::parse(origin)?;
        Ok(SiteUrl { origin: other.origin, ..self.clone() })
    }

    /// `https://user.github.io` (no trailing slash).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// `/repo/` (starts and ends with `/`): the site's root, whatever the language.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The home page's path: the base path with the language folder (`/repo/fr/`).
    pub fn home_path(&self) -> String {
        self.path("")
    }

    fn scheme(&self) -> &str {
        self.origin.split_once(':').map_or("https", |(s, _)| s)
    }

    /// A page's site-relative path (`articles/x/`) → URL path with the base path and the
    /// language folder (`/repo/articles/x/`, `/repo/fr/articles/x/`).
    pub fn path(&self, rel: &str) -> String {
        self.join("", &self.lang, rel)
    }

    /// A page's site-relative path → absolute URL (`https://user.github.io/repo/articles/x/`).
    pub fn absolute(&self, rel: &str) -> String {
        self.join(&self.origin, &self.lang, rel)
    }

    /// A shared file's path from the site's root (`style.css`, `media/…`, an editor's
    /// `/images/x.svg`) → URL path, without the language folder.
    pub fn root_path(&self, rel: &str) -> String {
        self.join("", "", rel)
    }

    /// [`SiteUrl::root_path`] as an absolute URL.
    pub fn root_absolute(&self, rel: &str) -> String {
        self.join(&self.origin, "", rel)
    }

    fn join(&self, origin: &str, lang: &str, rel: &str) -> String {
        let rel = rel.trim_start_matches('/');
        let mut out = String::with_capacity(origin.len() + self.base_path.len() + lang.len() + rel.len());
        out.push_str(origin);
        out.push_str(&self.base_path);
        out.push_str(lang);
        out.push_str(rel);
        out
    }

    /// Where a reference written by an editor points: `src` as written in front matter or
    /// Markdown, on the page at site-relative path `page` (`articles/2026/11/18/x/`).
    ///
    /// `/images/x.svg` is the site's root (the base path is added when it becomes a URL, and
    /// never a language folder: `static/` is shared); `x.svg` is relative to the page's path
    /// from the root; `//host/x` and anything with a scheme leave the site.
    pub fn resolve<'a>(&self, src: &'a str, page: &str) -> Target<'a> {
        let src = src.trim();
        if let Some(rest) = src.strip_prefix("//") {
            return Target::External(format!("{}://{rest}", self.scheme()).into());
        }
        if has_scheme(src) {
            return Target::External(src.into());
        }
        match src.strip_prefix('/') {
            Some(root) => Target::Internal(root.to_owned()),
            None => Target::Internal(normalize(&format!("{page}{src}"))),
        }
    }

    /// [`SiteUrl::resolve`] as a URL for a page: a path with the base path, or the external URL.
    pub fn link(&self, src: &str, page: &str) -> String {
        match self.resolve(src, page) {
            Target::Internal(rel) => self.root_path(&rel),
            Target::External(url) => url.into_owned(),
        }
    }

    /// [`SiteUrl::resolve`] as an absolute URL (for metadata, feeds and e-mail).
    pub fn absolute_link(&self, src: &str, page: &str) -> String {
        match self.resolve(src, page) {
            Target::Internal(rel) => self.root_absolute(&rel),
            Target::External(url) => url.into_owned(),
        }
    }

    /// Where a URL in the rendered page at site-relative path `page` (`articles/x/index.html`)
    /// points: the page itself for `#fragment` links, an absolute URL of this site, a path
    /// under the base path, or one relative to the page's folder. Paths are from the site's
    /// root, language folders included, as the output holds them.
    pub fn locate(&self, url: &str, page: &str) -> Located {
        let url = url.trim();
        let path = url.split(['#', '?']).next().unwrap_or_default();
        if path.is_empty() {
            return Located::Internal(page.to_owned());
        }
        let absolute_base = self.root_absolute("");
        if let Some(rest) = url.strip_prefix(absolute_base.as_str()) {
            return Located::Internal(rest.split(['#', '?']).next().unwrap_or_default().to_owned());
        }
        if path.starts_with("//") || has_scheme(path) {
            return Located::External;
        }
        if let Some(rest) = path.strip_prefix(self.base_path.as_str()) {
            return Located::Internal(rest.to_owned());
        }
        if path.starts_with('/') {
            return Located::OutsideBase;
        }
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        Located::Internal(normalize(&format!("{dir}/{path}")))
    }

    /// Makes the root-relative links of rendered HTML (`href="/…"`, `src="/…"`) absolute by
    /// putting the origin before them, for pages read away from the site (feeds, e-mail).
    /// Protocol-relative URLs (`//cdn…`) and relative ones are left as they are. One pass over
    /// the text; borrowed when there is nothing to change.
    pub fn absolutize<'a>(&self, html: &'a str) -> Cow<'a, str> {
        let bytes = html.as_bytes();
        let mut out = String::new();
        let (mut copied, mut from) = (0, 0);
        while let Some(found) = html[from..].find("=\"/") {
            let eq = from + found;
            let slash = eq + 2;
            from = slash + 1;
            let attribute = &html[..eq];
            if !(attribute.ends_with("href") || attribute.ends_with("src")) || bytes.get(slash + 1) == Some(&b'/') {
                continue;
            }
            if out.capacity() == 0 {
                out.reserve(html.len() + 256);
            }
            out.push_str(&html[copied..slash]);
            out.push_str(&self.origin);
            copied = slash;
        }
        if copied == 0 {
            return Cow::Borrowed(html);
        }
        out.push_str(&html[copied..]);
        Cow::Owned(out)
    }
}

/// Whether `url` starts with a scheme (`https:`, `mailto:`, `data:`).
pub fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Resolves `.` and `..` in a relative path, keeping a trailing `/`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if (path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..")) && !out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(url: &str) -> SiteUrl {
        SiteUrl::parse(url).unwrap()
    }

    #[test]
    fn parses_origin_and_base_path() {
        let u = site("https://user.github.io/repo");
        assert_eq!((u.origin(), u.base_path()), ("https://user.github.io", "/repo/"));
        let u = site("http://localhost:8080/a/b/");
        assert_eq!((u.origin(), u.base_path()), ("http://localhost:8080", "/a/b/"));
        let u = site("https://example.org");
        assert_eq!((u.origin(), u.base_path()), ("https://example.org", "/"));
        // The default port is dropped, the host lower-cased.
        assert_eq!(site("https://Example.ORG:443/x/").origin(), "https://example.org");
    }

    #[test]
    fn refuses_what_is_not_a_site_address() {
        for bad in ["ftp://e.org/", "e.org/x", "https://", "https://e.org/?q=1", "https://e.org/#x", "/repo/", ""] {
            assert!(SiteUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths_and_absolute_urls_carry_the_base_path() {
        let u = site("https://u.github.io/repo/");
        assert_eq!(u.path("articles/a/"), "/repo/articles/a/");
        assert_eq!(u.path("/feed.xml"), "/repo/feed.xml");
        assert_eq!(u.absolute("feed.xml"), "https://u.github.io/repo/feed.xml");
        assert_eq!(u.absolute(""), "https://u.github.io/repo/");
        assert_eq!(site("https://e.org/").path(""), "/");
    }

    #[test]
    fn serve_overrides_only_the_origin() {
        let u = site("https://u.github.io/repo/").with_origin("http://127.0.0.1:1111").unwrap();
        assert_eq!(u.absolute("a/"), "http://127.0.0.1:1111/repo/a/");
        assert!(site("https://e.org/").with_origin("not a url").is_err());
    }

    #[test]
    fn editors_references_resolve_against_the_site_root_or_the_page() {
        let u = site("https://u.github.io/repo/");
        let page = "articles/2026/11/18/x/";
        assert_eq!(u.resolve("/images/a.svg", page), Target::Internal("images/a.svg".into()));
        assert_eq!(u.resolve(" pic.png ", page), Target::Internal("articles/2026/11/18/x/pic.png".into()));
        assert_eq!(u.resolve("../y/pic.png", page), Target::Internal("articles/2026/11/18/y/pic.png".into()));
        assert_eq!(
            u.resolve("//cdn.example.net/a.png", page),
            Target::External("https://cdn.example.net/a.png".into())
        );
        assert_eq!(u.resolve("http://e.org/a.png", page), Target::External("http://e.org/a.png".into()));
        assert_eq!(u.resolve("data:image/png;base64,AA", page), Target::External("data:image/png;base64,AA".into()));
        assert_eq!(u.link("/images/a.svg", page), "/repo/images/a.svg");
        assert_eq!(u.absolute_link("pic.png", page), "https://u.github.io/repo/articles/2026/11/18/x/pic.png");
        // A protocol-relative URL takes the site's own scheme.
        assert_eq!(site("http://localhost/").absolute_link("//cdn/a.png", page), "http://cdn/a.png");
    }

    #[test]
    fn rendered_urls_are_located_as_a_static_server_would() {
        let u = site("https://e.org/repo/");
        let page = "articles/a/index.html";
        assert_eq!(u.locate("#top", page), Located::Internal(page.into()));
        assert_eq!(u.locate("/repo/b/?x#y", page), Located::Internal("b/".into()));
        assert_eq!(u.locate("https://e.org/repo/c/#z", page), Located::Internal("c/".into()));
        assert_eq!(u.locate("/elsewhere/", page), Located::OutsideBase);
        assert_eq!(u.locate("//cdn/x.png", page), Located::External);
        assert_eq!(u.locate("mailto:a@e.org", page), Located::External);
        assert_eq!(u.locate("../b/./c/", page), Located::Internal("articles/b/c/".into()));
        assert_eq!(u.locate("img.png", page), Located::Internal("articles/a/img.png".into()));
    }

    #[test]
    fn absolutize_prefixes_root_relative_links_only() {
        let u = site("https://e.org/repo/");
        let html = r#"<a href="/repo/a/">a</a><img src="/repo/i.png"><img src="//cdn/x.png"><a href="b/">b</a>"#;
        assert_eq!(
            u.absolutize(html),
            r#"<a href="https://e.org/repo/a/">a</a><img src="https://e.org/repo/i.png"><img src="//cdn/x.png"><a href="b/">b</a>"#
        );
        assert!(matches!(u.absolutize("<p>nothing = \"/here\"</p>"), Cow::Borrowed(_)));
    }

    /// Regression (issue 19): with base path `/` the protocol-relative `//cdn…` became
    /// `https://host//cdn…` in full-content feeds.
    #[test]
    fn absolutize_leaves_protocol_relative_urls_with_base_path_root() {
        let u = site("https://example.org/");
        let html = r#"<img src="//cdn.example.net/x.png"><a href="/archive/">x</a>"#;
        assert_eq!(
            u.absolutize(html),
            r#"<img src="//cdn.example.net/x.png"><a href="https://example.org/archive/">x</a>"#
        );
    }

    #[test]
    fn pages_of_a_second_language_are_under_its_folder_and_shared_files_are_not() {
        let u = site("https://u.github.io/repo/").with_language(Some("fr"));
        assert_eq!(u.path("articles/a/"), "/repo/fr/articles/a/");
        assert_eq!(u.absolute("feed.xml"), "https://u.github.io/repo/fr/feed.xml");
        assert_eq!((u.home_path().as_str(), u.base_path(), u.language_prefix()), ("/repo/fr/", "/repo/", "fr/"));
        assert_eq!(u.root_path("style.css"), "/repo/style.css");
        assert_eq!(u.link("/images/a.svg", "articles/a/"), "/repo/images/a.svg");
        assert_eq!(u.absolute_link("/images/a.svg", "articles/a/"), "https://u.github.io/repo/images/a.svg");
        assert_eq!(u.locate("/repo/fr/b/", "fr/a/index.html"), Located::Internal("fr/b/".into()));
        assert_eq!(u.locate("https://u.github.io/repo/fr/b/", "x"), Located::Internal("fr/b/".into()));
        assert_eq!(u.with_language(None), site("https://u.github.io/repo/"));
        let served = u.with_origin("http://127.0.0.1:1111").unwrap();
        assert_eq!(served.absolute(""), "http://127.0.0.1:1111/repo/fr/");
    }

    #[test]
    fn schemes_are_recognised() {
        assert!(has_scheme("mailto:x") && has_scheme("https://x") && !has_scheme("a/b:c") && !has_scheme("/x"));
        assert!(!has_scheme("1x:y"));
        assert_eq!(normalize("a/b/../c/./d/"), "a/c/d/");
    }
}
