//! Themes: Tera templates and static assets, with `extends:` inheritance.
//!
//! A theme lives in `themes/<name>/` with `templates/`, `static/` and an optional
//! `theme.yaml` (`extends: default`). The default theme is also compiled into the binary, so
//! a site without `themes/default/` still builds. Each template name resolves to the first
//! theme in the chain that has it; every theme's templates are also registered as
//! `<theme>/<name>` so an override can `{% extends "default/base.html" %}`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{bail, Context as _};
use serde::Deserialize;
use tera::Tera;

use super::embedded;
use crate::config::Config;
use crate::diagnostics::{did_you_mean, ContentErrors, Diagnostic, Diagnostics};
use crate::i18n::{self, Catalog, Strings};

/// Templates every theme chain must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "edition.html",
    "article.html",
    "topics.html",
    "topic.html",
    "note.html",
    "page.html",
    "archive.html",
    "404.html",
];

/// `themes/<name>/theme.yaml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeMeta {
    #[serde(default)]
    extends: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

/// Where a file of a theme comes from.
#[derive(Debug, Clone)]
pub enum Asset {
    File(PathBuf),
    Embedded(&'static [u8]),
}

/// A template's source, for error messages.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub file: PathBuf,
    pub text: String,
}

/// A loaded theme chain.
pub struct Theme {
    pub tera: Tera,
    /// Output path (relative) → asset, after inheritance.
    pub assets: BTreeMap<String, Asset>,
    /// Template name → where it came from.
    pub sources: BTreeMap<String, TemplateSource>,
    /// The places searched, for "template not found" messages.
    pub searched: Vec<String>,
    /// The theme's words and CLDR's formats in the site's language (what `t()` prints).
    pub strings: Arc<Strings>,
}

/// One theme of the chain: its name and files.
struct Layer {
    name: String,
    templates: BTreeMap<String, TemplateSource>,
    assets: BTreeMap<String, Asset>,
    searched: String,
    /// Translation files: language tag → (file as shown, text).
    i18n: BTreeMap<String, (PathBuf, String)>,
}

/// Loads the theme named in `site.yaml` and everything it extends.
pub fn load(config: &Config) -> anyhow::Result<Theme> {
    let layers = load_chain(config)?;
    let mut templates: BTreeMap<String, TemplateSource> = BTreeMap::new();
    let mut assets = BTreeMap::new();
    let mut qualified = Vec::new();
    // From the base of the chain up, so nearer themes override.
    for layer in layers.iter().rev() {
        for (name, src) in &layer.templates {
            templates.insert(name.clone(), src.clone());
            qualified.push((format!("{}/{name}", layer.name), src.clone()));
        }
        assets.extend(layer.assets.clone());
    }
    let searched: Vec<String> = layers.iter().map(|l| l.searched.clone()).collect();
    let missing: Vec<&str> = REQUIRED_TEMPLATES.iter().copied().filter(|t| !templates.contains_key(*t)).collect();
    if !missing.is_empty() {
        bail!("template(s) {} not found; searched {}", missing.join(", "), searched.join(", "));
    }
    let mut tera = Tera::new();
    let all = templates.iter().map(|(n, s)| (n.clone(), s.clone())).chain(qualified);
    let mut sources = BTreeMap::new();
    for (name, src) in all {
        sources.insert(name.clone(), src);
    }
    let pairs: Vec<(&str, &str)> = sources.iter().map(|(n, s)| (n.as_str(), s.text.as_str())).collect();
    let strings = Arc::new(chain_strings(config, &layers)?);
    // Filters and functions first: Tera checks their names when it compiles the templates.
    super::filters::register(&mut tera, &strings);
    tera.add_raw_templates(pairs).map_err(|e| template_error(&e, &sources, &searched))?;
    Ok(Theme { tera, assets, sources, searched, strings })
}

fn load_chain(config: &Config) -> anyhow::Result<Vec<Layer>> {
    let mut layers = Vec::new();
    let mut name = Some(config.site.theme.clone());
    while let Some(current) = name.take() {
        if layers.iter().any(|l: &Layer| l.name == current) {
            bail!(
                "themes extend each other in a circle: {} → {current}",
                layers.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(" → ")
            );
        }
        let dir = config.root.join("themes").join(&current);
        if dir.is_dir() {
            let (layer, extends) = load_dir(config, &current, &dir)?;
            layers.push(layer);
            name = extends.or_else(|| (current != "default").then(|| "default".to_owned()));
        } else if current == "default" {
            layers.push(embedded_default());
        } else {
            let available = list_themes(&config.root.join("themes"));
            let hint = match did_you_mean(&current, available.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("available: default{}", available.iter().map(|a| format!(", {a}")).collect::<String>()),
            };
            bail!("theme `{current}` not found in `themes/{current}/` ({hint})");
        }
    }
    Ok(layers)
}

fn list_themes(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn load_dir(config: &Config, name: &str, dir: &Path) -> anyhow::Result<(Layer, Option<String>)> {
    let meta_path = dir.join("theme.yaml");
    let meta: ThemeMeta = if meta_path.exists() {
        let text =
            std::fs::read_to_string(&meta_path).with_context(|| format!("failed to read `{}`", meta_path.display()))?;
        let file = crate::diagnostics::display_path(&config.root, &meta_path);
        yaml_serde::from_str(&text).map_err(|e| {
            let d = crate::config::yaml_diagnostic(&file, &text, 0, &e, &["extends", "description"]);
            anyhow::Error::new(ContentErrors(Diagnostics(vec![d])))
        })?
    } else {
        ThemeMeta::default()
    };
    let _ = meta.description;
    let mut templates = BTreeMap::new();
    for (rel, path) in files_under(&dir.join("templates"))? {
        let text = std::fs::read_to_string(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
        templates.insert(rel, TemplateSource { file: crate::diagnostics::display_path(&config.root, &path), text });
    }
    let assets = files_under(&dir.join("static"))?.into_iter().map(|(rel, path)| (rel, Asset::File(path))).collect();
    let searched = format!("themes/{name}/templates/");
    let mut i18n = BTreeMap::new();
    for (rel, path) in files_under(&dir.join("i18n"))? {
        let Some(lang) = rel.strip_suffix(".yaml").filter(|l| !l.contains('/')) else { continue };
        let text = std::fs::read_to_string(&path).with_context(|| format!("failed to read `{}`", path.display()))?;
        i18n.insert(lang.to_owned(), (crate::diagnostics::display_path(&config.root, &path), text));
    }
    Ok((Layer { name: name.to_owned(), templates, assets, searched, i18n }, meta.extends))
}

/// Files below `dir` as (relative path with `/`, full path), sorted; none when `dir` is missing.
fn files_under(dir: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        if entry.file_type().is_file() && !entry.file_name().to_string_lossy().starts_with('.') {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            out.push((rel, entry.path().to_path_buf()));
        }
    }
    Ok(out)
}

fn embedded_default() -> Layer {
    let templates = embedded::TEMPLATES
        .iter()
        .map(|(name, text)| {
            let file = PathBuf::from(format!("(built-in default theme)/templates/{name}"));
            (name.to_string(), TemplateSource { file, text: text.to_string() })
        })
        .collect();
    let assets = embedded::STATIC.iter().map(|(name, bytes)| (name.to_string(), Asset::Embedded(bytes))).collect();
    Layer {
        name: "default".into(),
        templates,
        assets,
        searched: "the built-in default theme".into(),
        i18n: embedded_i18n(),
    }
}

fn embedded_i18n() -> BTreeMap<String, (PathBuf, String)> {
    let file = |lang: &str| PathBuf::from(format!("(built-in default theme)/i18n/{lang}.yaml"));
    embedded::I18N.iter().map(|(lang, text)| (lang.to_string(), (file(lang), text.to_string()))).collect()
}

/// The strings of the site's language from the theme chain: `strings:` in site.yaml, then
/// each theme's file for the language (nearest theme first), then for its base language,
/// then English; the built-in default theme's files come last, so every key has English.
pub fn strings(config: &Config) -> anyhow::Result<Arc<Strings>> {
    Ok(Arc::new(chain_strings(config, &load_chain(config)?)?))
}

fn chain_strings(config: &Config, layers: &[Layer]) -> anyhow::Result<Strings> {
    let lang = config.site.language.as_str();
    let built_in = embedded_i18n();
    let mut problems = Diagnostics::default();
    let mut catalog = |tag: &str| {
        let mut merged = Catalog::default();
        let files = layers.iter().filter_map(|l| l.i18n.get(tag)).chain(built_in.get(tag));
        for (file, text) in files {
            match Catalog::parse(file, text) {
                Ok(c) => merged.fill_from(&c),
                Err(d) => problems.push(d),
            }
        }
        merged
    };
    let base = i18n::base_language(lang);
    let layers = i18n::Layers {
        site: Catalog { messages: config.site.strings.clone() },
        exact: catalog(lang),
        base: if base == lang { Catalog::default() } else { catalog(base) },
        english: catalog("en"),
    };
    if !problems.0.is_empty() {
        return Err(ContentErrors(problems.sorted()).into());
    }
    Strings::new(lang, layers).map_err(|e| {
        let d = Diagnostic::error(crate::config::CONFIG_FILE, format!("language: {e}"))
            .with_help("use a BCP 47 language tag such as `en`, `fr`, `pt-BR` or `zh-Hans`");
        anyhow::Error::new(ContentErrors(Diagnostics(vec![d])))
    })
}

/// Turns a Tera error into a diagnostic naming the template file, line and column.
pub fn template_error(
    e: &tera::Error,
    sources: &BTreeMap<String, TemplateSource>,
    searched: &[String],
) -> anyhow::Error {
    let d = template_diagnostic(e, sources, searched);
    anyhow::Error::new(ContentErrors(Diagnostics(vec![d])))
}

pub fn template_diagnostic(
    e: &tera::Error,
    sources: &BTreeMap<String, TemplateSource>,
    searched: &[String],
) -> Diagnostic {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let src = sources.get(r.filename());
            let file = src.map_or_else(|| PathBuf::from(r.filename()), |s| s.file.clone());
            let d = Diagnostic::error(file, format!("in template `{}`: {}", r.filename(), r.message()));
            match src {
                Some(s) => d.at(&s.text, r.span().start_line, r.span().start_col + 1),
                None => d,
            }
        }
        tera::ErrorKind::TemplateNotFound(name) | tera::ErrorKind::MissingParent { parent: name, .. } => {
            let hint = match did_you_mean(name, sources.keys().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("searched {}", searched.join(", ")),
            };
            Diagnostic::error("themes", format!("template `{name}` not found")).with_help(hint)
        }
        _ => Diagnostic::error("themes", e.to_string()),
    }
}
