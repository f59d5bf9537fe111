//! The words of public posts written before a name: portfolios and ranks that qualify a title
//! ("Prime Minister", "Foreign Secretary", "Trade Representative"). With them the title is
//! the whole post, and what stands before it ("Indian", "US") is a nation, not an employer.

/// Titles that take a portfolio or rank before them.
const QUALIFIED: &[&str] = &[
    "minister",
    "secretary",
    "representative",
    "ambassador",
    "envoy",
    "adviser",
    "advisor",
    "commissioner",
    "chancellor",
    "attorney",
    "general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Portfolios and ranks ("Prime", "Foreign", "Deputy"): all lowercase.
const QUALIFIERS: &[&str] = &[
    "prime",
    "foreign",
    "defence",
    "defense",
    "trade",
    "finance",
    "interior",
    "home",
    "health",
    "treasury",
    "commerce",
    "justice",
    "education",
    "transport",
    "transportation",
    "labor",
    "labour",
    "agriculture",
    "environment",
    "economy",
    "energy",
    "state",
    "homeland",
    "security",
    "deputy",
    "vice",
    "assistant",
    "acting",
    "junior",
    "shadow",
    "cabinet",
    "chief",
    "senior",
    "special",
    "national",
];

/// Whether `title` (lowercase, no point) takes qualifiers before it.
pub fn takes_qualifier(title: &str) -> bool {
    QUALIFIED.contains(&title)
}

/// Whether `word` (lowercase, no point) is a portfolio or rank qualifying a title.
pub fn is_qualifier(word: &str) -> bool {
    QUALIFIERS.contains(&word)
}

#[cfg(test)]
mod tests {
    #[test]
    fn portfolios_qualify_government_titles_only() {
        assert!(super::takes_qualifier("minister") && super::is_qualifier("prime"));
        assert!(!super::takes_qualifier("ceo") && !super::is_qualifier("tollan"));
    }
}
