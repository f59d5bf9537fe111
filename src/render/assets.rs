//! What a site holds besides rendered pages: the theme's assets, the site's `static/`
//! folder, the highlighting stylesheet, `.nojekyll` (GitHub Pages serves files whose names
//! start with `_` only then) and `CNAME` for a custom domain.

use anyhow::Context as _;

use super::theme::{Asset, Theme};
use super::PageSink;
use crate::config::Config;
use crate::content::highlight;

/// Writes every file that is not a page into `sink`; returns how many.
pub fn write_assets(config: &Config, theme: &Theme, sink: &dyn PageSink) -> anyhow::Result<usize> {
    let mut count = 0;
    for (rel, asset) in &theme.assets {
        match asset {
            Asset::File(path) => {
                let bytes = std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
                sink.write_file(rel, &bytes)?;
            }
            Asset::Embedded(bytes) => sink.write_file(rel, bytes)?,
        }
        count += 1;
    }
    count += write_static(config, sink)?;
    sink.write_file("syntax.css", highlight::stylesheet().as_bytes())?;
    sink.write_file(".nojekyll", b"")?;
    count += 2;
    if let Some(cname) = &config.site.cname {
        sink.write_file("CNAME", format!("{}\n", cname.trim()).as_bytes())?;
        count += 1;
    }
    Ok(count)
}

/// Copies the files of the site's `static/` folder as they are; returns how many.
fn write_static(config: &Config, sink: &dyn PageSink) -> anyhow::Result<usize> {
    let dir = config.root.join("static");
    if !dir.is_dir() {
        return Ok(0);
    }
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("failed to read `{}`", dir.display()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            sink.copy_file(&rel, entry.path())?;
            count += 1;
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use super::*;

    #[derive(Default)]
    struct Files(Mutex<BTreeMap<String, Vec<u8>>>);

    impl PageSink for Files {
        fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
            self.0.lock().unwrap().insert(rel.to_owned(), bytes.to_vec());
            Ok(())
        }
    }

    #[test]
    fn theme_assets_static_files_and_cname_are_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
        std::fs::write(dir.path().join("static/img/a.svg"), "<svg/>").unwrap();
        let yaml = "title: T\nbase_url: https://e.org/\ncname: news.e.org\n";
        let config = Config::parse(dir.path(), yaml, None).unwrap();
        let theme = crate::render::theme::load(&config).unwrap();
        let files = Files::default();
        let count = write_assets(&config, &theme, &files).unwrap();
        let files = files.0.into_inner().unwrap();
        assert_eq!(count, files.len());
        assert_eq!(files["img/a.svg"], b"<svg/>");
        assert_eq!(files["CNAME"], b"news.e.org\n");
        assert!(files.contains_key("syntax.css") && files.contains_key(".nojekyll"));
        assert!(theme.assets.keys().all(|k| files.contains_key(k)), "every theme asset");
    }
}
