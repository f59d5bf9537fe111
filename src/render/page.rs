//! One page ready for its template: which template, the file it goes to, and its context.
//! Every page kind (`pages/`) builds one of these.

use serde::Serialize;

/// One page to render: which template, where it goes, and its context.
pub struct PageOut {
    pub template: &'static str,
    /// Output file, relative (`articles/…/index.html`).
    pub file: String,
    pub context: tera::Context,
}

/// A page at site-relative URL path `rel` (`articles/x/`, `404.html`) with `value` as its
/// context.
pub fn page<T: Serialize>(template: &'static str, rel: &str, value: &T) -> PageOut {
    // Serialising our own structs cannot fail: they hold only strings, numbers and lists.
    let context = tera::Context::from_serialize(value).unwrap_or_default();
    PageOut { template, file: file_for(rel), context }
}

/// The output file of the page at site-relative URL path `rel`: the file itself when the
/// path names one (`404.html`), else the folder's `index.html`.
pub fn file_for(rel: &str) -> String {
    if rel.ends_with(".html") {
        rel.to_owned()
    } else {
        format!("{rel}index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_get_an_index_file() {
        assert_eq!(file_for(""), "index.html");
        assert_eq!(file_for("articles/a/"), "articles/a/index.html");
        assert_eq!(file_for("editions/2026/01/02/email.html"), "editions/2026/01/02/email.html");
        let out = page("note.html", "notes/n/", &serde_json::json!({"title": "T"}));
        assert_eq!((out.template, out.file.as_str()), ("note.html", "notes/n/index.html"));
        assert_eq!(out.context.get("title"), Some(&tera::Value::from("T")));
    }
}
