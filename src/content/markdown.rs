//! Markdown to HTML with `pulldown-cmark`: heading ids, highlighted code, internal links.
//!
//! Internal links are written `[text](@/articles/2026/11/18/x.md)` or `[[x]]`; they resolve
//! through a [`LinkResolver`] to the target's URL, and a missing target is reported with its
//! byte offset so the caller can name the line.

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::highlight::highlight;
use super::html_depth::{HtmlDepth, MAX_HTML_NESTING};
use crate::slug::slugify;

/// A resolved internal link target.
#[derive(Debug, Clone)]
pub struct LinkTarget {
    /// Key of the target document (`articles/2026/11/18/x.md`).
    pub key: String,
    pub url: String,
    pub title: String,
}

/// Looks up internal links.
pub trait LinkResolver: Sync {
    /// `@/articles/…md` paths (without the `@/`), or wiki-link names. `Err` carries a hint.
    fn resolve(&self, target: &str, wiki: bool) -> Result<LinkTarget, String>;
    /// Prefixes a site-root path (`/images/x.svg`) with the site's base path.
    fn site_path(&self, path: &str) -> String;
}

/// A problem found while rendering, at a byte offset of the Markdown body.
#[derive(Debug, Clone)]
pub struct LinkProblem {
    pub offset: usize,
    pub message: String,
    pub help: String,
}

/// The rendered body and what was learnt from it.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// Plain text of the first paragraph, for summaries.
    pub first_paragraph: String,
    /// Words, counting each run between spaces that holds a letter or digit outside Chinese
    /// and Japanese script.
    pub word_count: usize,
    /// Characters of Chinese and Japanese script (read by character, not by word).
    pub cjk_chars: usize,
    /// Keys of the documents this body links to, in order, without repeats.
    pub links: Vec<String>,
    pub problems: Vec<LinkProblem>,
    /// Plain text of the body without code, for term signatures.
    pub text: String,
    /// Whether the source contained raw HTML (then the caller decides whether to sanitise).
    pub has_raw_html: bool,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// Deepest nesting of Markdown blocks and spans (lists, list items, quotes, emphasis …)
/// accepted. Real writing stays far below it; far deeper input makes every HTML reader
/// downstream (sanitiser, search index, browsers) slow, so it is refused with its line.
pub const MAX_NESTING: usize = 100;

/// Renders `body` to HTML.
pub fn render(body: &str, resolver: &dyn LinkResolver) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    let mut state = State::default();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        state.check_depth(&event, range.start, &mut out);
        state.observe(&event, &mut out);
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                state.heading = Some((level, id, classes, attrs, events.len()));
            }
            Event::End(TagEnd::Heading(_)) => state.close_heading(&mut events, event),
            Event::Start(Tag::CodeBlock(kind)) => state.code = Some((kind, String::new())),
            Event::Text(text) if state.code.is_some() => state.code.as_mut().unwrap().1.push_str(&text),
            Event::End(TagEnd::CodeBlock) => events.push(Event::Html(state.close_code().into())),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let (dest, replace_text) = state.link(&dest_url, wiki, range.start, resolver, &mut out);
                if wiki && !matches!(link_type, LinkType::WikiLink { has_pothole: true }) {
                    state.replace_link_text = replace_text;
                }
                events.push(Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id }));
            }
            Event::Text(_) if state.replace_link_text.is_some() => {
                events.push(Event::Text(state.replace_link_text.take().unwrap_or_default().into()));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = safe_url(&dest_url, resolver, true);
                events.push(Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id }));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                out.has_raw_html = true;
                events.push(event);
            }
            other => events.push(other),
        }
    }
    out.word_count = state.words;
    out.cjk_chars = state.cjk_chars;
    out.first_paragraph = state.first_paragraph.trim().to_owned();
    out.html.reserve(body.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

type HeadingStart<'a> =
    (HeadingLevel, Option<CowStr<'a>>, Vec<CowStr<'a>>, Vec<(CowStr<'a>, Option<CowStr<'a>>)>, usize);

#[derive(Default)]
struct State<'a> {
    /// How deep Markdown blocks and spans nest here, and raw HTML elements.
    depth: usize,
    html_depth: HtmlDepth,
    heading: Option<HeadingStart<'a>>,
    heading_text: String,
    heading_ids: HashMap<String, usize>,
    code: Option<(CodeBlockKind<'a>, String)>,
    replace_link_text: Option<String>,
    words: usize,
    cjk_chars: usize,
    paragraph_depth: usize,
    first_paragraph: String,
    first_paragraph_done: bool,
}

impl<'a> State<'a> {
    /// Reports nesting deeper than [`MAX_NESTING`] or [`MAX_HTML_NESTING`] (once each).
    fn check_depth(&mut self, event: &Event, offset: usize, out: &mut Rendered) {
        match event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth == MAX_NESTING + 1 {
                    out.problems.push(LinkProblem {
                        offset,
                        message: format!("the text is nested more than {MAX_NESTING} levels deep"),
                        help: "lists, quotes or emphasis inside each other this deep are almost certainly a \
                               mistake; flatten them"
                            .into(),
                    });
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) if self.html_depth.feed(html) => {
                out.problems.push(LinkProblem {
                    offset,
                    message: format!("the HTML is nested more than {MAX_HTML_NESTING} elements deep"),
                    help: "elements inside each other this deep are almost certainly a mistake; remove the extra \
                           tags"
                        .into(),
                });
            }
            _ => {}
        }
    }

    /// Counts words and captures the first paragraph's text.
    fn observe(&mut self, event: &Event, out: &mut Rendered) {
        match event {
            Event::Start(Tag::Paragraph) => self.paragraph_depth += 1,
            Event::End(TagEnd::Paragraph) => {
                self.paragraph_depth = self.paragraph_depth.saturating_sub(1);
                if !self.first_paragraph.trim().is_empty() {
                    self.first_paragraph_done = true;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if self.code.is_none() {
                    count_words(t, &mut self.words, &mut self.cjk_chars);
                    out.text.push_str(t);
                    out.text.push(' ');
                }
                if self.heading.is_some() {
                    self.heading_text.push_str(t);
                }
                if self.paragraph_depth > 0 && !self.first_paragraph_done {
                    self.first_paragraph.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if self.paragraph_depth > 0 && !self.first_paragraph_done => {
                self.first_paragraph.push(' ');
            }
            _ => {}
        }
    }

    /// Emits the heading start with an id (its own, or one made from its text, made unique).
    fn close_heading(&mut self, events: &mut Vec<Event<'a>>, end: Event<'a>) {
        let Some((level, id, classes, attrs, at)) = self.heading.take() else {
            events.push(end);
            return;
        };
        let base = id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&self.heading_text));
        let n = self.heading_ids.entry(base.clone()).or_insert(0);
        let id = if *n == 0 { base } else { format!("{base}-{n}") };
        *n += 1;
        self.heading_text.clear();
        events.insert(at, Event::Start(Tag::Heading { level, id: Some(id.into()), classes, attrs }));
        events.push(end);
    }

    fn close_code(&mut self) -> String {
        let (kind, code) = self.code.take().unwrap_or((CodeBlockKind::Indented, String::new()));
        let lang = match &kind {
            CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").to_owned(),
            CodeBlockKind::Indented => String::new(),
        };
        let lang_attr = if lang.is_empty() { String::new() } else { format!(" data-lang=\"{}\"", escape(&lang)) };
        let inner = (!lang.is_empty()).then(|| highlight(&code, &lang)).flatten().unwrap_or_else(|| escape(&code));
        format!("<pre class=\"code\"{lang_attr}><code>{inner}</code></pre>\n")
    }

    /// Resolves one link; returns its new destination and, for wiki links, the target's title.
    fn link(
        &mut self,
        dest: &str,
        wiki: bool,
        offset: usize,
        resolver: &dyn LinkResolver,
        out: &mut Rendered,
    ) -> (String, Option<String>) {
        let internal = dest.strip_prefix("@/");
        if !wiki && internal.is_none() {
            return (safe_url(dest, resolver, false), None);
        }
        let raw = internal.unwrap_or(dest);
        let (path, fragment) = raw.split_once('#').map_or((raw, None), |(p, f)| (p, Some(f)));
        match resolver.resolve(path, wiki) {
            Ok(target) => {
                if !out.links.contains(&target.key) {
                    out.links.push(target.key.clone());
                }
                let url = match fragment {
                    Some(f) => format!("{}#{f}", target.url),
                    None => target.url,
                };
                (url, Some(target.title))
            }
            Err(help) => {
                let shown = if wiki { format!("[[{dest}]]") } else { dest.to_owned() };
                out.problems.push(LinkProblem { offset, message: format!("link to a missing page: `{shown}`"), help });
                ("#".into(), None)
            }
        }
    }
}

/// Keeps safe URLs; prefixes site-root paths with the base path; drops script URLs.
fn safe_url(url: &str, resolver: &dyn LinkResolver, image: bool) -> String {
    let trimmed = url.trim();
    if trimmed.starts_with('/') && !trimmed.starts_with("//") {
        return resolver.site_path(trimmed);
    }
    let scheme = trimmed.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        None => trimmed.to_owned(),
        Some(s) if s.contains(['/', '?', '#']) => trimmed.to_owned(),
        Some("http" | "https" | "mailto" | "tel") => trimmed.to_owned(),
        Some("data") if image && trimmed[5..].trim_start().starts_with("image/") => trimmed.to_owned(),
        Some(_) => "#".to_owned(),
    }
}

/// Escapes text for HTML element content and attributes (`&`, `<`, `>`, `"`, `'`),
/// as pulldown-cmark escapes the rest of the page.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Counts the words of `text`, and apart the characters of scripts written without spaces
/// between words (Han, Hiragana, Katakana), which are read by character. A text without such
/// characters counts exactly its runs between spaces.
fn count_words(text: &str, words: &mut usize, cjk: &mut usize) {
    // A run's CJK characters, and whether it has other letters or digits.
    let mut run: Option<(usize, bool)> = None;
    let mut end_run = |run: &mut Option<(usize, bool)>| match run.take() {
        Some((0, _)) => *words += 1,
        Some((chars, other)) => {
            *cjk += chars;
            *words += usize::from(other);
        }
        None => {}
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII is judged a byte at a time (decoding every character, as `split_whitespace`
        // and `chars` do, was 4 % of a build's instructions); other characters are decoded.
        let (space, ideograph, alphanumeric, len) = if bytes[i].is_ascii() {
            let b = bytes[i];
            (char::from(b).is_whitespace(), false, b.is_ascii_alphanumeric(), 1)
        } else {
            // `i` is a character boundary: every step moves over whole characters.
            let Some(c) = text[i..].chars().next() else { break };
            (c.is_whitespace(), is_cjk(c), c.is_alphanumeric(), c.len_utf8())
        };
        if space {
            end_run(&mut run);
        } else {
            let (chars, other) = run.get_or_insert((0, false));
            *chars += usize::from(ideograph);
            *other |= alphanumeric && !ideograph;
        }
        i += len;
    }
    end_run(&mut run);
}

/// Han ideographs (with extension A and compatibility forms), Hiragana and Katakana.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{31f0}'..='\u{31ff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reading by `split_whitespace` and `chars` that `count_words` replaced, kept as its
    /// specification.
    fn count_words_by_runs(text: &str) -> (usize, usize) {
        let (mut words, mut cjk) = (0, 0);
        for run in text.split_whitespace() {
            let chars = run.chars().filter(|&c| is_cjk(c)).count();
            if chars == 0 {
                words += 1;
            } else {
                cjk += chars;
                words += usize::from(run.chars().any(|c| c.is_alphanumeric() && !is_cjk(c)));
            }
        }
        (words, cjk)
    }

    proptest::proptest! {
        #[test]
        fn words_are_counted_as_runs_between_spaces_are(text in "[a-z0-9 .,’—é日本語かな\u{a0}\u{b}\u{3000}\t\n]{0,60}") {
            let (mut words, mut cjk) = (0, 0);
            count_words(&text, &mut words, &mut cjk);
            proptest::prop_assert_eq!((words, cjk), count_words_by_runs(&text));
        }
    }

    #[test]
    fn chinese_and_japanese_are_counted_by_character() {
        let (mut words, mut cjk) = (0, 0);
        count_words("港のフェリーが再開した。 Ferry 2026年 resumes", &mut words, &mut cjk);
        // "2026年" has a digit outside the script: a word, and one character.
        assert_eq!((words, cjk), (3, 12));
        let (mut words, mut cjk) = (0, 0);
        count_words("The harbour reopens — at last.", &mut words, &mut cjk);
        assert_eq!((words, cjk), (6, 0), "text without CJK counts its runs between spaces");
    }

    struct Fake;
    impl LinkResolver for Fake {
        fn resolve(&self, target: &str, wiki: bool) -> Result<LinkTarget, String> {
            let key = if wiki { format!("articles/{target}.md") } else { target.to_owned() };
            if key == "articles/known.md" {
                Ok(LinkTarget { key, url: "/base/articles/known/".into(), title: "Known title".into() })
            } else {
                Err("did you mean `known`?".into())
            }
        }
        fn site_path(&self, path: &str) -> String {
            format!("/base{path}")
        }
    }

    #[test]
    fn escape_covers_content_and_attributes() {
        assert_eq!(escape(r#"a < b && "c" > d's"#), "a &lt; b &amp;&amp; &quot;c&quot; &gt; d&#39;s");
        let r = render("```\nif a < b && c > \"d\" {}\n```\n", &Fake);
        assert!(r.html.contains("if a &lt; b &amp;&amp; c &gt; &quot;d&quot; {}"), "{}", r.html);
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = render("# Hello world\n\n## Hello world\n\n## Custom {#mine}\n", &Fake);
        assert!(r.html.contains("<h1 id=\"hello-world\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"hello-world-1\">"));
        assert!(r.html.contains("<h2 id=\"mine\">"));
    }

    #[test]
    fn internal_links_resolve_and_are_recorded() {
        let r = render("See [this](@/articles/known.md#part) and [[known]].", &Fake);
        assert!(r.html.contains("href=\"/base/articles/known/#part\""), "{}", r.html);
        assert!(r.html.contains(">Known title</a>"), "{}", r.html);
        assert_eq!(r.links, vec!["articles/known.md".to_string()]);
        assert!(r.problems.is_empty());
    }

    #[test]
    fn missing_link_reports_offset() {
        let r = render("Line one.\n\nSee [[gone]].", &Fake);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].offset, 15);
    }

    #[test]
    fn fenced_code_is_highlighted() {
        let r = render("```rust\nfn main() {}\n```\n", &Fake);
        assert!(r.html.contains("<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-"), "{}", r.html);
    }

    #[test]
    fn script_urls_are_dropped_and_site_paths_prefixed() {
        let r = render("[x](javascript:alert(1)) ![i](/images/a.svg)", &Fake);
        assert!(r.html.contains("href=\"#\""), "{}", r.html);
        assert!(r.html.contains("src=\"/base/images/a.svg\""));
    }

    #[test]
    fn extensions_are_on_and_text_measured() {
        let r = render("First *para* here.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ \"q\"", &Fake);
        assert!(r.html.contains("<table>") && r.html.contains("<del>") && r.html.contains("“q”"));
        assert_eq!(r.first_paragraph, "First para here.");
        assert!(r.word_count >= 8);
        assert_eq!(r.cjk_chars, 0);
    }
}
