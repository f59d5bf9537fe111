//! Given names that mark a person's name when they start one ("Ada Quell"): the most frequent
//! of the US Census 1990 lists (public domain; see `first_names.txt` and
//! `build_first_names.py` beside this file).

use std::sync::OnceLock;

const NAMES: &str = include_str!("first_names.txt");

fn set() -> &'static super::FastSet<String> {
    static SET: OnceLock<super::FastSet<String>> = OnceLock::new();
    SET.get_or_init(|| NAMES.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::to_lowercase).collect())
}

/// Whether `word` is a frequent given name, with or without its accents ("Andrés" as "Andres").
pub fn contains(word: &str) -> bool {
    let lower = word.to_lowercase();
    set().contains(&lower) || !lower.is_ascii() && set().contains(&deunicode::deunicode(&lower))
}
