//! The default theme, compiled into the binary so any site builds without a `themes/` folder.
//!
//! A test checks this list against `themes/default/`, so the two cannot drift apart.

pub const TEMPLATES: &[(&str, &str)] = &[
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("archive.html", include_str!("../../themes/default/templates/archive.html")),
    ("article.html", include_str!("../../themes/default/templates/article.html")),
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("edition.html", include_str!("../../themes/default/templates/edition.html")),
    ("entities.html", include_str!("../../themes/default/templates/entities.html")),
    ("entity.html", include_str!("../../themes/default/templates/entity.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("note.html", include_str!("../../themes/default/templates/note.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("partials/card.html", include_str!("../../themes/default/templates/partials/card.html")),
    ("partials/day_groups.html", include_str!("../../themes/default/templates/partials/day_groups.html")),
    ("partials/edition_body.html", include_str!("../../themes/default/templates/partials/edition_body.html")),
    ("partials/head_meta.html", include_str!("../../themes/default/templates/partials/head_meta.html")),
    ("partials/outlet.html", include_str!("../../themes/default/templates/partials/outlet.html")),
    ("search.html", include_str!("../../themes/default/templates/search.html")),
    ("story.html", include_str!("../../themes/default/templates/story.html")),
    ("topic.html", include_str!("../../themes/default/templates/topic.html")),
    ("topics.html", include_str!("../../themes/default/templates/topics.html")),
];

/// The default theme's translation files (`i18n/<lang>.yaml`).
pub const I18N: &[(&str, &str)] = &[
    ("ar", include_str!("../../themes/default/i18n/ar.yaml")),
    ("de", include_str!("../../themes/default/i18n/de.yaml")),
    ("en", include_str!("../../themes/default/i18n/en.yaml")),
    ("es", include_str!("../../themes/default/i18n/es.yaml")),
    ("fr", include_str!("../../themes/default/i18n/fr.yaml")),
    ("he", include_str!("../../themes/default/i18n/he.yaml")),
    ("it", include_str!("../../themes/default/i18n/it.yaml")),
    ("ja", include_str!("../../themes/default/i18n/ja.yaml")),
    ("ko", include_str!("../../themes/default/i18n/ko.yaml")),
    ("nl", include_str!("../../themes/default/i18n/nl.yaml")),
    ("pl", include_str!("../../themes/default/i18n/pl.yaml")),
    ("pt", include_str!("../../themes/default/i18n/pt.yaml")),
    ("ru", include_str!("../../themes/default/i18n/ru.yaml")),
    ("tr", include_str!("../../themes/default/i18n/tr.yaml")),
    ("uk", include_str!("../../themes/default/i18n/uk.yaml")),
    ("zh", include_str!("../../themes/default/i18n/zh.yaml")),
];

pub const STATIC: &[(&str, &[u8])] = &[
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
    ("search-words.js", include_bytes!("../../themes/default/static/search-words.js")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_matches_themes_default() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let list = |sub: &str| -> Vec<String> {
            let base = dir.join(sub);
            let mut v: Vec<String> = walkdir::WalkDir::new(&base)
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| e.path().strip_prefix(&base).unwrap().to_string_lossy().replace('\\', "/"))
                .collect();
            v.sort();
            v
        };
        assert_eq!(list("templates"), TEMPLATES.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>());
        assert_eq!(list("static"), STATIC.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>());
        assert_eq!(list("i18n"), I18N.iter().map(|(n, _)| format!("{n}.yaml")).collect::<Vec<_>>());
    }
}
