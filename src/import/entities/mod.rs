//! People, organisations and places named in an article, and a few tags.
//!
//! Runs of capitalised words are the candidate names (`mentions`). Each mention's own words
//! and neighbours score its kind (`kinds`): titles and roles before people, ages and verbs of
//! saying beside them; suffixes ("Bank", "Party", "Inc.") and acronyms of organisations, and
//! the roles they employ ("analyst at …"); prepositions, place words ("Street", "province") and
//! a gazetteer of countries and large cities (`places`, from GeoNames) for places. The
//! mentions of one name are then read together (`resolve`): a surname alone is the person
//! named in full, an acronym the organisation it abbreviates, and a name seen as a person once
//! stays a person; "the Afghan X" and "the Xs" are X, two written forms of one person are one.
//! Names that are no entities are dropped: quoted names, bracketed acronyms and tickers after a
//! name, products and indexes ("Tollan 500", "the Ebb browser"), events, laws and programmes
//! ("… Awards", "… Act"), credit lines, and the article's own authors. The site's aliases
//! (`variant: canonical` in `site.yaml`) map variants to their canonical names. Tags are the
//! text's most frequent content words.

mod cues;
mod first_names;
mod kinds;
mod mentions;
mod nameless;
mod places;
mod posts;
mod resolve;
mod tags;
mod words;

use std::collections::{BTreeMap, HashMap};

use super::fast::{FastMap, FastSet};

/// The site's known spellings: lowercased variant → canonical name.
pub struct KnownNames {
    aliases: HashMap<String, String>,
}

impl KnownNames {
    pub fn new(aliases: Option<&BTreeMap<String, String>>) -> Self {
        let aliases = aliases
            .map(|a| a.iter().map(|(variant, canonical)| (variant.to_lowercase(), canonical.clone())).collect())
            .unwrap_or_default();
        KnownNames { aliases }
    }

    fn canonical(&self, name: &str) -> String {
        self.aliases.get(&name.to_lowercase()).cloned().unwrap_or_else(|| name.to_owned())
    }
}

/// What was found.
#[derive(Debug, Default, PartialEq)]
pub struct Found {
    pub people: Vec<String>,
    pub organizations: Vec<String>,
    pub places: Vec<String>,
    pub tags: Vec<String>,
}

impl Found {
    /// Drops the article's authors from its people: a byline's name in the text ("Write to Ada
    /// Quell at …", "Ada Quell contributed reporting") is a credit, not someone it is about.
    pub fn drop_authors(&mut self, authors: &[String]) {
        self.people.retain(|p| !authors.iter().any(|a| a.eq_ignore_ascii_case(p)));
    }

    /// The place a dateline names ("CALVERA, March 9 (Wire) —") is a place, whatever the
    /// text's cues made of it: "at Calvera's main port" reads like a company's.
    pub fn dateline_place(&mut self, place: &str) {
        let place = place.to_lowercase();
        let mut moved = None;
        for names in [&mut self.organizations, &mut self.people] {
            if let Some(i) = names.iter().position(|n| n.to_lowercase() == place) {
                moved = Some(names.remove(i));
            }
        }
        if let Some(name) = moved.filter(|m| !self.places.contains(m)) {
            self.places.insert(0, name);
        }
    }
}

/// Whether a name reads as an organisation's, not a person's: two words or more, the last of
/// which ends organisations' names ("Northfold Energy Cooperative", "Harbour Authority"), the
/// first no given name ("Emily Post" is a person). A byline of the publisher itself (a press
/// release's) names no author.
pub fn organisation_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return false;
    };
    let last = last.trim_end_matches(['.', ',']).to_lowercase();
    words.len() >= 2 && cues::ORG_LAST.contains(last.as_str()) && !first_names::contains(first)
}

/// The most names of each kind an article lists.
const MAX_PER_KIND: usize = 12;

/// Finds people, organisations, places and tags in a headline and text. The headline's words
/// are capitalised by style, so names are read from the text only.
pub fn find(title: &str, text: &str, names: &KnownNames) -> Found {
    let _ = title;
    let ws = words::words(text);
    let ms = mentions::mentions(&ws);
    let common = common_words(&ws);
    let mut entities = resolve::group(&ws, &ms);
    resolve::merge_sentence_openers(&mut entities, &common);
    resolve::split_trailing_acronyms(&mut entities);
    resolve::merge_qualified(&mut entities);
    resolve::merge_members(&mut entities);
    resolve::merge_short_forms(&mut entities);
    let lines: Vec<&str> = text.lines().collect();
    let lang = super::text::Lang::read(&lines).0;
    let nouns_capitalised = lang.capitalises_nouns();
    let mut by_kind: [Vec<&resolve::Entity>; 3] = Default::default();
    for e in entities.iter().filter(|e| e.count > 0) {
        if let Some(k) = resolve::kind_of(e, &common, nouns_capitalised) {
            by_kind[k].push(e);
        }
    }
    let [people, organizations, places] = by_kind;
    let (people, organizations, places) =
        (listed(people, names, true), listed(organizations, names, false), listed(places, names, false));
    let tags = tags::of(text, lang.code() == "en", &people, &organizations, &places);
    Found { people, organizations, places, tags }
}

/// The words the text writes in lower case (lowercased whole: "iPhone" → "iphone"). A word
/// in ASCII lower case already is its own lowercase: it is looked up before it is copied.
fn common_words(ws: &[words::Word]) -> FastSet<String> {
    let mut common = FastSet::default();
    for w in ws.iter().map(|w| w.core).filter(|c| c.starts_with(char::is_lowercase)) {
        if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
            if !common.contains(w) {
                common.insert(w.to_owned());
            }
        } else {
            common.insert(w.to_lowercase());
        }
    }
    common
}

/// The names of one kind, most mentioned first. Two written forms of one person ("Pat
/// Carlineo" after "Patrick W. Carlineo Jr.") are listed once.
fn listed(mut v: Vec<&resolve::Entity>, names: &KnownNames, people: bool) -> Vec<String> {
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
    let mut out: Vec<String> = Vec::new();
    let mut kept: Vec<&resolve::Entity> = Vec::new();
    for e in v.into_iter().take(MAX_PER_KIND) {
        if people && kept.iter().any(|k| resolve::same_person(&k.words, &e.words)) {
            continue;
        }
        kept.push(e);
        let n = names.canonical(&e.display);
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_names_are_no_peoples() {
        assert!(organisation_name("Northfold Energy Cooperative"));
        assert!(organisation_name("Tollan Harbour Authority"));
        assert!(!organisation_name("Emily Post"));
        assert!(!organisation_name("Mette Kjærgaard"));
        assert!(!organisation_name("Authority"));
    }

    #[test]
    fn finds_people_organisations_and_places() {
        let text = "The Harbour Authority met on Monday in Portvale. Minister Ada Quell said the plan was sound. \
                    Quell added that the NRA would review it. Workers in Portvale welcomed the harbour plan, \
                    and the board backed the budget, a bigger budget than the last budget.";
        let mut aliases = BTreeMap::new();
        aliases.insert("NRA".to_owned(), "National Rail Agency".to_owned());
        let f = find("t", text, &KnownNames::new(Some(&aliases)));
        assert_eq!(f.people, ["Ada Quell"]);
        assert!(f.organizations.contains(&"Harbour Authority".to_owned()), "{f:?}");
        assert!(f.organizations.contains(&"National Rail Agency".to_owned()), "{f:?}");
        assert_eq!(f.places, ["Portvale"]);
        // Words of names are not tags.
        assert_eq!(f.tags, ["budget"]);
    }

    fn kinds(text: &str) -> Found {
        find("", text, &KnownNames::new(None))
    }

    #[test]
    fn entity_kinds_follow_the_articles_own_cues() {
        let f = kinds(
            "Shares of Veltrana fell in Hong Kong on Tuesday after the chipmaker warned on profits. \
             Hong Kong traders said Veltrana, which is based in Shenzhen, had been expected to grow. \
             Analyst Mira Okonjo of Daybreak Capital said the warning was a surprise. \
             Okonjo added that Veltrana shares could fall further. \
             The company's founder, Tomas Ferreira, 58, said he would not sell.",
        );
        assert_eq!(f.people, ["Mira Okonjo", "Tomas Ferreira"]);
        assert!(
            f.organizations.contains(&"Veltrana".to_owned())
                && f.organizations.contains(&"Daybreak Capital".to_owned()),
            "{f:?}"
        );
        assert!(f.places.contains(&"Hong Kong".to_owned()) && f.places.contains(&"Shenzhen".to_owned()), "{f:?}");
        assert!(!f.people.contains(&"Hong Kong".to_owned()) && !f.places.contains(&"Veltrana".to_owned()));
    }

    #[test]
    fn a_one_word_source_of_news_is_an_organisation() {
        // Each named once, with no suffix or role: only where the news came from tells the kind.
        let f = kinds(
            "Grain prices rose on Friday, according to Quillfeed, after Marrowline reported a poor \
             harvest. The farm minister later posted on Chirrup that stocks were sufficient, and a \
             trader told Pellbrook that the figures had come late.",
        );
        assert_eq!(f.organizations, ["Quillfeed", "Marrowline", "Chirrup", "Pellbrook"]);
        assert!(f.people.is_empty() && f.places.is_empty(), "{f:?}");
        // A first name or a known place in the same spot keeps its own kind.
        let f = kinds("The fire spread fast, according to Maria, and Rome reported no injuries on Sunday.");
        assert!(f.organizations.is_empty(), "{f:?}");
    }

    #[test]
    fn roles_and_verbs_of_saying_name_people_in_other_languages_too() {
        // Names in none of the given-name lists: only the role before the comma, or the verb
        // of saying, tells that a person is named.
        let f = kinds(
            "Los precios bajaron en marzo, explicó el presidente de la cooperativa, Quirós Albarrán. \
             \"Es una buena noticia\", dijo Teodora Villamil en la feria de Tollan.",
        );
        assert_eq!(f.people, ["Quirós Albarrán", "Teodora Villamil"], "{f:?}");
        let f = kinds("The harbour will reopen in June, the port's chief executive, Oskar Vellend, told the council.");
        assert_eq!(f.people, ["Oskar Vellend"], "{f:?}");
        assert!(first_names::contains("Andrés"), "a given name with its accent");
    }

    #[test]
    fn the_dateline_place_moves_to_the_places() {
        let mut f = Found { organizations: vec!["Calvera".into(), "Quillfeed".into()], ..Found::default() };
        f.dateline_place("CALVERA");
        assert_eq!((f.organizations, f.places), (vec!["Quillfeed".to_owned()], vec!["Calvera".to_owned()]));
        let mut f = Found { people: vec!["Ada Quell".into()], ..Found::default() };
        f.dateline_place("TOLLAN");
        assert_eq!((f.people.len(), f.places.len()), (1, 0), "a place the text does not name is not added");
    }

    #[test]
    fn a_capitalised_noun_of_german_is_no_organisation() {
        // In English a word capitalised inside sentences again and again is most often a body's
        // name; German capitalises every noun.
        let f = kinds(
            "Die Brücke wird für den gesamten Verkehr gesperrt, teilte die Stadtverwaltung mit. Wir können \
             die Sicherheit unter Verkehr nicht mehr garantieren, sagte der Baudezernent. Der Verkehr soll \
             über die Nordbrücke fließen, und die Stadt prüft eine Entschädigung für die Betriebe am Hafen.",
        );
        assert!(f.organizations.is_empty(), "{f:?}");
        assert!(!f.tags.iter().any(|t| t == "mehr"), "{f:?}");
        let f = kinds(
            "The bridge will close to all traffic, the city said, and Quillfeed will run the buses. Drivers \
             can ask Quillfeed for a timetable, and the council said Quillfeed had done such work before.",
        );
        assert_eq!(f.organizations, ["Quillfeed"]);
    }

    #[test]
    fn a_title_after_a_prefix_is_still_a_title() {
        let f = kinds(
            "Ex-minister Pavlo Hrytsenko said the deal was weak. The plan was drawn up under \
             then-President Amara Veldt and signed by vice-premier Osk Taavet.",
        );
        assert_eq!(f.people, ["Pavlo Hrytsenko", "Amara Veldt", "Osk Taavet"]);
        assert!(f.organizations.is_empty() && f.places.is_empty(), "{f:?}");
    }

    #[test]
    fn fragments_posts_and_spelt_out_acronyms_are_no_entities() {
        let f = kinds(
            "Envoy Sal Brennick said the pact would work like NATO’s Article 5 clause, \
             and the Research and Advocacy Director for the region agreed. \
             Doctors found bronchial fibrosis, or BF, in the patient from Osaka.",
        );
        assert_eq!(f.people, ["Sal Brennick"]);
        assert_eq!(f.organizations, ["NATO"]);
        assert_eq!(f.places, ["Osaka"]);
    }

    #[test]
    fn a_person_seen_once_stays_a_person() {
        // "Kessler" alone after "at" would look like a place; the full name with a role makes it
        // a person everywhere.
        let f = kinds(
            "Coach Dana Kessler praised the defence on Sunday. The crowd cheered at Kessler as the team \
             left, and Kessler said the win was earned.",
        );
        assert_eq!(f.people, ["Dana Kessler"]);
        assert!(f.places.is_empty() && f.organizations.is_empty(), "{f:?}");
    }

    #[test]
    fn authors_are_no_people_of_their_article() {
        let mut f = Found { people: vec!["Lena Obi".to_owned(), "Ravi Tamm".to_owned()], ..Found::default() };
        f.drop_authors(&["RAVI TAMM".to_owned()]);
        assert_eq!(f.people, ["Lena Obi"]);
    }

    #[test]
    fn a_nations_adjective_before_a_name_is_the_same_body() {
        let f = kinds(
            "The Ruvanian Tollan Brigade said on Monday it had taken the town. The Ruvanian government \
             blamed the Tollan Brigade for the attack, and Tollan Brigade fighters were seen near the river.",
        );
        assert_eq!(f.organizations, ["Tollan Brigade"]);
    }

    #[test]
    fn two_written_forms_of_one_person_are_listed_once() {
        let f = kinds(
            "Patrick W. Vellano Jr., 41, was sentenced on Monday. His lawyer said Pat Vellano regrets \
             it, and Vellano declined to speak.",
        );
        assert_eq!(f.people, ["Patrick W. Vellano Jr."]);
    }

    #[test]
    fn product_and_index_names_are_no_organisations() {
        let f = kinds(
            "Shares rose as the QRX 500 gained 2%. Testers said the Orvia browser crashed often, \
             and the Orvia browser update did not help.",
        );
        assert!(f.organizations.is_empty(), "{f:?}");
    }

    #[test]
    fn where_someone_lives_is_a_place() {
        let f = kinds("Police arrested Dana Orly, 34, of Quenby, and Tomas Vell, 29, of 12 Harlow St., on Monday.");
        assert!(f.places.contains(&"Quenby".to_owned()) && f.places.contains(&"Harlow St.".to_owned()), "{f:?}");
    }

    #[test]
    fn the_area_of_a_name_is_a_place() {
        let f = kinds("Fighters raided a base in the Ebbrin area of Quostan on Monday.");
        assert!(f.places.contains(&"Quostan".to_owned()), "{f:?}");
    }

    #[test]
    fn a_position_before_a_player_is_a_title() {
        let f = kinds("Tollan Rovers DL Bo Ferrant was suspended on Monday. Later Ferrant said he would appeal.");
        assert_eq!(f.people, ["Bo Ferrant"]);
    }

    #[test]
    fn someone_working_for_a_name_names_an_organisation() {
        let f = kinds("After the vote, Ada Quell left politics, and she now works for Brindlecourt.");
        assert_eq!(f.organizations, ["Brindlecourt"]);
    }

    #[test]
    fn a_trailing_acronym_written_alone_elsewhere_is_split_off() {
        let f = kinds(
            "Ebb Sports QFL Insider Rhea Castell reported that the QFL will fine the club. \
             The QFL said on Monday that it would review the case.",
        );
        assert!(f.organizations.contains(&"Ebb Sports".to_owned()), "{f:?}");
        assert!(f.organizations.contains(&"QFL".to_owned()), "{f:?}");
    }

    #[test]
    fn events_laws_and_programmes_are_no_entities() {
        let f = kinds(
            "Singer Mara Dunleavy will perform at the Tollan Music Awards on Sunday, after the \
             Clean Harbour Act passed. Dunleavy joined the Ebb Exchange Programme in Quenby province.",
        );
        assert_eq!(f.people, ["Mara Dunleavy"]);
        assert!(f.organizations.is_empty(), "{f:?}");
        assert_eq!(f.places, ["Quenby"]);
    }

    #[test]
    fn a_plural_of_a_partys_first_word_is_the_party() {
        let f = kinds(
            "The Verdant Party won four seats on Monday. Leader Ada Quell said the Verdants would \
             keep their promises, and the Verdants celebrated in Quenby province.",
        );
        assert_eq!(f.organizations, ["Verdant Party"]);
    }

    fn all_names(f: &Found) -> Vec<String> {
        f.people.iter().chain(&f.organizations).chain(&f.places).cloned().collect()
    }

    #[test]
    fn contractions_and_leading_connectors_are_no_names() {
        let f = kinds(
            "I’m sure, said Ada Quell, VP of Sales at Tollan Mills. I’ve seen it and I’d do it again, \
             Quell told Ebbwick Radio.",
        );
        let names = all_names(&f);
        assert!(!names.iter().any(|n| n.contains('’') || n.starts_with("of ")), "{f:?}");
        assert!(f.people.contains(&"Ada Quell".to_owned()), "{f:?}");
    }

    #[test]
    fn a_shouted_heading_is_no_person() {
        let f = kinds("Senator Ada Quell spoke on Monday. WILL QUELL RUN AGAIN? Quell said she would decide soon.");
        assert_eq!(f.people, ["Ada Quell"]);
    }

    #[test]
    fn a_name_holding_a_bodys_word_is_no_person() {
        let f = kinds("The ruling was signed by Deputy Ebbwick Council on Monday, and Ebbwick Council said so.");
        assert!(f.people.is_empty(), "{f:?}");
        assert_eq!(f.organizations, ["Ebbwick Council"]);
    }

    #[test]
    fn a_common_word_opening_a_sentence_is_no_part_of_the_name_after_it() {
        let f = kinds(
            "Analysts at Tollan say the firm is comfortable. Comfortable Tollan may be, but its shares \
             fell, and Tollan cut jobs.",
        );
        assert!(!all_names(&f).iter().any(|n| n.starts_with("Comfortable")), "{f:?}");
    }

    #[test]
    fn a_word_made_from_a_places_name_is_no_entity() {
        let f = kinds(
            "Ada Quell flew to Kenya. The Kenyan government met her, and Kenyan officials said a Kenyan lab agreed.",
        );
        assert!(!all_names(&f).iter().any(|n| n.starts_with("Kenyan")), "{f:?}");
    }

    #[test]
    fn a_place_before_a_title_is_no_employer() {
        let f = kinds("Norway President Ada Quell spoke. Later, Norway Minister Dana Lind agreed.");
        assert!(f.organizations.is_empty(), "{f:?}");
        assert_eq!(f.places, ["Norway"]);
    }

    #[test]
    fn a_titled_persons_first_word_alone_is_that_person() {
        let f = kinds("President Xu Tollan met officials on Monday. Critics said Xu had failed, and Xu denied it.");
        assert_eq!(f.people, ["Xu Tollan"]);
        assert!(f.organizations.is_empty(), "{f:?}");
    }

    #[test]
    fn a_body_named_only_in_capitals_is_no_organisation() {
        let f = kinds(
            "Ada Quell said the deal would close. EBBWICK QUARRY CORP. fell on Monday. TOLLAN MILLS INC. rose, \
             and Tollan Mills Inc. said so.",
        );
        assert_eq!(f.organizations, ["Tollan Mills Inc."]);
    }

    #[test]
    fn a_post_over_a_district_is_no_organisations() {
        let f = kinds("Dana Lind, the commander of Ebbrin district, said the streets were calm.");
        assert!(f.organizations.is_empty(), "{f:?}");
        assert_eq!(f.places, ["Ebbrin"]);
    }

    #[test]
    fn a_lone_first_name_is_no_organisation() {
        let f = kinds(
            "Later, Dana told reporters he agreed. Ebbwick officials said Dana had left, and Dana did not reply.",
        );
        assert!(!f.organizations.contains(&"Dana".to_owned()), "{f:?}");
    }
}
