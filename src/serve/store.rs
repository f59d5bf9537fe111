//! The site `serve` shows, held in memory so a rebuild never touches `output/` and a
//! request can never reach a file outside the built site.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use crate::pictures::cache::Cache;
use crate::render::pictures::Job;
use crate::render::PageSink;

/// A picture variant not made yet: made when it is first asked for.
type Lazy = (Job, Arc<Cache>);

/// Site-relative path → file bytes.
#[derive(Default)]
pub struct MemorySite {
    files: RwLock<HashMap<String, Arc<[u8]>>>,
    lazy: RwLock<HashMap<String, Lazy>>,
}

impl MemorySite {
    /// A file; a picture variant is made (or taken from the cache) on its first request.
    pub fn get(&self, rel: &str) -> Option<Arc<[u8]>> {
        if let Some(file) = self.files.read().unwrap_or_else(|p| p.into_inner()).get(rel) {
            return Some(file.clone());
        }
        let (job, cache) = self.lazy.read().unwrap_or_else(|p| p.into_inner()).get(rel).cloned()?;
        let made = job.ensure(&cache).and_then(|path| Ok(std::fs::read(path)?));
        match made {
            Ok(bytes) => {
                let bytes: Arc<[u8]> = Arc::from(bytes);
                self.files.write().unwrap_or_else(|p| p.into_inner()).insert(rel.to_owned(), bytes.clone());
                Some(bytes)
            }
            Err(e) => {
                tracing::warn!("could not make `{rel}`: {e:#}");
                None
            }
        }
    }

    pub fn contains(&self, rel: &str) -> bool {
        self.files.read().unwrap_or_else(|p| p.into_inner()).contains_key(rel)
            || self.lazy.read().unwrap_or_else(|p| p.into_inner()).contains_key(rel)
    }

    /// Replaces everything with the files of `other` (a complete new build).
    pub fn replace_with(&self, other: MemorySite) {
        let new = other.files.into_inner().unwrap_or_else(|p| p.into_inner());
        *self.files.write().unwrap_or_else(|p| p.into_inner()) = new;
        *self.lazy.write().unwrap_or_else(|p| p.into_inner()) =
            other.lazy.into_inner().unwrap_or_else(|p| p.into_inner());
    }

    /// Writes the files of `batch` and removes `removed`, all under one lock: a request sees
    /// the site before or after a rebuild, never half of it.
    pub fn apply(&self, batch: Batch, removed: &[String]) {
        let new = batch.files.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut files = self.files.write().unwrap_or_else(|p| p.into_inner());
        for rel in removed {
            files.remove(rel);
        }
        files.extend(new);
        let lazy = batch.lazy.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut known = self.lazy.write().unwrap_or_else(|p| p.into_inner());
        known.extend(lazy.into_iter().filter(|(rel, _)| !files.contains_key(rel)));
    }

    /// Removes the files whose path starts with `prefix`.
    pub fn remove_under(&self, prefix: &str) {
        self.files.write().unwrap_or_else(|p| p.into_inner()).retain(|rel, _| !rel.starts_with(prefix));
    }

    /// Every file, sorted (for tests).
    #[cfg(test)]
    pub fn snapshot(&self) -> std::collections::BTreeMap<String, Arc<[u8]>> {
        self.files.read().unwrap_or_else(|p| p.into_inner()).iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

impl PageSink for MemorySite {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.files.write().unwrap_or_else(|p| p.into_inner()).insert(rel.to_owned(), Arc::from(bytes));
        Ok(())
    }

    fn makes_pictures(&self) -> bool {
        false
    }

    fn write_picture(&self, rel: &str, job: &Job, cache: &Arc<Cache>) -> anyhow::Result<()> {
        let lazy = (job.clone(), cache.clone());
        self.lazy.write().unwrap_or_else(|p| p.into_inner()).insert(rel.to_owned(), lazy);
        Ok(())
    }
}

/// Files written by a rebuild, held until [`MemorySite::apply`].
#[derive(Default)]
pub struct Batch {
    files: Mutex<Vec<(String, Arc<[u8]>)>>,
    lazy: Mutex<Vec<(String, Lazy)>>,
}

impl PageSink for Batch {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.files.lock().unwrap_or_else(|p| p.into_inner()).push((rel.to_owned(), Arc::from(bytes)));
        Ok(())
    }

    fn makes_pictures(&self) -> bool {
        false
    }

    fn write_picture(&self, rel: &str, job: &Job, cache: &Arc<Cache>) -> anyhow::Result<()> {
        let lazy = (job.clone(), cache.clone());
        self.lazy.lock().unwrap_or_else(|p| p.into_inner()).push((rel.to_owned(), lazy));
        Ok(())
    }
}
