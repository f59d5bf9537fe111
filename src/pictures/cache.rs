//! The picture cache, `.gazette/cache/pictures/` in the site: every variant made, named by
//! the content hash of its source and its parameters, so a build makes only the variants it
//! has not made before and a renamed or moved picture costs nothing. What a source file
//! holds (hash, size, format) is remembered by path, length and modification time in
//! `index.json`, so a build does not read or hash unchanged pictures again. [`Cache::sweep`]
//! removes the variants (and index entries) the last build did not use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::{encode_variant, probe, Format, Probe, Variant};

/// The cache folder inside a site.
pub const CACHE_DIR: &str = ".gazette/cache/pictures";

/// Bumped when the encoders' settings or libraries change what a variant's bytes are, so
/// old variants are made again rather than reused.
const ENCODER_VERSION: u32 = 1;

/// The content hash Gazette names pictures by: the first 128 bits of SHA-256, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, bytes);
    digest.as_ref()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// What a source picture is, as far as planning its variants needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub hash: String,
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub animated: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Entry {
    len: u64,
    modified_ns: u128,
    info: SourceInfo,
}

/// The cache of one site. Shared by the threads of a build.
pub struct Cache {
    dir: PathBuf,
    index: Mutex<BTreeMap<String, Entry>>,
    used_sources: Mutex<BTreeSet<String>>,
    used_variants: Mutex<BTreeSet<String>>,
}

/// A variant's file name in the cache and in the output: the source's hash, then its width,
/// crop and format, e.g. `3f2a…-640-c40x21f30x50.webp`.
pub fn variant_name(hash: &str, v: &Variant) -> String {
    let crop = match &v.crop {
        Some(c) => format!(
            "-c{}x{}f{}x{}",
            c.ratio.0,
            c.ratio.1,
            (c.focus.x * 100.0).round() as u32,
            (c.focus.y * 100.0).round() as u32
        ),
        None => String::new(),
    };
    let quality = match v.format {
        super::OutFormat::WebP(q) | super::OutFormat::Jpeg(q) => format!("q{q}"),
        super::OutFormat::Png => String::new(),
    };
    format!("{hash}-{}{crop}{quality}.{}", v.width, v.format.extension())
}

impl Cache {
    /// Opens (without creating) the cache of the site at `root`.
    pub fn open(root: &Path) -> Cache {
        let dir = root.join(CACHE_DIR);
        let index = std::fs::read(dir.join("index.json"))
            .ok()
            .and_then(|b| serde_json::from_slice::<(u32, BTreeMap<String, Entry>)>(&b).ok())
            .filter(|(version, _)| *version == ENCODER_VERSION)
            .map(|(_, index)| index)
            .unwrap_or_default();
        Cache { dir, index: Mutex::new(index), used_sources: Mutex::default(), used_variants: Mutex::default() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the picture at `path` is: from the index when its length and modification time
    /// are unchanged, else read, hashed and probed.
    pub fn source(&self, path: &Path) -> anyhow::Result<SourceInfo> {
        let key = path.to_string_lossy().into_owned();
        let meta = std::fs::metadata(path).with_context(|| format!("failed to read `{}`", path.display()))?;
        let modified_ns =
            meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        self.used_sources.lock().unwrap().insert(key.clone());
        if let Some(e) = self.index.lock().unwrap().get(&key) {
            if e.len == meta.len() && e.modified_ns == modified_ns {
                return Ok(e.info.clone());
            }
        }
        let bytes = std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
        let info = Self::describe(&bytes).with_context(|| format!("`{}`", path.display()))?;
        self.index.lock().unwrap().insert(key, Entry { len: meta.len(), modified_ns, info: info.clone() });
        Ok(info)
    }

    /// Hash and probe of a picture's bytes.
    pub fn describe(bytes: &[u8]) -> anyhow::Result<SourceInfo> {
        let Probe { format, width, height, animated } = probe(bytes)?;
        Ok(SourceInfo { hash: content_hash(bytes), format, width, height, animated })
    }

    /// The cached file of each variant of the picture at `path`, making those missing (the
    /// source decoded once for all of them). Marks them used.
    pub fn variants(&self, path: &Path, info: &SourceInfo, variants: &[Variant]) -> anyhow::Result<Vec<PathBuf>> {
        let files: Vec<PathBuf> = variants.iter().map(|v| self.dir.join(variant_name(&info.hash, v))).collect();
        {
            let mut used = self.used_variants.lock().unwrap();
            used.extend(variants.iter().map(|v| variant_name(&info.hash, v)));
        }
        let missing: Vec<usize> = (0..variants.len()).filter(|&i| !files[i].is_file()).collect();
        if missing.is_empty() {
            return Ok(files);
        }
        let bytes = std::fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))?;
        let decoded = super::decode(&bytes).with_context(|| format!("`{}`", path.display()))?;
        std::fs::create_dir_all(&self.dir).with_context(|| format!("failed to create `{}`", self.dir.display()))?;
        for i in missing {
            let out = encode_variant(&decoded, &variants[i]).with_context(|| format!("`{}`", path.display()))?;
            write_atomic(&files[i], &out)?;
        }
        Ok(files)
    }

    /// Removes the variants and index entries this build did not use, and saves the index.
    /// Returns how many files were removed.
    pub fn sweep(&self) -> anyhow::Result<usize> {
        let used_sources = self.used_sources.lock().unwrap();
        let mut index = self.index.lock().unwrap();
        index.retain(|k, _| used_sources.contains(k));
        let used = self.used_variants.lock().unwrap();
        let mut removed = 0;
        if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name != "index.json" && !used.contains(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
                    std::fs::remove_file(entry.path())
                        .with_context(|| format!("failed to remove `{}`", entry.path().display()))?;
                    removed += 1;
                }
            }
        }
        if !index.is_empty() || self.dir.is_dir() {
            std::fs::create_dir_all(&self.dir).with_context(|| format!("failed to create `{}`", self.dir.display()))?;
            let json = serde_json::to_vec(&(ENCODER_VERSION, &*index))?;
            write_atomic(&self.dir.join("index.json"), &json)?;
        }
        Ok(removed)
    }
}

/// Writes through a temporary file and a rename, so a build killed mid-write never leaves a
/// truncated variant that a later build would take for a finished one.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).with_context(|| format!("failed to write in `{}`", dir.display()))?;
    std::io::Write::write_all(&mut tmp, bytes).with_context(|| format!("failed to write `{}`", path.display()))?;
    tmp.persist(path).with_context(|| format!("failed to write `{}`", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pictures::{Crop, Focus, OutFormat};

    fn variants() -> Vec<Variant> {
        vec![
            Variant { width: 64, crop: None, format: OutFormat::WebP(75) },
            Variant {
                width: 32,
                crop: Some(Crop { ratio: (40, 21), focus: Focus { x: 0.3, y: 0.5 } }),
                format: OutFormat::Jpeg(80),
            },
        ]
    }

    #[test]
    fn variants_are_named_by_source_and_parameters() {
        let v = variants();
        assert_eq!(variant_name("ab", &v[0]), "ab-64q75.webp");
        assert_eq!(variant_name("ab", &v[1]), "ab-32-c40x21f30x50q80.jpg");
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223");
    }

    #[test]
    fn a_second_build_reuses_the_variants_and_unused_ones_are_swept() {
        let site = tempfile::tempdir().unwrap();
        let pic = site.path().join("a.jpg");
        std::fs::write(&pic, crate::pictures::process::tests::jpeg(96, 64)).unwrap();
        let cache = Cache::open(site.path());
        let info = cache.source(&pic).unwrap();
        assert_eq!((info.format, info.width, info.height), (Format::Jpeg, 96, 64));
        let files = cache.variants(&pic, &info, &variants()).unwrap();
        assert!(files.iter().all(|f| f.is_file()));
        assert_eq!(cache.sweep().unwrap(), 0);
        let made: Vec<_> = files.iter().map(|f| std::fs::metadata(f).unwrap().modified().unwrap()).collect();

        // Second build: the index answers without reading, the files are not made again.
        let cache = Cache::open(site.path());
        assert_eq!(cache.source(&pic).unwrap(), info);
        let again = cache.variants(&pic, &info, &variants()[..1]).unwrap();
        assert_eq!(again[0], files[0]);
        assert_eq!(std::fs::metadata(&again[0]).unwrap().modified().unwrap(), made[0], "reused, not rewritten");
        assert_eq!(cache.sweep().unwrap(), 1, "the variant no longer used is removed");
        assert!(!files[1].exists() && files[0].exists());

        // Third build without the picture: everything goes, the index empties.
        let cache = Cache::open(site.path());
        assert_eq!(cache.sweep().unwrap(), 1);
        assert!(Cache::open(site.path()).index.lock().unwrap().is_empty());
    }

    #[test]
    fn a_changed_source_is_read_again() {
        let site = tempfile::tempdir().unwrap();
        let pic = site.path().join("a.jpg");
        std::fs::write(&pic, crate::pictures::process::tests::jpeg(96, 64)).unwrap();
        let first = Cache::open(site.path()).source(&pic).unwrap();
        let cache = Cache::open(site.path());
        cache.source(&pic).unwrap();
        cache.sweep().unwrap();
        std::fs::write(&pic, crate::pictures::process::tests::jpeg(50, 40)).unwrap();
        let second = Cache::open(site.path()).source(&pic).unwrap();
        assert_ne!(first.hash, second.hash);
        assert_eq!((second.width, second.height), (50, 40));
    }
}
