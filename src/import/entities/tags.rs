//! An article's tags: the content words it uses most that are not part of a name it mentions.

use crate::import::fast::FastMap;

/// Tags: frequent content words that are not part of a name.
pub(super) fn of(text: &str, people: &[String], organizations: &[String], places: &[String]) -> Vec<String> {
    let mut freq: FastMap<String, usize> = FastMap::default();
    super::super::topics::for_each_token(text, |t| {
        // Four letters or more, and no function word of any language (the article may not be
        // English: "eine", "más", "pour" are frequent everywhere).
        let long = t.chars().nth(3).is_some();
        if long && t.chars().all(|c| c.is_alphabetic()) && !super::super::text::is_function_word(t) {
            match freq.get_mut(t) {
                Some(n) => *n += 1,
                None => {
                    freq.insert(t.to_owned(), 1);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_no_function_words_of_any_language() {
        let es = "El puerto cerró el año con más contenedores. La grúa más nueva llegó en marzo, y la grúa \
                  vieja se vendió. Los vecinos piden más silencio porque la grúa trabaja de noche.";
        assert_eq!(of(es, &[], &[], &[]), ["grúa"]);
        let de = "Eine Fähre fährt wieder. Die Fähre hatte eine Panne, und eine neue Schraube kam aus Kiel. \
                  Die Fähre ist nun eine Woche früher zurück.";
        assert_eq!(of(de, &[], &[], &[]), ["fähre"]);
    }
}
