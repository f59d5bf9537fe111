//! Tracking parameters taken out of web addresses.
//!
//! Links shared through newsletters, social networks and ads carry parameters that only say
//! who sent the reader (`utm_source=newsletter`, `fbclid=…`): the same article reached two
//! ways would otherwise get two `source_url`s, escape the duplicate check and leak the
//! editor's path to the outlet. [`clean`] removes them from an `http(s)` URL's query (and
//! from a fragment written as a query, as some campaign tools do) and keeps everything else
//! byte for byte: the other parameters in their order and with their own percent-encoding,
//! the path, a real fragment. Names are compared after percent-decoding and ignoring ASCII
//! case, so `utm%5Fsource` and `UTM_Source` go too.

use url::Url;

/// Parameter names removed wherever they appear.
const NAMES: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "igshid",
    "igsh",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "__hstc",
    "__hssc",
    "__hsfp",
    "mkt_tok",
    "ref_src",
    "ref_url",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "vero_conv",
    "wickedid",
    "spm",
    "cmpid",
    "ncid",
    "sr_share",
    "wt_mc",
];

/// Prefixes of parameter names removed (`utm_source`, `utm_medium`, … and Piwik/Matomo's).
const PREFIXES: &[&str] = &["utm_", "pk_", "mtm_", "stm_"];

/// Whether a (decoded) parameter name is a tracking one.
fn is_tracking(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    NAMES.contains(&lower.as_str()) || PREFIXES.iter().any(|p| lower.starts_with(p) && lower.len() > p.len())
}

/// `pairs` (`a=1&b=2`) without its tracking parameters, each kept one as written; `None` when
/// nothing is left.
fn kept_pairs(pairs: &str) -> Option<String> {
    let kept: Vec<&str> = pairs
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let name = url::form_urlencoded::parse(p.as_bytes()).next().map(|(k, _)| k.into_owned());
            !name.is_some_and(|n| is_tracking(&n))
        })
        .collect();
    (!kept.is_empty()).then(|| kept.join("&"))
}

/// Whether a fragment is a list of parameters (`#utm_source=x&utm_medium=y`) rather than a
/// place in the page (`#section-2`, `#:~:text=…`).
fn fragment_is_query(fragment: &str) -> bool {
    !fragment.starts_with(":~:") && fragment.split('&').all(|p| p.contains('=') && !p.starts_with('='))
}

/// `url` without tracking parameters, when it is an absolute `http(s)` URL; anything else
/// (a relative link, `mailto:`, text that does not parse) is returned unchanged.
pub fn clean(url: &str) -> String {
    match Url::parse(url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => clean_url(u).to_string(),
        _ => url.to_owned(),
    }
}

/// The parsed form of [`clean`].
pub fn clean_url(mut u: Url) -> Url {
    if let Some(q) = u.query().map(str::to_owned) {
        u.set_query(kept_pairs(&q).as_deref());
    }
    if let Some(f) = u.fragment().filter(|f| fragment_is_query(f)).map(str::to_owned) {
        u.set_fragment(kept_pairs(&f).as_deref());
    }
    u
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real-world-shaped addresses (made up, in the shapes outlets, newsletters and social
    /// networks produce) and what must be left of them.
    const CASES: &[(&str, &str)] = &[
        // a newsletter link: every parameter goes, and no `?` is left behind
        (
            "https://www.meridian-courier.example/news/2026/11/17/harbour-vote?utm_source=newsletter&utm_medium=email&utm_campaign=morning_brief",
            "https://www.meridian-courier.example/news/2026/11/17/harbour-vote",
        ),
        // a share from a social network, with a real parameter first
        (
            "https://tidewater.example/article.php?id=4821&fbclid=IwAR2xQ7kz-9bPq",
            "https://tidewater.example/article.php?id=4821",
        ),
        // tracking parameters between real ones: the others keep their order and encoding
        (
            "https://search.example/results?q=harbour%20vote&utm_source=x&page=2&gclid=Cj0KCQ&sort=new+first",
            "https://search.example/results?q=harbour%20vote&page=2&sort=new+first",
        ),
        // a real fragment stays
        (
            "https://a.example/story/?utm_medium=social&utm_source=twitter#comments",
            "https://a.example/story/#comments",
        ),
        // a campaign written in the fragment goes, with the `#`
        ("https://b.example/story#utm_source=feed&utm_medium=rss", "https://b.example/story"),
        // a text fragment is a place in the page, not parameters
        ("https://b.example/story#:~:text=the%20vote", "https://b.example/story#:~:text=the%20vote"),
        // encoded and upper-case names are tracking parameters too
        ("https://c.example/p?utm%5Fsource=x&UTM_Campaign=y&id=7", "https://c.example/p?id=7"),
        // Mailchimp, Instagram, Google Analytics, Yandex, Bing, Twitter, HubSpot
        (
            "https://d.example/a?mc_cid=3f1e&mc_eid=a9b8&igshid=MzRlODBi&_ga=2.1.2.3&yclid=55&msclkid=aa&ref_src=twsrc%5Etfw&_hsenc=p2&_hsmi=9",
            "https://d.example/a",
        ),
        // nothing to take away: unchanged, including an empty value and an odd order
        ("https://e.example/a?b=&a=1", "https://e.example/a?b=&a=1"),
        ("https://e.example/watch?v=dQw4w9WgXcQ&t=42", "https://e.example/watch?v=dQw4w9WgXcQ&t=42"),
        // names that only start like a tracking one, or are just the prefix, stay
        ("https://f.example/a?utm=1&utm_=2&gclidx=3", "https://f.example/a?utm=1&utm_=2&gclidx=3"),
        // an empty query and stray separators
        ("https://g.example/a?", "https://g.example/a"),
        ("https://g.example/a?&&utm_source=x&&id=1&", "https://g.example/a?id=1"),
        // not http(s), relative, or not a URL: left alone
        ("mailto:desk@h.example?utm_source=x", "mailto:desk@h.example?utm_source=x"),
        ("/local/path?utm_source=x", "/local/path?utm_source=x"),
        ("not a url", "not a url"),
    ];

    #[test]
    fn tracking_parameters_are_removed_from_real_world_shaped_urls() {
        for (input, expected) in CASES {
            assert_eq!(clean(input), *expected, "cleaning {input}");
            assert_eq!(clean(expected), *expected, "cleaning is idempotent: {expected}");
        }
    }
}
