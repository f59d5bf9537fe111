//! Slugs: the URL-safe names of articles, topics, entities and tags.
//!
//! A slug only ever contains `a-z`, `0-9` and single hyphens, is never empty and is at most
//! [`MAX_SLUG_LEN`] bytes, so a slug can never escape the output folder or clash with reserved names.

/// Longest slug we produce; long enough for a headline, short enough for every file system.
pub const MAX_SLUG_LEN: usize = 80;

/// Makes a slug from any text: transliterated to ASCII, lowercased, punctuation to hyphens.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.len() > MAX_SLUG_LEN {
        slug.truncate(MAX_SLUG_LEN);
        // Cut at a word boundary when there is one in the second half.
        if let Some(i) = slug.rfind('-').filter(|&i| i > MAX_SLUG_LEN / 2) {
            slug.truncate(i);
        }
    }
    let slug = slug.trim_matches('-').to_owned();
    if slug.is_empty() {
        "untitled".to_owned()
    } else {
        slug
    }
}

/// Whether `s` already is a slug (what [`slugify`] would return unchanged).
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

/// Decodes `%XX` escapes in a URL path (invalid escapes are kept as written).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugify_examples() {
        assert_eq!(slugify("Zürich's Café — Open!"), "zurich-s-cafe-open");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("   "), "untitled");
        assert_eq!(slugify("CON"), "con");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("images/a%20b.svg"), "images/a b.svg");
        assert_eq!(percent_decode("bad%zz%"), "bad%zz%");
    }

    proptest! {
        #[test]
        fn slugify_is_idempotent_and_path_safe(s in "\\PC{0,200}") {
            let slug = slugify(&s);
            prop_assert_eq!(slugify(&slug), slug.clone());
            prop_assert!(!slug.is_empty() && slug.len() <= MAX_SLUG_LEN);
            prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        }
    }
}
