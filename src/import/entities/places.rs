//! The gazetteer: countries, US states, continents, regions and cities of 100 000 people or
//! more, from GeoNames (CC BY 4.0; see `places.txt` and `build_places.py` beside this file).

use std::sync::OnceLock;

const PLACES: &str = include_str!("places.txt");

/// A name as the gazetteer keys it: lowercase, without points ("U.S." and "US" are one key).
pub fn key(name: &str) -> String {
    name.chars().filter(|c| *c != '.').flat_map(char::to_lowercase).collect()
}

fn set() -> &'static super::FastSet<String> {
    static SET: OnceLock<super::FastSet<String>> = OnceLock::new();
    SET.get_or_init(|| PLACES.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(key).collect())
}

/// The planets and the largest moons of the Solar System: places news writes of as such ("on
/// Mars", "probes to Titan").
const CELESTIAL: &[&str] = &[
    "mercury",
    "venus",
    "earth",
    "mars",
    "jupiter",
    "saturn",
    "uranus",
    "neptune",
    "pluto",
    "titan",
    "ganymede",
    "callisto",
    "europa",
    "enceladus",
    "triton",
];

/// Whether the gazetteer holds this name, with or without its accents: "Népal" and "Zurich"
/// are found although the list spells them "Nepal" and "Zürich" (both spellings are folded,
/// so a place written with accents in another language is matched to its English entry).
pub fn contains(name: &str) -> bool {
    let k = key(name);
    set().contains(&k)
        || CELESTIAL.contains(&k.as_str())
        || !k.is_ascii() && is_latin(&k) && folded().contains(&fold(&k))
}

/// Whether every letter is Latin (with or without accents): `deunicode` transliterates other
/// scripts, and "東京" read as "dong jing" must match nothing by accident.
fn is_latin(s: &str) -> bool {
    s.chars().all(|c| (c as u32) < 0x250 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// A key without its accents (`deunicode`), for the folded lookup only.
fn fold(key: &str) -> String {
    deunicode::deunicode(key).to_lowercase()
}

/// The gazetteer's keys without accents.
fn folded() -> &'static super::FastSet<String> {
    static SET: OnceLock<super::FastSet<String>> = OnceLock::new();
    SET.get_or_init(|| set().iter().map(|k| if k.is_ascii() { k.clone() } else { fold(k) }).collect())
}

/// Whether a one-word gazetteer name begins with `stem` and runs at most six letters further:
/// "Canad" for Canada, "Ukrain" for Ukraine (the stems of "Canadian", "Ukrainian").
pub fn has_stem(stem: &str) -> bool {
    let stem = key(stem);
    let n = stem.chars().count();
    n >= 4 && set().iter().any(|p| p.starts_with(&stem) && !p.contains(' ') && p.chars().count() <= n + 6)
}

#[cfg(test)]
mod tests {
    #[test]
    fn countries_cities_and_news_spellings_are_places() {
        for p in ["France", "U.S.", "US", "Britain", "Middle East", "Osaka", "São Paulo", "Sao Paulo", "Ohio"] {
            assert!(super::contains(p), "{p}");
        }
        assert!(!super::contains("Harbour Authority"));
    }

    #[test]
    fn places_are_found_without_their_accents_or_with_others() {
        for p in ["Népal", "Zurich", "Zürich", "Perú", "México", "Irán", "Bogota"] {
            assert!(super::contains(p), "{p}");
        }
        assert!(!super::contains("Quai") && !super::contains("Affaires"));
    }

    #[test]
    fn planets_and_large_moons_are_places() {
        for p in ["Mars", "Earth", "Titan", "Europa"] {
            assert!(super::contains(p), "{p}");
        }
    }

    #[test]
    fn a_demonyms_stem_begins_a_place() {
        assert!(super::has_stem("Canad") && super::has_stem("Keny"));
        assert!(!super::has_stem("Can") && !super::has_stem("Tollanx"));
    }
}
