//! An article's tags: the content words it uses most that are not part of a name it mentions.

use std::borrow::Cow;

use crate::import::fast::FastMap;

/// Tags: frequent content words that are not part of a name. In English a plural and its
/// singular are one tag, named in the singular ("voters" → "voter", "countries" → "country"),
/// so articles that say either meet on one tag page; in other languages, whose plurals these
/// rules do not know, a tag is the word as written ("français").
pub(super) fn of(
    text: &str,
    english: bool,
    people: &[String],
    organizations: &[String],
    places: &[String],
) -> Vec<String> {
    let mut freq: FastMap<String, usize> = FastMap::default();
    super::super::topics::for_each_token_and_word(text, |_, word| {
        // Four letters or more, and no function word of any language (the article may not be
        // English: "eine", "más", "pour" are frequent everywhere).
        let long = word.chars().nth(3).is_some();
        if long && word.chars().all(|c| c.is_alphabetic()) && !super::super::text::is_function_word(word) {
            let key = if english { singular(word) } else { Cow::Borrowed(word) };
            match freq.get_mut(key.as_ref()) {
                Some(n) => *n += 1,
                None => {
                    freq.insert(key.into_owned(), 1);
                }
            }
        }
    });
    let lower_names: Vec<String> = people.iter().chain(organizations).chain(places).map(|n| n.to_lowercase()).collect();
    let mut tags: Vec<(String, usize)> =
        freq.into_iter().filter(|(t, c)| *c >= 3 && !lower_names.iter().any(|n| n.contains(t.as_str()))).collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    tags.into_iter().take(3).map(|(t, _)| t).collect()
}

/// An English plural's singular by the regular rules; other words as they are. Words ending in
/// "ss", "us", "is", "as" or "os" are no plurals of this kind ("crisis", "virus", "christmas"),
/// and "-ies" stays: "countries" but also "series", "calories" and "movies".
fn singular(word: &str) -> Cow<'_, str> {
    let kept = ["ss", "us", "is", "as", "os", "ies"].iter().any(|x| word.ends_with(x));
    let Some(one) = word.strip_suffix('s').filter(|_| word.chars().count() > 4 && !kept) else {
        return Cow::Borrowed(word);
    };
    let sibilant = |stem: &str| ["sh", "ch", "x", "z", "ss"].iter().any(|x| stem.ends_with(x));
    Cow::Borrowed(one.strip_suffix('e').filter(|stem| sibilant(stem)).unwrap_or(one))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_no_function_words_of_any_language() {
        let es = "El puerto cerró el año con más contenedores. La grúa más nueva llegó en marzo, y la grúa \
                  vieja se vendió. Los vecinos piden más silencio porque la grúa trabaja de noche.";
        assert_eq!(of(es, false, &[], &[], &[]), ["grúa"]);
        let de = "Eine Fähre fährt wieder. Die Fähre hatte eine Panne, und eine neue Schraube kam aus Kiel. \
                  Die Fähre ist nun eine Woche früher zurück.";
        assert_eq!(of(de, false, &[], &[], &[]), ["fähre"]);
    }

    #[test]
    fn a_tag_is_a_word_of_the_article_not_a_stem() {
        let fr = "Les pêcheurs français attendent. Un navire français est rentré, et le port français \
                  reste fermé aux bateaux.";
        assert_eq!(of(fr, false, &[], &[], &[]), ["français"]);
        let en = "The voters met. Two voters said no; a third voter said yes. The crisis, the crisis \
                  and the crisis.";
        assert_eq!(of(en, true, &[], &[], &[]), ["crisis", "voter"]);
    }

    #[test]
    fn english_plurals_are_named_in_the_singular() {
        for (plural, one) in [("voters", "voter"), ("taxes", "tax"), ("churches", "church"), ("cafés", "café")] {
            assert_eq!(singular(plural), one);
        }
        for word in ["crisis", "virus", "christmas", "chaos", "glass", "news", "series", "countries"] {
            assert_eq!(singular(word), word, "{word}");
        }
    }
}
