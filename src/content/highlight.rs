//! Syntax highlighting of fenced code with `syntect`, as CSS classes (never inline styles),
//! plus the stylesheet for those classes (light and dark).

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// The syntax definitions, loaded once per process (loading costs milliseconds).
fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights `code` written in `lang` (a fence tag such as `rust` or `py`).
/// Returns `None` for unknown languages so the caller emits plain escaped code.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    classed(code, lang).map(|html| prune(&html, styled_compounds()))
}

/// syntect's own output: a span with a class for every part of every scope.
fn classed(code: &str, lang: &str) -> Option<String> {
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(generator.finalize())
}

/// The compounds of [`stylesheet`]'s selectors, each once, computed once.
fn styled_compounds() -> &'static [Compound] {
    static SET: OnceLock<Vec<Compound>> = OnceLock::new();
    SET.get_or_init(|| {
        let all: BTreeSet<Compound> = selector_classes(&stylesheet()).into_iter().flatten().flatten().collect();
        all.into_iter().collect()
    })
}

/// The classes of `classes` (a span's, space-separated) that some compound it matches names.
fn kept_classes(classes: &str, compounds: &[Compound]) -> String {
    let has: Vec<&str> = classes.split_whitespace().collect();
    let matched = compounds.iter().filter(|c| c.iter().all(|class| has.contains(&class.as_str())));
    let wanted: BTreeSet<&str> = matched.flatten().map(String::as_str).collect();
    // In syntect's order, from the scope's general part to its particular.
    has.into_iter().filter(|c| wanted.contains(c)).collect::<Vec<_>>().join(" ")
}

/// The class names one element must have to match a compound selector (`.a.b`).
type Compound = Vec<String>;
/// A selector: compounds joined by descendant combinators.
type Selector = Vec<Compound>;

/// Each rule's selectors: `.a.b .c, .d {…}` is `[[["a", "b"], ["c"]], [["d"]]]`.
fn selector_classes(css: &str) -> Vec<Vec<Selector>> {
    let without_comments =
        css.split("/*").enumerate().map(
            |(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once("*/").map_or("", |(_, rest)| rest)
                }
            },
        );
    let css: String = without_comments.collect();
    let selectors = css.split('}').filter_map(|rule| rule.rsplit_once('{').map(|(sel, _)| sel));
    // `@media … {` opens a block rather than a rule: its text names no class.
    let selectors = selectors.map(|sel| sel.rsplit('{').next().unwrap_or(sel));
    selectors
        .map(|sel| {
            sel.split(',')
                .map(|one| {
                    one.split_whitespace()
                        .map(|compound| compound.split('.').filter(|c| !c.is_empty()).map(str::to_owned).collect())
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Keeps of each span's classes only those of the stylesheet's compounds it matches, and drops
/// a span that matches none together with its closing tag. syntect writes a class for every
/// part of every scope (`hl-meta hl-function hl-parameters hl-python`), most of which no theme
/// styles in that combination. The stylesheet joins compounds with descendant combinators only
/// (a test checks), so each rule matches exactly the elements it matched before: a span
/// matches the same compounds, a dropped span matched none, and the children of a dropped span
/// stay descendants of every ancestor they had.
fn prune(html: &str, compounds: &[Compound]) -> String {
    let mut out = String::with_capacity(html.len());
    // For each open span, whether it was kept.
    let mut open: Vec<bool> = Vec::new();
    let mut memo: HashMap<&str, String> = HashMap::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("</span>") {
            if open.pop().unwrap_or(true) {
                out.push_str("</span>");
            }
            rest = after;
        } else if let Some((classes, after)) = rest.strip_prefix("<span class=\"").and_then(|r| r.split_once("\">")) {
            // A block repeats few class lists many times: each is worked out once.
            let kept = memo.entry(classes).or_insert_with(|| kept_classes(classes, compounds));
            if !kept.is_empty() {
                out.push_str("<span class=\"");
                out.push_str(kept);
                out.push_str("\">");
            }
            open.push(!kept.is_empty());
            rest = after;
        } else {
            // Not a tag syntect writes: keep it as it is.
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Whether rendered HTML holds code highlighted by [`highlight`]: only such pages link
/// `syntax.css`, so the others neither fetch nor parse it before their first paint.
pub fn has_highlighting(html: &str) -> bool {
    html.contains("<span class=\"hl-")
}

/// The stylesheet for highlighted code: a light theme, and a dark one under `prefers-color-scheme`
/// (each in its own media block, so no light colour leaks into the dark scheme).
/// Text colours are adjusted to a contrast of at least 4.5:1 (WCAG AA) against the background.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|t| {
                let bg = t.settings.background.map_or((255, 255, 255), |c| (c.r, c.g, c.b));
                css_for_theme_with_class_style(t, CLASS_STYLE).ok().map(|css| readable(&css, bg))
            })
            .unwrap_or_default()
    };
    format!(
        "/* Code highlighting generated by Gazette from syntect themes. */\n@media not (prefers-color-scheme: dark) {{\n{}\n}}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        css("InspiredGitHub"),
        css("base16-ocean.dark")
    )
}

/// A colour as red, green, blue.
type Rgb = (u8, u8, u8);

/// Minimum contrast of code colours, a little above WCAG AA's 4.5 to absorb rounding.
const MIN_CONTRAST: f64 = 4.6;

/// Rewrites each rule's `color: #rrggbb` so it reaches [`MIN_CONTRAST`] against the rule's own
/// `background-color`, or else the theme background `bg`.
fn readable(css: &str, bg: Rgb) -> String {
    css.split_inclusive('}')
        .map(|rule| {
            let own_bg = find_hex(rule, "background-color:").and_then(|(_, c)| c);
            let Some((at, Some(fg))) = find_hex(rule, "color:") else { return rule.to_owned() };
            let fixed = with_contrast(fg, own_bg.unwrap_or(bg));
            if fixed == fg {
                return rule.to_owned();
            }
            format!("{}#{:02x}{:02x}{:02x}{}", &rule[..at], fixed.0, fixed.1, fixed.2, &rule[at + 7..])
        })
        .collect()
}

/// The byte offset and value of the first `#rrggbb` after `key` (`color:` skips `background-color:`).
fn find_hex(rule: &str, key: &str) -> Option<(usize, Option<Rgb>)> {
    let mut from = 0;
    while let Some(i) = rule[from..].find(key).map(|i| i + from) {
        from = i + key.len();
        if key == "color:" && rule[..i].ends_with('-') {
            continue;
        }
        let rest = &rule[from..];
        let at = from + rest.len() - rest.trim_start().len();
        let hex = rule.get(at..at + 7)?;
        let byte = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).ok();
        let value =
            if hex.starts_with('#') { byte(1).zip(byte(3)).zip(byte(5)).map(|((r, g), b)| (r, g, b)) } else { None };
        return Some((at, value));
    }
    None
}

fn luminance((r, g, b): Rgb) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Moves `fg` towards black (on a light background) or white (on a dark one) until it reads.
fn with_contrast(fg: Rgb, bg: Rgb) -> Rgb {
    let target = if luminance(bg) > 0.18 { 0.0 } else { 255.0 };
    let mut c = fg;
    for step in 1..=20 {
        if contrast(c, bg) >= MIN_CONTRAST {
            break;
        }
        let t = f64::from(step) / 20.0;
        let mix = |x: u8| (f64::from(x) + (target - f64::from(x)) * t).round() as u8;
        c = (mix(fg.0), mix(fg.1), mix(fg.2));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes_not_styles() {
        let html = highlight("let x = 1;\n", "rust").unwrap();
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    /// The stylesheet's selectors are class compounds and descendant combinators only: what
    /// [`prune`] relies on.
    #[test]
    fn selectors_use_classes_and_descendants_only() {
        let rules = selector_classes(&stylesheet());
        assert!(rules.len() > 50, "{} rules", rules.len());
        for class in rules.iter().flatten().flatten().flatten() {
            let simple = class.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            assert!(simple && class.starts_with("hl-"), "selector part `{class}`");
        }
    }

    /// For each character of text, the rules that apply to each element around it, outermost
    /// first, leaving out elements no rule applies to: what decides how the character looks.
    fn applied_rules(html: &str, rules: &[Vec<Selector>]) -> Vec<(char, Vec<Vec<usize>>)> {
        let matches = |chain: &[Compound], sel: &[Compound]| {
            let has = |el: &Compound, compound: &Compound| compound.iter().all(|c| el.contains(c));
            let (last, ancestors) = sel.split_last().unwrap();
            if !has(chain.last().unwrap(), last) {
                return false;
            }
            let mut up = chain.len() - 1;
            ancestors.iter().rev().all(|compound| {
                while up > 0 {
                    up -= 1;
                    if has(&chain[up], compound) {
                        return true;
                    }
                }
                false
            })
        };
        let mut chain: Vec<Vec<String>> = Vec::new();
        let mut seen = Vec::new();
        let mut rest = html;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("</span>") {
                chain.pop();
                rest = after;
            } else if let Some((classes, after)) = rest.strip_prefix("<span class=\"").and_then(|r| r.split_once("\">"))
            {
                chain.push(classes.split_whitespace().map(str::to_owned).collect());
                rest = after;
            } else {
                let applied = (1..=chain.len())
                    .map(|n| {
                        let upto = &chain[..n];
                        (0..rules.len()).filter(|&r| rules[r].iter().any(|sel| matches(upto, sel))).collect::<Vec<_>>()
                    })
                    .filter(|applied| !applied.is_empty())
                    .collect();
                seen.push((c, applied));
                rest = &rest[c.len_utf8()..];
            }
        }
        seen
    }

    #[test]
    fn pruned_spans_style_every_character_as_before() {
        let rules = selector_classes(&stylesheet());
        let samples = [
            ("def share(rate, limit=441):\n    \"\"\"Doc.\"\"\"\n    return re.compile(r'[a-z]+\\d')\n", "python"),
            ("fn main() { let v: Vec<u8> = vec![1, 2]; println!(\"{v:?}\"); } // done\n", "rust"),
            ("<p class=\"x\">Hi &amp; <b>bye</b></p>\n", "html"),
            ("const re = /[a-z]+\\d/g; let s = `t ${x}`;\n", "js"),
            ("SELECT name FROM t WHERE id = 3; -- note\n", "sql"),
        ];
        for (code, lang) in samples {
            let full = classed(code, lang).unwrap();
            let pruned = highlight(code, lang).unwrap();
            assert!(pruned.len() < full.len(), "{lang}: nothing pruned");
            assert_eq!(applied_rules(&pruned, &rules), applied_rules(&full, &rules), "{lang}");
        }
    }

    #[test]
    fn unknown_language_is_none() {
        assert!(highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn code_colours_reach_aa_contrast() {
        let css = readable(
            ".a {\n color: #969896;\n}\n.b {\n color: #ffffff;\n background-color: #b52a1d;\n}\n",
            (255, 255, 255),
        );
        let (_, a) = find_hex(&css, "color:").unwrap();
        assert!(contrast(a.unwrap(), (255, 255, 255)) >= 4.5, "{css}");
        assert!(css.contains("color: #ffffff;\n background-color: #b52a1d"), "own background respected: {css}");
        assert_eq!(with_contrast((0x32, 0x32, 0x32), (255, 255, 255)), (0x32, 0x32, 0x32), "dark text is kept");
    }

    #[test]
    fn stylesheet_has_both_schemes() {
        let css = stylesheet();
        assert!(css.contains(".hl-") && css.contains("prefers-color-scheme"));
    }
}
