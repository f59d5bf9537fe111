//! The small word lists of furniture ("share", "subscribe"…), the reader addressed,
//! first-person words, credits and labels that point to other articles, in a few languages: a
//! prior, not a list of any site's phrases. `shapes.rs` reads lines' shapes over them and the
//! `features` module counts them.

/// Words of page furniture, in a few languages: a prior, not a list of any site's phrases.
pub(super) const PRIOR: &[&str] = &[
    "share",
    "subscribe",
    "subscription",
    "cookie",
    "cookies",
    "advertisement",
    "advertising",
    "newsletter",
    "sign",
    "login",
    "log",
    "menu",
    "comment",
    "comments",
    "reply",
    "privacy",
    "copyright",
    "rights",
    "reserved",
    "terms",
    "policy",
    "follow",
    "download",
    "app",
    "listen",
    "related",
    "popular",
    "trending",
    "recommended",
    "latest",
    // The buttons of a share bar or toolbar: the platforms' names are the same in every
    // language, the verbs are given in the languages below.
    "print",
    "email",
    "mail",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "telegram",
    "pinterest",
    "reddit",
    "bookmark",
    "drucken",
    "merken",
    "imprimer",
    "imprimir",
    "stampa",
    "teilen",
    "abonnieren",
    "anmelden",
    "werbung",
    "datenschutz",
    "kommentare",
    "partager",
    "abonner",
    "connexion",
    "publicité",
    "commentaires",
    "écouter",
    "anhören",
    "escuchar",
    "ascolta",
    "ouvir",
    "compartir",
    "suscríbete",
    "publicidad",
    "comentarios",
    "condividi",
    "iscriviti",
    "pubblicità",
    "commenti",
    "compartilhar",
    "assine",
    "publicidade",
    "comentários",
    "delen",
    "abonneren",
    "inloggen",
    "advertentie",
    "reacties",
    "nieuwsbrief",
    "link",
    "dela",
    "prenumerera",
    "annons",
    "kommentarer",
    "nyhetsbrev",
    "dele",
    "annonse",
    "nyhedsbrev",
    "udostępnij",
    "subskrybuj",
    "reklama",
    "komentarze",
    "sdílet",
    "komentáře",
    "paylaş",
    "reklam",
    "yorumlar",
    "abone",
    "comparteix",
    "publicitat",
    "comentaris",
    "subscriu",
    "distribuie",
    "publicitate",
    "comentarii",
    "bagikan",
    "iklan",
    "komentar",
    "mainos",
    "kommentit",
    "hirdetés",
    "anzeige",
    "iscrivimi",
    // Greek: advertisement, share, comments (capitals lose their accents in lower case).
    "διαφήμιση",
    "διαφημιση",
    "κοινοποίηση",
    "σχόλια",
    "σχολια",
    // "Copy" and "link" in the Nordic languages and Polish.
    "kopier",
    "kopiera",
    "kopiuj",
    "lenke",
    "länk",
    // A reading time as pages abbreviate it ("4 min read", "Lecture 3 min."). The full words
    // are the article's too ("30 minutes before bed").
    "min",
];

/// Words of labels that point to other articles ("Read more: …", "See also …"), in a few
/// languages.
const READ: &[&str] = &[
    "read",
    "more",
    "also",
    "see",
    "watch",
    "listen",
    "related",
    "lire",
    "aussi",
    "voir",
    "lesen",
    "auch",
    "mehr",
    "siehe",
    "leer",
    "más",
    "ver",
    "leggi",
    "anche",
    "vedi",
    "leia",
    "mais",
    "veja",
    "läs",
    "också",
    "mer",
    "les",
    "også",
    "læs",
    "mere",
    "czytaj",
    "także",
    "również",
    "więcej",
    "oku",
    "ayrıca",
    "llegeix",
    "també",
    "citește",
    "čtěte",
    "také",
    "baca",
    "juga",
    "lue",
    "myös",
    "também",
    "keep",
    "reading",
    "other",
    "news",
    "ilgili",
    "haberler",
    // Spanish "Lee también", "Te puede interesar", "Seguir leyendo"; Dutch "Lees ook",
    // "Bekijk meer"; Greek "Διαβάστε επίσης", "Δείτε ακόμη"; Portuguese "Saiba mais".
    "lee",
    "también",
    "te",
    "puede",
    "interesar",
    "seguir",
    "leyendo",
    "lees",
    "ook",
    "meer",
    "bekijk",
    "διαβάστε",
    "επίσης",
    "δείτε",
    "ακόμη",
    // Romanian "Citește și", "Vezi și"; Czech "Přečtěte si", "Související"; Slovak "Čítajte
    // aj", "Súvisiace"; Croatian "Pročitajte i", "Povezano"; Hungarian "Kapcsolódó"; Russian
    // and Ukrainian "Читайте также / також"; Vietnamese "Xem thêm", "Đọc thêm".
    "și",
    "şi",
    "vezi",
    "přečtěte",
    "si",
    "související",
    "čítajte",
    "aj",
    "súvisiace",
    "pročitajte",
    "i",
    "povezano",
    "kapcsolódó",
    "читайте",
    "также",
    "також",
    "xem",
    "thêm",
    "đọc",
    "saiba",
    "relacionadas",
    "relacionados",
    "correlati",
];

/// Words that address the reader.
const YOU: &[&str] = &[
    "you", "your", "yours", "sie", "ihr", "ihre", "vous", "votre", "vos", "usted", "tu", "tú", "voi", "você", "tuo",
    "tua",
];

/// First-person words: comment threads and the site's notes about itself.
const FIRST: &[&str] = &[
    "i", "my", "me", "mine", "we", "our", "us", "ich", "mein", "wir", "unser", "je", "mon", "ma", "mes", "nous",
    "notre", "yo", "mi", "nosotros", "io", "mio", "noi", "nostro", "eu", "meu", "minha", "nós", "nosso",
];

/// Words of photo captions and credits.
const CAPTION: &[&str] = &[
    "photo", "photos", "image", "images", "picture", "credit", "credits", "foto", "fotos", "bild", "imagen", "immagine",
];

/// The day before and the day itself, as lists of other articles date their headlines
/// ("Yesterday", "Hier", "Gestern", "Igår").
const RELATIVE_DAYS: &[&str] = &[
    "yesterday",
    "today",
    "hier",
    "aujourd'hui",
    "gestern",
    "heute",
    "ayer",
    "hoy",
    "ieri",
    "oggi",
    "ontem",
    "hoje",
    "igår",
    "idag",
    "gisteren",
    "vandaag",
    "wczoraj",
    "dzisiaj",
    "včera",
    "dnes",
    "tegnap",
    "dün",
    "bugün",
    "azi",
    "eilen",
    "tänään",
    "вчера",
    "сегодня",
    "kemarin",
    "hari ini",
    "i går",
    "i dag",
];

/// Whether a line is only a word for yesterday or today.
pub fn relative_day(l: &str) -> bool {
    let t = l.trim().trim_end_matches(['.', ',', ':']).to_lowercase();
    RELATIVE_DAYS.contains(&t.as_str())
}

/// Each word of the lists above with the lists (bits) that have it.
pub(super) fn word_kinds() -> &'static foldhash::HashMap<&'static str, u8> {
    static KINDS: std::sync::LazyLock<foldhash::HashMap<&'static str, u8>> = std::sync::LazyLock::new(|| {
        let mut t: foldhash::HashMap<&'static str, u8> = foldhash::HashMap::default();
        for (bit, list) in [PRIOR, YOU, FIRST, CAPTION, READ].into_iter().enumerate() {
            for w in list {
                *t.entry(w).or_default() |= 1 << bit;
            }
        }
        t
    });
    &KINDS
}

/// Whether a lower-case word is one of the words of labels that point to other articles.
pub fn pointing_word(lower: &str) -> bool {
    word_kinds().get(lower).is_some_and(|k| k >> 4 & 1 == 1)
}
