//! Scraped text from outlets, languages and furniture wordings that the public corpora the line
//! model was fitted on do not have: the scrapes in `tests/fixtures/import/scrapes/` and an
//! invented outlet's batch, all written for these tests.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use gazette::content::front_matter::{parse, ArticleMeta, ARTICLE_KEYS};
use tempfile::TempDir;

const SCRAPES: &str = "tests/fixtures/import/scrapes";

fn import(site: &Path) -> Command {
    let mut cmd = Command::cargo_bin("gazette").unwrap();
    cmd.arg("import").arg("--site").arg(site);
    cmd
}

/// The article file `gazette import --stdout` prints for one input.
fn stdout_of(input: &str) -> String {
    let site = TempDir::new().unwrap();
    let out = import(site.path()).args(["--stdout", "--date", "2026-01-02", input]).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

fn body_of(md: &str) -> &str {
    md.split_once("\n---\n").map_or("", |(_, body)| body)
}

/// Each scrape: its furniture lines (none may stay in the body), the first words of each of its
/// paragraphs (all must), and its headline.
///
/// Imported alone, with no batch to compare with, some furniture stays, as the snapshots show:
/// a short line with no sign of furniture between two paragraphs ("Síguenos en nuestras
/// redes") may as well be a subheading, and a pitch written as sentences ("Our journalism
/// depends on readers like you. Chip in today.") reads like the article. Scrapes of the same
/// outlet imported together lose them (see `lines_every_scrape_of_an_outlet_repeats_are_furniture`).
struct Case {
    file: &'static str,
    headline: &'static str,
    furniture: &'static [&'static str],
    paragraphs: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        file: "de-tagesbote.txt",
        headline: "Fähre über den Lindsee fährt wieder nach Fahrplan",
        furniture: &[
            "Zum Inhalt springen",
            "Anmelden",
            "Diesen Artikel teilen",
            "Auch interessant",
            "Mehr aus der Region",
            "Bäckerei Sommer",
            "Stadtfest findet",
            "Eisbahn bleibt",
            "Kommentar schreiben",
            "Impressum",
        ],
        paragraphs: &["Die Fähre zwischen", "Für Pendler war", "Die Reparatur kostete", "Im Sommer soll"],
    },
    Case {
        file: "fr-courrier.txt",
        headline: "Sur l'île de Vassé, les huîtres résistent à la chaleur",
        furniture: &[
            "Aller au contenu",
            "Se connecter",
            "Publicité",
            "À lire aussi",
            "Les plus lus",
            "Le bac de Vassé",
            "Un festival de musique",
            "Recevez notre lettre",
            "Réagir à cet article",
            "© Le Courrier",
        ],
        paragraphs: &["Les ostréiculteurs de", "Dans les parcs", "« Nous avons surveillé", "Le comité prévoit"],
    },
    Case {
        file: "es-voz.txt",
        headline: "El mercado de Villaduero vuelve a abrir los sábados",
        furniture: &[
            "Ir al contenido",
            "Suscríbete",
            "Te puede interesar",
            "Lo más leído",
            "Cortes de agua",
            "El equipo juvenil",
            "Contenido patrocinado",
            "Deja tu comentario",
        ],
        paragraphs: &["El mercado municipal", "Los comerciantes habían", "\"La gente viene", "El nuevo tejado"],
    },
    Case {
        file: "en-harbourline.txt",
        headline: "Lighthouse keepers' cottages to become a museum after village vote",
        furniture: &[
            "Jump to story",
            "THE HARBOURLINE",
            "briefing in your inbox",
            "Keep reading",
            "Handpicked for you",
            "Harbour seal pups",
            "Fishing fleet returns",
            "Discussion (12)",
        ],
        paragraphs: &["The three keepers", "Of the 612 residents", "The cottages have stood", "\"My grandfather kept"],
    },
    Case {
        file: "de-rheinfurt.txt",
        headline: "Brückensperrung in Rheinfurt: Pendler müssen bis Oktober Umwege fahren",
        furniture: &[
            "Teilen",
            "Drucken",
            "Merken",
            "Auch interessant",
            "Neues Hallenbad",
            "Stadtrat streitet",
            "Jetzt kommentieren",
        ],
        paragraphs: &[
            "Wer morgens von",
            "Ursprünglich sollte",
            "„Wir können",
            "Für Busse richtet",
            "Die Mehrkosten von",
        ],
    },
    Case {
        file: "fr-sorliere.txt",
        headline: "Pollution : la rivière Sorlière interdite à la baignade tout l'été",
        furniture: &[
            "Publié le",
            "Lecture 3 min",
            "Partager",
            "Copier le lien",
            "À lire aussi",
            "Le festival de Vernet",
            "Les plus lus",
        ],
        paragraphs: &[
            "La préfecture a pris",
            "Les prélèvements",
            "« Nous avons",
            "Les campings de",
            "Les réparations devraient",
        ],
    },
    Case {
        file: "en-halverston.txt",
        headline: "Council approves plan to turn old rail depot into 400 homes",
        furniture: &[
            "Derek Osei-Mensah",
            "Senior Reporter",
            "Listen to this article · 4 min",
            "Related coverage",
            "Why the rail depot",
        ],
        paragraphs: &[
            "Halverston's city council",
            "The vote followed",
            "\"This is the biggest",
            "Council member Tom",
            "The developer expects",
        ],
    },
    Case {
        file: "it-valtorre.txt",
        headline: "Valtorre, frana sulla provinciale: isolate tre frazioni",
        furniture: &["Maltempo, allerta", "Riproduzione riservata", "I più letti", "Torna il mercatino"],
        paragraphs: &[
            "Una frana di circa",
            "I vigili del fuoco",
            "«Abbiamo già attivato",
            "La protezione civile",
            "La Regione ha",
        ],
    },
    Case {
        file: "nl-zandwijk.txt",
        headline: "Nieuwe veerpont Zandwijk vaart vanaf maandag elektrisch",
        furniture: &["Leestijd", "Delen via", "Link kopiëren", "Lees ook", "Fietsbrug over", "Meest gelezen"],
        paragraphs: &["De gemeente Zandwijk", "Volgens wethouder", "De veerdienst blijft", "De oude pont, die"],
    },
    Case {
        file: "en-calvera-wire.txt",
        headline: "Port strike halts grain exports from Calvera for second week",
        furniture: &[
            "4 minute read",
            "desk editor Mark Halloran",
            "How we report",
            "Suggested Topics",
            "Copper climbs",
        ],
        paragraphs: &["A strike by dock", "The union is demanding", "\"We will stay out", "Grain traders said"],
    },
    Case {
        file: "sv-norrvik.txt",
        headline: "Lövsta skola stängs – föräldrar startar namninsamling",
        furniture: &[
            "Dela på X",
            "Kopiera länk",
            "Läs också",
            "Busskort för skolbarn",
            "Ämnen i artikeln",
            "Mer från Hällbyfors",
            "Godkänn alla",
            "Föräldrarna Jonas Lind och Mira Hedqvist har samlat",
        ],
        paragraphs: &[
            "Beskedet kom i ett brev",
            "Tillsammans med Jonas Lind",
            "Enligt förvaltningens",
            "Oppositionen i",
        ],
    },
    Case {
        file: "tr-derinsu.txt",
        headline: "Derinsu'da zeytin üreticileri kooperatifte birleşti: Hasatta rekor bekleniyor",
        furniture: &["Paylaş", "İLGİLİ HABERLER", "Derinsu Belediyesi'nden", "Kooperatif ortakları, Yukarıçeşme"],
        paragraphs: &["Derinsu ilçesinde zeytin", "Kooperatif Başkanı", "Soğuk hava deposu için", "Üreticiler ise ilk"],
    },
    Case {
        file: "pl-kozmirow.txt",
        headline: "Most na Pliszce zamknięty do wiosny. Kierowców czeka objazd przez Dębowiec",
        furniture: &["6 komentarzy", "Udostępnij", "REKLAMA", "Czytaj także"],
        paragraphs: &["Zarząd Dróg Powiatowych", "Objazd dla samochodów", "Remont ma kosztować", "Przedsiębiorcy z"],
    },
];

/// A wire story: its date, run into the time in the copy ("March 9, 203112:41 PM UTC"), and the
/// place of its dateline, which the text's "Calvera's main port" would make a company.
#[test]
fn a_wire_story_is_dated_through_a_glued_time_and_its_dateline_place_is_a_place() {
    let md = stdout_of(&format!("{SCRAPES}/en-calvera-wire.txt"));
    let (meta, _) = parse::<ArticleMeta>(Path::new("stdout.md"), &md, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(meta.date.to_string(), "2031-03-09");
    assert_eq!(meta.authors, ["Tomasz Wrobel", "Ines Achterberg"]);
    assert_eq!(meta.places, ["Calvera"], "{md}");
    assert!(meta.organizations.is_empty(), "{md}");
    assert_eq!(meta.extra.get("dateline").and_then(|x| x.as_str()), Some("CALVERA, March 9 (Wire)"));
}

/// Dates in figures, bylines without "By" and standfirsts, read from the header of the scrapes
/// above: (file, date, author, the standfirst's first words).
const HEADERS: &[(&str, &str, &str, &str)] = &[
    ("de-rheinfurt.txt", "2031-05-14", "Katharina Vogelsang", "Die Sanierung der Alten"),
    ("fr-sorliere.txt", "2031-07-03", "Mathilde Garnier", "Des analyses ont révélé"),
    ("en-halverston.txt", "2031-02-13", "Derek Osei-Mensah", "Halverston's city council"),
    ("it-valtorre.txt", "2031-12-07", "Giulia Ferraresi", "Le piogge della notte"),
    ("nl-zandwijk.txt", "2031-11-03", "Pieter van Dongen", "De oude dieselpont"),
    ("pl-kozmirow.txt", "2031-09-12", "Tomasz Wierzbięta", "Od poniedziałku kierowcy"),
    ("tr-derinsu.txt", "2031-10-15", "Elif Karaoğuz", "İlçede 212 üreticinin"),
];

#[test]
fn scrape_headers_give_dates_in_figures_bylines_without_by_and_standfirsts() {
    for (file, date, author, summary) in HEADERS {
        let md = stdout_of(&format!("{SCRAPES}/{file}"));
        let (meta, _) =
            parse::<ArticleMeta>(Path::new("stdout.md"), &md, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(meta.date.to_string(), *date, "{file}");
        assert_eq!(meta.authors, [*author], "{file}");
        assert!(meta.summary.as_deref().is_some_and(|s| s.starts_with(summary)), "{file}: {:?}", meta.summary);
    }
}

#[test]
fn scrapes_in_other_languages_and_wordings_lose_their_furniture() {
    for case in CASES {
        let md = stdout_of(&format!("{SCRAPES}/{}", case.file));
        let body = body_of(&md);
        for f in case.furniture {
            assert!(!body.contains(f), "{}: furniture `{f}` stayed:\n{md}", case.file);
        }
        for p in case.paragraphs {
            assert!(body.contains(p), "{}: paragraph `{p}…` lost:\n{md}", case.file);
        }
        let (meta, _) =
            parse::<ArticleMeta>(Path::new("stdout.md"), &md, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(meta.title, case.headline, "{}", case.file);
        let name = case.file.trim_end_matches(".txt");
        insta::assert_snapshot!(format!("scrape_{name}"), md);
    }
}

/// Sentence-like lines an invented outlet prints on every page: nothing in their shape says
/// furniture, only that every scrape of the outlet has them.
const OUTLET_LINES: &[&str] = &[
    "The Larchmont Packet has reported on the valley's towns and farms since 1921.",
    "Letters to the editor are printed on Thursdays and may be shortened for space.",
    "Corrections appear at the foot of each story within two working days of a complaint.",
];

const TOWNS: &[&str] = &["Ashby", "Brindle", "Coldwater", "Dunmore", "Eskdale"];
const SUBJECTS: &[&str] = &[
    "the old grain store",
    "a footbridge over the mill race",
    "the village hall roof",
    "a new bus shelter",
    "the cricket pavilion",
    "the allotment gates",
    "a reading room for the library",
];
const VERBS: &[&str] =
    &["approved money for", "postponed a decision on", "asked for new drawings of", "agreed to repair"];
const SPEAKERS: &[&str] =
    &["the parish clerk", "a spokesman for the district", "the chair of the residents' group", "a local builder"];
const CLOSERS: &[&str] = &[
    "Work could begin before the harvest if the weather holds.",
    "Residents will be able to comment at an open evening next month.",
    "The cost will be shared between the parish and the county.",
    "A final vote is expected before the summer recess.",
    "Volunteers have already offered to help with the painting.",
    "The plans can be seen at the post office until Friday.",
];

/// The `n`-th scrape of the invented outlet: its own headline and paragraphs (no two alike,
/// not even in shape), and the outlet's lines around them.
fn outlet_scrape(n: usize) -> String {
    let town = TOWNS[n % TOWNS.len()];
    let subject = SUBJECTS[n % SUBJECTS.len()];
    let verb = VERBS[(n / 5) % VERBS.len()];
    let speaker = SPEAKERS[(n / 2) % SPEAKERS.len()];
    let closer = CLOSERS[(n / 3) % CLOSERS.len()];
    let day = 1 + n;
    format!(
        "Larchmont Packet\nValley news\n{town} council {verb} {subject}\nBy Hester Quayle | {day} May 2026\n\
         {town} parish council {verb} {subject} at its meeting on {day} May, after a debate that ran past ten \
         o'clock and drew {n} residents to the hall.\n{}\n\
         The scheme was first proposed {} years ago, {speaker} said, and has been changed {} times since then to \
         meet the objections of neighbours.\n{}\n{closer}\n{}\n",
        OUTLET_LINES[0],
        n + 2,
        n % 4 + 1,
        OUTLET_LINES[1],
        OUTLET_LINES[2],
    )
}

fn bodies(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walk(dir) {
        let text = fs::read_to_string(&e).unwrap();
        let (meta, split) = parse::<ArticleMeta>(&e, &text, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}"));
        assert!(!meta.title.is_empty());
        out.push(split.body.to_owned());
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out
}

#[test]
fn lines_every_scrape_of_an_outlet_repeats_are_furniture() {
    let work = TempDir::new().unwrap();
    let inputs: Vec<PathBuf> = (0..20)
        .map(|n| {
            let p = work.path().join(format!("packet-{n:02}.txt"));
            fs::write(&p, outlet_scrape(n)).unwrap();
            p
        })
        .collect();
    // One at a time, nothing says the outlet's lines are not article text.
    let alone = stdout_of(inputs[0].to_str().unwrap());
    assert!(OUTLET_LINES.iter().any(|l| body_of(&alone).contains(l)), "{alone}");
    // In one batch, they are in every scrape: furniture.
    let out = work.path().join("out");
    let site = TempDir::new().unwrap();
    import(site.path()).arg("--out").arg(&out).args(["--date", "2026-01-02"]).args(&inputs).assert().success();
    let bodies = bodies(&out);
    assert_eq!(bodies.len(), 20);
    for body in &bodies {
        for l in OUTLET_LINES {
            assert!(!body.contains(l), "`{l}` stayed:\n{body}");
        }
        assert!(body.contains("parish council") && body.contains("The scheme was first proposed"), "{body}");
    }
}

#[test]
fn lines_repeated_in_the_sites_articles_of_the_outlet_are_furniture() {
    // The site already has two articles from the outlet whose bodies kept its lines.
    let site = TempDir::new().unwrap();
    let dir = site.path().join("content/articles");
    fs::create_dir_all(&dir).unwrap();
    fs::write(site.path().join("site.yaml"), "title: Valley digest\nbase_url: https://example.org/\n").unwrap();
    for n in 0..2 {
        let text = format!(
            "---\ntitle: Earlier story {n}\ndate: 2026-04-0{}\nsource: Larchmont Packet\n---\n\nAn earlier story number {n} \
             about the valley and its people.\n\n{}\n\n{}\n",
            n + 1,
            OUTLET_LINES[0],
            OUTLET_LINES[1]
        );
        fs::write(dir.join(format!("earlier-{n}.md")), text).unwrap();
    }
    let input = site.path().join("new.txt");
    fs::write(&input, outlet_scrape(7)).unwrap();
    import(site.path()).arg(&input).assert().success();
    let bodies = bodies(&dir);
    let new = bodies.iter().find(|b| b.contains("The scheme was first proposed")).expect("the new article");
    assert!(!new.contains(OUTLET_LINES[0]) && !new.contains(OUTLET_LINES[1]), "{new}");
}

/// The furniture of these tests is worded as nothing in the public corpora (checked when the
/// corpora are there: `../shared/corpus`).
#[test]
fn the_furniture_here_is_in_no_public_file() {
    let Some(corpus) = ["../shared/corpus", "../../shared/corpus"].iter().map(Path::new).find(|p| p.is_dir()) else {
        return;
    };
    let mut public = String::new();
    for set in ["realtext/input", "plaintext/input"] {
        for e in fs::read_dir(corpus.join(set)).unwrap().flatten() {
            public.push_str(&String::from_utf8_lossy(&fs::read(e.path()).unwrap()));
        }
    }
    let furniture = CASES.iter().flat_map(|c| c.furniture.iter()).chain(OUTLET_LINES);
    for f in furniture {
        assert!(!public.contains(f), "`{f}` is in a public file");
    }
}

/// The seed scrape (`../shared/seed/`, read from there when present): its headline is the line
/// the page shows as the headline, every paragraph is kept, and no line of furniture (all of
/// them short here) or photo caption stays.
#[test]
fn the_seed_scrape_imports_clean() {
    let Some(dir) = ["../shared/seed", "../../shared/seed"].iter().map(Path::new).find(|p| p.is_dir()) else {
        return;
    };
    for e in fs::read_dir(dir).unwrap().flatten() {
        let path = e.path();
        let text = fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let md = stdout_of(path.to_str().unwrap());
        let (meta, split) =
            parse::<ArticleMeta>(Path::new("seed.md"), &md, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}"));
        // The section line, then the headline.
        assert_eq!(meta.title, lines[1], "{md}");
        let body: Vec<&str> = split.body.lines().filter(|l| !l.is_empty()).collect();
        for l in &body {
            assert!(l.split_whitespace().count() >= 12, "furniture stayed: {l}");
            assert!(!l.ends_with(')'), "a caption stayed: {l}");
        }
        let paragraphs = lines.iter().filter(|l| l.split_whitespace().count() >= 20 && !l.ends_with(')'));
        for p in paragraphs {
            assert!(body.contains(p), "lost: {p}");
        }
    }
}

/// A press release on a wire: the company named over the date is the text's organisation, not
/// its author; its bulleted highlights under a lead-in stay.
#[test]
fn a_press_release_names_no_company_as_its_author_and_keeps_its_highlights() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("release.txt");
    fs::write(
        &input,
        "Skip to main content\nWireline Releases\nNews\nSend a Release\nLog In\n\
         Orrin Tidal Power Starts Building the Kestrel Sound Turbine Array\n\
         News provided by\nOrrin Tidal Power\nMar 19, 2031, 08:00 ET\nShare this article\n\
         KESTREL SOUND, March 19, 2031 /Wireline Releases/ -- Orrin Tidal Power, a developer of tidal turbines, today began building a twelve-turbine array in Kestrel Sound that will supply power to about nine thousand homes.\n\
         Construction will run through the summer, with the first turbines lowered into the sound in September and the array fully running by the spring of 2032.\n\
         \"Kestrel Sound has some of the strongest tides on the coast, and the harbour towns have backed this project from the start,\" said Ilse Varga, chief executive of Orrin Tidal Power.\n\
         The array will be built from the old ferry pier at Kestrel, which the company has leased from the harbour board for twenty-five years.\n\
         Project highlights:\n\
         • Twelve turbines of 1.5 MW each\n\
         • About forty jobs during construction\n\
         • A fund for the harbour towns' schools\n\
         About Orrin Tidal Power\n\
         Orrin Tidal Power develops, builds and runs tidal turbine arrays for coastal towns, and employs 140 people at its yard in Kestrel.\n\
         Media Contact:\nTomas Rehn\npress@orrin.example\nSOURCE Orrin Tidal Power\nRelated Links\nMore news from this source\n\
         © 2031 Wireline Releases. All Rights Reserved.\n",
    )
    .unwrap();
    let md = stdout_of(input.to_str().unwrap());
    let (meta, _) = parse::<ArticleMeta>(Path::new("stdout.md"), &md, ARTICLE_KEYS).unwrap_or_else(|d| panic!("{d}"));
    let body = body_of(&md);
    assert!(meta.authors.is_empty(), "{md}");
    assert!(meta.organizations.iter().any(|o| o == "Orrin Tidal Power"), "{md}");
    for item in ["Twelve turbines of 1.5 MW each", "A fund for the harbour towns' schools"] {
        assert!(body.contains(item), "{item}: {md}");
    }
}
