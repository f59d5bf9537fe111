//! The site `serve` shows, held in memory so a rebuild never touches `output/` and a
//! request can never reach a file outside the built site.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

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
}

impl PageSink for MemorySite {
    fn write_file(&self, rel: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.files.write().unwrap_or_else(|p| p.into_inner()).insert(rel.to_owned(), Arc::from(bytes));
        Ok(())
    }
}
