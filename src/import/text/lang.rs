//! The language of a scrape, guessed from its function words, and the share of a line's words
//! that are function words of that language.
//!
//! Article prose is full of function words ("the", "of", "que", "und"); menus, headline lists
//! and tag clouds are not, and furniture in another language than the article (an English
//! cookie notice on an Italian page) has none of the article's. The lists are short, written
//! for this purpose: the most frequent articles, pronouns, prepositions and auxiliaries of each
//! language. Scripts written without spaces (Chinese, Japanese) are judged by their particles.

/// Function words of the languages the guess knows, each list lower-case.
const LISTS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "at", "by", "with", "from", "is", "are",
            "was", "were", "be", "been", "as", "it", "its", "this", "that", "these", "those", "has", "have", "had",
            "not", "but", "he", "she", "they", "we", "his", "her", "their", "our", "i", "you", "will", "would", "can",
            "could", "said", "says", "after", "over", "into", "than", "about", "who", "which", "what", "when", "there",
            "if", "so", "also", "no", "all", "more", "one",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "oder", "zu", "in", "im", "auf", "für", "mit", "von", "ist", "sind", "war",
            "waren", "ein", "eine", "einen", "dem", "den", "des", "nicht", "sich", "es", "er", "sie", "wir", "ich",
            "auch", "als", "wie", "bei", "aus", "nach", "an", "am", "noch", "nur", "so", "dass", "wird", "werden",
            "hat", "haben", "zum", "zur", "über", "mehr",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "ou", "de", "du", "des", "un", "une", "en", "dans", "sur", "pour", "par", "avec",
            "est", "sont", "était", "il", "elle", "ils", "nous", "je", "vous", "ne", "pas", "que", "qui", "au", "aux",
            "ce", "cette", "son", "sa", "ses", "plus", "été", "se", "leur", "mais", "comme", "a",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "y", "o", "de", "del", "en", "un", "una", "por", "para", "con", "es", "son",
            "fue", "era", "se", "que", "no", "al", "lo", "su", "sus", "como", "más", "pero", "este", "esta", "ha",
            "han", "le", "muy", "sin", "sobre", "entre",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "la", "i", "gli", "le", "e", "o", "di", "del", "della", "dei", "in", "un", "una", "per", "con",
            "è", "sono", "era", "che", "non", "si", "al", "alla", "da", "dal", "ha", "hanno", "come", "più", "ma",
            "anche", "questo", "questa", "suo", "sua", "nel", "nella",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "as", "e", "ou", "de", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "um",
            "uma", "por", "para", "com", "é", "são", "foi", "que", "não", "se", "ao", "à", "seu", "sua", "como",
            "mais", "mas", "este", "esta", "também", "ele", "ela", "pelo", "pela",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "of", "van", "in", "op", "voor", "met", "door", "is", "zijn", "was", "waren",
            "niet", "dat", "die", "deze", "dit", "er", "hij", "zij", "we", "ik", "je", "ook", "als", "aan", "bij",
            "om", "te", "naar", "maar", "heeft", "wordt",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ke", "dari", "untuk", "dengan", "ini", "itu", "adalah", "tidak", "pada", "dalam",
            "akan", "juga", "oleh", "atau", "karena", "sudah", "ada", "mereka", "kami", "kita", "saya", "ia", "bahwa",
            "telah",
        ],
    ),
    (
        "ru",
        &[
            "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "она", "они", "мы", "я", "а", "но", "к", "у",
            "из", "за", "от", "о", "же", "то", "все", "так", "его", "ее", "был", "была", "были", "бы", "для",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "nie", "na", "się", "z", "że", "do", "to", "jest", "o", "jak", "ale", "po", "od", "za", "jego",
            "jej", "oraz", "był", "była", "przez", "dla", "tak", "już",
        ],
    ),
    (
        "sv",
        &[
            "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de", "inte",
            "om", "ett", "han", "hon", "men", "var", "jag", "vi", "så", "från",
        ],
    ),
    (
        "cs",
        &[
            "a", "v", "ve", "na", "je", "se", "z", "ze", "s", "do", "to", "že", "o", "k", "ke", "pro", "by", "jsou",
            "byl", "byla", "bylo", "jako", "ale", "od", "po", "za", "jeho", "její", "který", "která", "které", "také",
            "už", "jen", "při", "podle", "nebo", "není", "bude", "ani", "i", "tak",
        ],
    ),
    (
        "sk",
        &[
            "a", "v", "vo", "na", "je", "sa", "z", "zo", "s", "do", "to", "že", "o", "k", "pre", "by", "sú", "bol",
            "bola", "bolo", "ako", "ale", "od", "po", "za", "jeho", "jej", "ktorý", "ktorá", "ktoré", "tiež", "už",
            "len", "pri", "podľa", "alebo", "nie", "bude", "aj", "tak",
        ],
    ),
    (
        "ro",
        &[
            "și", "şi", "în", "la", "de", "cu", "pe", "din", "că", "un", "o", "nu", "se", "a", "al", "ale", "lui",
            "mai", "pentru", "este", "sunt", "fost", "au", "iar", "dar", "sau", "acest", "această", "după", "despre",
            "prin", "până", "fi", "va", "vor", "ca", "într",
        ],
    ),
    (
        "tr",
        &[
            "ve",
            "bir",
            "bu",
            "da",
            "de",
            "ile",
            "için",
            "olarak",
            "olan",
            "gibi",
            "daha",
            "çok",
            "en",
            "ne",
            "ama",
            "her",
            "o",
            "ki",
            "mi",
            "sonra",
            "kadar",
            "değil",
            "ise",
            "veya",
            "şu",
            "tarafından",
            "göre",
            "olduğu",
            "oldu",
        ],
    ),
    (
        "da",
        &[
            "og", "i", "at", "det", "som", "en", "på", "er", "af", "for", "med", "til", "den", "har", "de", "ikke",
            "om", "et", "han", "hun", "men", "var", "jeg", "vi", "så", "fra", "der", "blev", "være", "kan", "skal",
            "vil", "efter", "også", "eller", "når", "sig", "hvor", "deres",
        ],
    ),
    (
        "no",
        &[
            "og", "i", "at", "det", "som", "en", "på", "er", "av", "for", "med", "til", "den", "har", "de", "ikke",
            "om", "et", "han", "hun", "men", "var", "jeg", "vi", "så", "fra", "ble", "være", "kan", "skal", "vil",
            "etter", "også", "eller", "når", "seg", "hvor", "deres",
        ],
    ),
    (
        "fi",
        &[
            "ja", "on", "ei", "että", "se", "hän", "oli", "ovat", "mutta", "tai", "kun", "myös", "jo", "vain", "sekä",
            "kuin", "mukaan", "joka", "jonka", "ole", "olla", "tämä", "nyt", "niin", "sen", "hänen", "he", "me",
        ],
    ),
    (
        "el",
        &[
            "και",
            "το",
            "η",
            "ο",
            "του",
            "της",
            "των",
            "τα",
            "οι",
            "τον",
            "την",
            "σε",
            "στο",
            "στη",
            "στην",
            "στον",
            "με",
            "για",
            "από",
            "που",
            "να",
            "θα",
            "είναι",
            "δεν",
            "ένα",
            "μια",
            "ότι",
            "ως",
            "στα",
            "στις",
            "στους",
            "τις",
            "τους",
            "αλλά",
            "ή",
        ],
    ),
    (
        "hu",
        &[
            "a", "az", "és", "hogy", "nem", "is", "egy", "van", "volt", "meg", "de", "csak", "már", "mint", "még",
            "ez", "azt", "ha", "vagy", "el", "fel", "pedig", "lesz", "szerint", "után", "között", "kell", "most",
        ],
    ),
    (
        "hr",
        &[
            "i", "u", "je", "se", "na", "da", "su", "za", "od", "s", "sa", "o", "a", "iz", "do", "to", "ne", "koji",
            "koja", "koje", "kao", "ali", "bi", "biti", "će", "što", "ili", "po", "te", "još", "bio", "bila", "nakon",
            "prema",
        ],
    ),
    (
        "uk",
        &[
            "і",
            "й",
            "в",
            "у",
            "на",
            "що",
            "з",
            "до",
            "не",
            "та",
            "як",
            "це",
            "за",
            "від",
            "по",
            "для",
            "але",
            "він",
            "вона",
            "вони",
            "ми",
            "я",
            "його",
            "її",
            "був",
            "була",
            "було",
            "про",
            "також",
            "який",
            "яка",
            "які",
        ],
    ),
    (
        "vi",
        &[
            "và", "của", "là", "các", "những", "được", "trong", "cho", "với", "có", "không", "đã", "này", "một", "khi",
            "để", "từ", "theo", "về", "sẽ", "đến", "cũng", "nhưng", "ra",
        ],
    ),
    (
        "ca",
        &[
            "el", "la", "els", "les", "i", "de", "del", "dels", "que", "amb", "per", "és", "un", "una", "en", "als",
            "al", "va", "no", "es", "a", "ha", "han", "però", "com", "més", "seu", "seva", "aquest", "aquesta",
            "també", "són",
        ],
    ),
];

// Each word's languages are the bits of a `u32`.
const _: () = assert!(LISTS.len() <= 32);

/// Particles of Chinese and Japanese: the function "words" of scripts without spaces.
const PARTICLES: &str = "のにはをたがでてとしもなるかす的了是在和有我他这不";

/// Each function word with the languages (bits, in the order of [`LISTS`]) that have it.
fn table() -> &'static foldhash::HashMap<&'static str, u32> {
    static TABLE: std::sync::LazyLock<foldhash::HashMap<&'static str, u32>> = std::sync::LazyLock::new(|| {
        let mut t: foldhash::HashMap<&'static str, u32> = foldhash::HashMap::default();
        for (i, (_, list)) in LISTS.iter().enumerate() {
            for w in *list {
                *t.entry(w).or_default() |= 1 << i;
            }
        }
        t
    });
    &TABLE
}

/// The languages (bits) that have a word as a function word; the word is lower-cased into `buf`.
fn bits(word: &str, buf: &mut String) -> u32 {
    buf.clear();
    buf.extend(word.chars().flat_map(char::to_lowercase));
    table().get(buf.as_str()).copied().unwrap_or(0)
}

/// The guessed language of a text: one of the languages whose function words this module
/// lists, or CJK text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Spaced(usize),
    Cjk,
}

impl Lang {
    /// The language of `lines` (the one whose function words cover most of their words; CJK
    /// when most letters are; English when nothing matches) and the share of each line's words
    /// that are its function words ([`Lang::stop_share`]), in one pass over the words.
    pub fn read<S: AsRef<str>>(lines: &[S]) -> (Lang, Vec<f32>) {
        let mut buf = String::new();
        let mut per_line: Vec<(usize, [u16; LISTS.len()])> = Vec::with_capacity(lines.len());
        let (mut cjk, mut words) = (0usize, 0usize);
        let mut totals = [0usize; LISTS.len()];
        for line in lines {
            let (mut n, mut hits) = (0usize, [0u16; LISTS.len()]);
            let line = line.as_ref();
            for w in super::super::debris::words(line) {
                n += 1;
                // Only the languages that have the word: most words are in none.
                let mut b = bits(w, &mut buf);
                while b != 0 {
                    let i = b.trailing_zeros() as usize;
                    hits[i] = hits[i].saturating_add(1);
                    b &= b - 1;
                }
            }
            for (t, h) in totals.iter_mut().zip(hits) {
                *t += usize::from(h);
            }
            words += n;
            cjk += line.chars().filter(|&c| is_cjk(c)).count();
            per_line.push((n, hits));
        }
        let lang = if cjk > words {
            Lang::Cjk
        } else {
            Lang::Spaced((0..LISTS.len()).fold(0, |b, i| if totals[i] > totals[b] { i } else { b }))
        };
        let shares = match lang {
            Lang::Spaced(k) => per_line.iter().map(|(n, hits)| f32::from(hits[k]) / (*n).max(1) as f32).collect(),
            Lang::Cjk => lines.iter().map(|l| lang.stop_share(l.as_ref())).collect(),
        };
        (lang, shares)
    }

    /// Whether the language capitalises its common nouns (German): a word capitalised inside
    /// sentences says nothing of a name there.
    pub fn capitalises_nouns(self) -> bool {
        self.code() == "de"
    }

    /// The language's code (`en`, `de`, … or `cjk`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Spaced(i) => LISTS[i].0,
            Lang::Cjk => "cjk",
        }
    }

    /// The share of a line's words that are function words of this language (for CJK text, the
    /// share of its letters that are particles).
    pub fn stop_share(self, line: &str) -> f32 {
        match self {
            Lang::Cjk => {
                let letters = line.chars().filter(|c| c.is_alphabetic()).count();
                let particles = line.chars().filter(|&c| PARTICLES.contains(c)).count();
                particles as f32 / letters.max(1) as f32
            }
            Lang::Spaced(i) => {
                let (mut n, mut stop) = (0usize, 0usize);
                let mut buf = String::new();
                for w in super::super::debris::words(line) {
                    n += 1;
                    stop += usize::from(bits(w, &mut buf) >> i & 1 == 1);
                }
                stop as f32 / n.max(1) as f32
            }
        }
    }

    /// Whether a lower-cased word is a function word of this language.
    pub fn is_stop(self, lower: &str) -> bool {
        match self {
            Lang::Spaced(i) => table().get(lower).is_some_and(|b| b >> i & 1 == 1),
            Lang::Cjk => false,
        }
    }
}

/// Whether a lower-cased word is a function word of any language the guess knows ("eine",
/// "más", "dans"): never a topic of an article, whatever its language.
pub fn is_function_word(lower: &str) -> bool {
    table().contains_key(lower)
}

/// A letter of the CJK scripts (and others written without spaces).
pub fn is_cjk(c: char) -> bool {
    c.is_alphabetic() && (c as u32) >= 0x2E80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_told_apart_by_their_function_words() {
        let guess = |t: &str| Lang::read(&[t.to_owned()]).0.code();
        assert_eq!(guess("The council said that the bridge will be closed for the winter."), "en");
        assert_eq!(guess("Der Rat hat gesagt, dass die Brücke im Winter nicht offen ist."), "de");
        assert_eq!(guess("Il consiglio ha detto che il ponte sarà chiuso per la stagione."), "it");
        assert_eq!(guess("O conselho disse que a ponte não vai abrir para os carros."), "pt");
        assert_eq!(guess("橋は冬の間に閉鎖されると市議会が発表した。"), "cjk");
        assert_eq!(guess("Consiliul a anunțat că podul va fi închis în timpul iernii pentru lucrări."), "ro");
        assert_eq!(guess("Rada oznámila, že most bude v zimě uzavřen a že se oprava protáhne."), "cs");
        assert_eq!(guess("Belediye, köprünün kış boyunca bakım için kapalı olacağını bir açıklama ile duyurdu."), "tr");
        assert_eq!(guess("Kommunen har besluttet, at broen skal være lukket i vinter, og det er ikke populært."), "da");
        assert_eq!(guess("Kunta ilmoitti, että silta on suljettu talven ajan ja se avataan keväällä."), "fi");
        let en = Lang::read(&["the and of".to_owned()]).0;
        assert!(en.stop_share("The bridge and the river") > 0.3);
        assert!(en.stop_share("Bridge River Ferry") < 0.01);
        // The shares of one pass are the shares of each line.
        let lines: Vec<String> =
            ["Der Rat hat gesagt, dass die Brücke im Winter zu ist.", "Menü Suche"].map(String::from).to_vec();
        let (lang, shares) = Lang::read(&lines);
        assert_eq!(lang.code(), "de");
        assert_eq!(shares, lines.iter().map(|l| lang.stop_share(l)).collect::<Vec<_>>());
    }
}
