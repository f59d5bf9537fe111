//! Fixed-seed hashing for import's hot sets and maps, and word lists looked up as sets.
//!
//! Every word of every input passes through these. SipHash with a random seed was a fifth of
//! an import's time; foldhash with a fixed seed is fast and hands out the same feature keys and
//! map order in every run, so nothing that depends on them can vary between runs.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The hasher of import's sets and maps.
pub type Fast = foldhash::fast::FixedState;
pub type FastSet<T> = HashSet<T, Fast>;
pub type FastMap<K, V> = HashMap<K, V, Fast>;

/// A word list looked up as a set, built on first use: the lists are read for every word of
/// every article (and the cue lists for every capitalised word's neighbours), and scanning a
/// list of two hundred words cost more than hashing the word once.
pub struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<FastSet<&'static str>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet { words, set: OnceLock::new() }
    }

    /// Whether the list holds `word` exactly.
    pub fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.words.iter().copied().collect()).contains(word)
    }
}
