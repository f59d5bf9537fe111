//! The site `serve` shows, held in memory so a rebuild never touches `output/` and a
//! request can never reach a file outside the built site.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use crate::render::PageSink;

/// Site-relative path → file bytes.
#[derive(Default)]
pub struct MemorySite {
    files: RwLock<HashMap<String, Arc<[u8]>>>,
}

impl MemorySite {
    pub fn get(&self, rel: &str) -> Option<Arc<[u8]>> {
        self.files.read().unwrap_or_else(|p| p.into_inner()).get(rel).cloned()
    }

    pub fn contains(&self, rel: &str) -> bool {
        self.files.read().unwrap_or_else(|p| p.into_inner()).contains_key(rel)
    }

    /// Replaces everything with the files of `other` (a complete new build).
    pub fn replace_with(&self, other: MemorySite) {
        let new = other.files.into_inner().unwrap_or_else(|p| p.into_inner());
        *self.files.write().unwrap_or_else(|p| p.into_inner()) = new;
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
}

/// Files written by a rebuild, held until [`MemorySite::apply`].
#[derive(Default)]
pub struct Batch {
    files: Mutex<Vec<(String, Arc<[u8]>)>>,
}

impl PageSink for Batch {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.files.lock().unwrap_or_else(|p| p.into_inner()).push((rel.to_owned(), Arc::from(bytes)));
        Ok(())
    }
}
