#!/usr/bin/env python3
"""Deterministic corpus generator for the Gazette-vs-Hugo benchmark.

    python3 bench/gen.py N OUTDIR [--seed S]

writes the same N synthetic news articles twice:

  OUTDIR/gazette/   a Gazette site (site.yaml + content/articles/YYYY/MM/DD/<slug>.md)
  OUTDIR/hugo/      an equivalent Hugo site (config, content, layouts of our own)

All text is generated here: a vocabulary of English function words (a list written
below) plus words synthesised from syllables, drawn with Zipf-like frequencies;
sentence lengths ~ N(20, 8) words; paragraphs of 2-5 sentences; ~950 words per
article with sub-headings, blockquotes, bulleted lists, external and internal links
and some fenced Python code. Articles belong to "stories" that share people,
organisations, places and tags, so related-article scoring has real signal.

Python 3.11 standard library only. Same N and seed -> byte-identical output.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import math
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------- vocabulary

# The most frequent English words, roughly in frequency order (written for this file).
FUNCTION_WORDS = """the of and to a in that is was he for it with as his on be at by
had are but from or have an they which one you were her all she there would their we him
been has when who will more no if out so said what up its about into than them can only
other new some could time these two may then do first any my now such like our over man
me even most made after also did many before must through back years where much your way
well down should because each just those people how too little state good very make world
still own see men work long get here between both life being under never day same another
know while last might us great old year off come since against go came right used take
three""".split()

ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
          "br", "cr", "dr", "fr", "gr", "pr", "tr", "st", "sp", "pl", "cl", "bl", "sh", "ch",
          "th", "str", "", "", ""]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ea", "ai", "ou", "y"]
CODAS = ["", "", "", "", "n", "r", "s", "t", "l", "m", "nd", "nt", "st", "ck", "ng", "x"]
SUFFIXES = ["ing", "ed", "er", "s", "s", "ly", "tion", "ment", "al", "es"]

TOPICS = [
    ("politics", "Politics", "Parliament, government, parties and elections."),
    ("economy", "Economy", "Markets, jobs, companies and the central bank."),
    ("technology", "Technology", "Networks, software, gadgets and the firms that make them."),
    ("science", "Science", "Research, space and discovery."),
    ("climate", "Climate", "Weather, energy and the environment."),
    ("culture", "Culture", "Film, music, books and festivals."),
    ("sport", "Sport", "Football, athletics and everything else with a score."),
    ("health", "Health", "Hospitals, medicine and public health."),
]
TOPIC_WEIGHTS = [18, 16, 14, 10, 10, 10, 14, 8]

OUTLET_FORMS = ["The {} Courier", "The {} Post", "{} Daily", "The {} Lantern", "{} Herald",
                "The {} Times", "{} Radio", "The {} Observer", "{} Wire", "The {} Ledger"]
ORG_FORMS = ["{} Institute", "Ministry of {}", "{} Holdings", "{} Group", "{} University",
             "{} Council", "Bank of {}", "{} Motors", "{} Energy", "{} Football Club",
             "{} Foundation", "{} Party", "{} Agency", "{} Labs"]
PLACE_FORMS = ["{}", "{}", "{}", "Port {}", "{} Bay", "New {}", "{}ford", "{} Hills"]

END_DAY = dt.datetime(2026, 10, 31, 23, 59, tzinfo=dt.timezone.utc)

CODE_NAMES = ["data", "rows", "total", "count", "items", "result", "value", "score", "votes",
              "prices", "rate", "seats", "region", "share", "record"]
CODE_FUNCS = ["load", "parse", "tally", "summarise", "clean", "fetch", "average", "rank"]


class Gen:
    def __init__(self, n: int, seed: int):
        self.n = n
        self.rng = random.Random(seed)
        self.used_words: set[str] = set(FUNCTION_WORDS)
        self._build_vocabulary()
        self._build_entities()

    # ------------------------------------------------------------------ synthesis
    def syllable(self) -> str:
        r = self.rng
        return r.choice(ONSETS) + r.choice(VOWELS) + r.choice(CODAS)

    def new_word(self, syllables: int, suffix: bool = True) -> str:
        for _ in range(1000):
            w = "".join(self.syllable() for _ in range(syllables))
            if suffix:
                w += self.rng.choice(SUFFIXES)
            if 2 <= len(w) <= 14 and w not in self.used_words and w.isalpha():
                self.used_words.add(w)
                return w
        raise RuntimeError("vocabulary exhausted")

    def name(self) -> str:
        w = self.new_word(self.rng.choice([1, 2, 2, 2, 3]), suffix=False)
        return w.capitalize()

    def _build_vocabulary(self) -> None:
        r = self.rng
        content = []
        for rank in range(9000):
            # Frequent words are short, rare words long (as in real text).
            syl = 1 + min(2, int(r.expovariate(1.6) + rank / 4000))
            content.append(self.new_word(syl, suffix=r.random() < 0.5))
        # Interleave function words into the top ranks.
        words = []
        fw = list(FUNCTION_WORDS)
        ci = 0
        for i in range(len(fw) + len(content)):
            if fw and (i < 8 or r.random() < 0.55):
                words.append(fw.pop(0))
            else:
                words.append(content[ci])
                ci += 1
        self.words = words
        # Zipf-Mandelbrot weights: f(r) ~ 1 / (r + 2.7)^1.05
        cum, acc = [], 0.0
        for rank in range(len(words)):
            acc += 1.0 / (rank + 2.7) ** 1.05
            cum.append(acc)
        self.word_cum = cum

    def _build_entities(self) -> None:
        r = self.rng
        self.first_names = [self.name() for _ in range(400)]
        self.last_names = [self.name() for _ in range(600)]
        people = set()
        while len(people) < 3000:
            people.add(f"{r.choice(self.first_names)} {r.choice(self.last_names)}")
        self.people = sorted(people)
        r.shuffle(self.people)
        orgs = set()
        while len(orgs) < 800:
            orgs.add(r.choice(ORG_FORMS).format(self.name()))
        self.orgs = sorted(orgs)
        r.shuffle(self.orgs)
        places = set()
        while len(places) < 400:
            places.add(r.choice(PLACE_FORMS).format(self.name()))
        self.places = sorted(places)
        r.shuffle(self.places)
        authors = set()
        while len(authors) < 150:
            authors.add(f"{r.choice(self.first_names)} {r.choice(self.last_names)}")
        self.authors = sorted(authors)
        outlets = set()
        while len(outlets) < 25:
            outlets.add(r.choice(OUTLET_FORMS).format(self.name()))
        self.outlets = sorted(outlets)
        self.outlet_host = {o: self.slug(o.replace("The ", "")) + ".example" for o in self.outlets}
        # Each outlet has a staff drawn from the authors.
        self.staff = {o: r.sample(self.authors, 12) for o in self.outlets}
        # ~200 tags: 22 per topic plus 24 general ones.
        self.topic_tags = {}
        tags = set()
        for slug, _, _ in TOPICS:
            lst = []
            while len(lst) < 22:
                t = self.slug(" ".join(self.rng.choice(self.words[150:3000]) for _ in range(r.choice([1, 2, 2]))))
                if t not in tags:
                    tags.add(t)
                    lst.append(t)
            self.topic_tags[slug] = lst
        general = []
        while len(general) < 24:
            t = self.slug(self.rng.choice(self.words[150:2000]))
            if t not in tags:
                tags.add(t)
                general.append(t)
        self.general_tags = general
        self.all_tags = sorted(tags)

    @staticmethod
    def slug(text: str) -> str:
        out, dash = [], False
        for ch in text.lower():
            if ch.isalnum():
                out.append(ch)
                dash = False
            elif not dash and out:
                out.append("-")
                dash = True
        return "".join(out).strip("-")

    def zipf_index(self, n: int, s: float = 1.0) -> int:
        """An index in [0, n) with P(i) ~ 1/(i+1)^s (rejection-free via inverse CDF approx)."""
        u = self.rng.random()
        if s == 1.0:
            return min(n - 1, int(math.exp(u * math.log(n + 1))) - 1)
        return min(n - 1, int((u * ((n + 1) ** (1 - s) - 1) + 1) ** (1 / (1 - s))) - 1)

    # ------------------------------------------------------------------ stories
    def make_story(self, topic: str) -> dict:
        r = self.rng
        return {
            "topic": topic,
            "people": [self.people[self.zipf_index(len(self.people), 0.8)] for _ in range(r.randint(2, 6))],
            "orgs": [self.orgs[self.zipf_index(len(self.orgs), 0.8)] for _ in range(r.randint(1, 4))],
            "places": [self.places[self.zipf_index(len(self.places), 0.9)] for _ in range(r.randint(1, 3))],
            "tags": r.sample(self.topic_tags[topic][:12], 2) + [r.choice(self.topic_tags[topic])],
        }

    # ------------------------------------------------------------------ text
    def sentence_words(self, n: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.word_cum, k=n)

    def sentence(self, ents: list[str], length: int | None = None) -> str:
        r = self.rng
        if length is None:
            length = max(4, min(55, round(r.gauss(20, 8))))
        ws = self.sentence_words(length)
        if ents and r.random() < 0.45:
            ws[r.randrange(len(ws))] = r.choice(ents)
        out = []
        for i, w in enumerate(ws):
            if 2 < i < len(ws) - 2 and r.random() < 0.07:
                w += ","
            out.append(w)
        out[0] = out[0][0].upper() + out[0][1:]
        end = "." if r.random() < 0.93 else r.choice(["?", "!"])
        return " ".join(out).rstrip(",") + end

    def paragraph(self, ents: list[str], links: list[str]) -> tuple[str, int]:
        r = self.rng
        sents = [self.sentence(ents) for _ in range(r.randint(2, 5))]
        if links and r.random() < 0.5:
            link = links.pop()
            k = r.randrange(len(sents))
            ws = sents[k].split(" ")
            if len(ws) > 6:
                a = r.randrange(1, len(ws) - 4)
                b = a + r.randint(2, 4)
                anchor = " ".join(w.rstrip(",") for w in ws[a:b])
                sents[k] = " ".join(ws[:a] + [f"[{anchor}]({link})"] + ws[b:])
        text = " ".join(sents)
        return text, sum(len(s.split(" ")) for s in sents)

    def title(self, ents: list[str]) -> str:
        r = self.rng
        ws = self.sentence_words(r.randint(6, 11))
        if ents and r.random() < 0.7:
            ws.insert(r.randrange(len(ws)), r.choice(ents))
        if r.random() < 0.2:
            ws.insert(r.randrange(1, len(ws)), f"{r.randint(2, 99)}")
        t = " ".join(ws)
        return t[0].upper() + t[1:]

    def code_block(self) -> tuple[str, int]:
        r = self.rng
        lines = ["```python"]
        f = r.choice(CODE_FUNCS)
        a, b = r.sample(CODE_NAMES, 2)
        lines.append(f"def {f}_{a}({b}, limit={r.randint(2, 500)}):")
        lines.append(f'    """{self.sentence([], r.randint(5, 10))}"""')
        lines.append(f"    {a} = []")
        for _ in range(r.randint(2, 8)):
            c = r.choice(CODE_NAMES)
            kind = r.randrange(4)
            if kind == 0:
                lines.append(f"    for {c} in {b}:")
                lines.append(f"        if {c} > limit:")
                lines.append(f"            {a}.append({c} * {r.randint(2, 9)})")
            elif kind == 1:
                lines.append(f"    {c} = sum({b}) / max(len({b}), 1)  # {' '.join(self.sentence_words(4))}")
            elif kind == 2:
                lines.append(f'    {c} = "{"-".join(self.sentence_words(2))}"')
            else:
                lines.append(f"    {a}.sort(key=lambda x: x[{r.randint(0, 3)}], reverse={r.choice(['True', 'False'])})")
        lines.append(f"    return {a}")
        lines.append("```")
        return "\n".join(lines), 0

    def body(self, ents: list[str], ext_links: list[str], internal: str | None) -> tuple[list[tuple[str, str]], int]:
        """Blocks as (kind, text); kind 'int' marks the paragraph holding the internal link."""
        r = self.rng
        target = max(550, min(1500, round(r.gauss(950, 130))))
        n_sub = r.choice([0, 0, 1, 2, 2, 3])
        has_quote = r.random() < 0.7
        has_list = r.random() < 0.45
        has_code = r.random() < 0.12
        est_paras = max(4, target // 70)
        sub_at = set(r.sample(range(2, est_paras), min(n_sub, max(0, est_paras - 2))))
        quote_at = r.randint(1, 3) if has_quote else -1
        list_at = r.randint(3, max(3, est_paras - 2)) if has_list else -1
        code_at = r.randint(2, max(2, est_paras - 1)) if has_code else -1
        int_at = r.randint(1, max(1, est_paras - 2)) if internal else -1
        blocks: list[tuple[str, str]] = []
        words, i = 0, 0
        while words < target:
            if i in sub_at:
                h = " ".join(self.sentence_words(r.randint(2, 6)))
                blocks.append(("h", "## " + h[0].upper() + h[1:]))
                words += len(h.split())
            if i == quote_at:
                q = self.sentence(ents, max(8, round(r.gauss(24, 6))))
                who = r.choice(ents) if ents else "a spokesperson"
                blocks.append(("q", f"> \u201c{q}\u201d\n>\n> \u2014 {who}"))
                words += len(q.split()) + 2
            if i == list_at:
                items = [self.sentence(ents, r.randint(5, 14)) for _ in range(r.randint(3, 6))]
                blocks.append(("l", "\n".join("- " + it for it in items)))
                words += sum(len(it.split()) for it in items)
            if i == code_at:
                blocks.append(("c", self.code_block()[0]))
            text, w = self.paragraph(ents, ext_links)
            if i == int_at:
                s = self.sentence_words(r.randint(3, 6))
                blocks.append(("int", text + " " + "See also: [" + " ".join(s) + "]({LINK})."))
                w += len(s) + 2
            else:
                blocks.append(("p", text))
            words += w
            i += 1
        return blocks, words

    # ------------------------------------------------------------------ corpus
    def articles(self):
        r = self.rng
        n = self.n
        days = max(1, n // 40)
        start = END_DAY - dt.timedelta(days=days - 1)
        start = start.replace(hour=0, minute=0)
        # Dates: uniform over the span, sorted oldest first.
        stamps = sorted(r.randrange(days * 24 * 60) for _ in range(n))
        stories: list[dict] = []
        slugs_per_day: dict[str, set] = {}
        keys: list[str] = []
        for i in range(n):
            date = start + dt.timedelta(minutes=stamps[i])
            # Stories: ~1 new story per 6 articles; an article follows a recent story.
            if not stories or r.random() < 1 / 6:
                stories.append(self.make_story(TOPICS[r.choices(range(8), weights=TOPIC_WEIGHTS)[0]][0]))
            story = stories[max(0, len(stories) - 1 - self.zipf_index(min(len(stories), 40), 1.2))]
            topic = story["topic"] if r.random() < 0.9 else r.choice(TOPICS)[0]
            people = list(dict.fromkeys(r.sample(story["people"], min(len(story["people"]), r.randint(1, 4)))
                                        + ([r.choice(self.people)] if r.random() < 0.3 else [])))
            orgs = list(dict.fromkeys(r.sample(story["orgs"], min(len(story["orgs"]), r.randint(1, 3)))))
            places = list(dict.fromkeys(r.sample(story["places"], min(len(story["places"]), r.randint(1, 2)))))
            tags = list(dict.fromkeys(
                r.sample(story["tags"], r.randint(1, 3))
                + [self.topic_tags[topic][self.zipf_index(22, 1.0)] for _ in range(r.randint(0, 2))]
                + ([self.general_tags[self.zipf_index(24, 1.0)]] if r.random() < 0.35 else [])))
            outlet = self.outlets[self.zipf_index(25, 0.7)]
            authors = r.sample(self.staff[outlet], r.choices([1, 2, 3], weights=[70, 22, 8])[0])
            ents = people + orgs + places
            title = self.title(ents)
            base = self.slug(" ".join(title.split()[:7]))[:70].strip("-") or f"article-{i}"
            day = date.strftime("%Y/%m/%d")
            used = slugs_per_day.setdefault(day, set())
            slug = base
            k = 2
            while slug in used:
                slug = f"{base}-{k}"
                k += 1
            used.add(slug)
            section = {"politics": "Politics", "economy": "Business"}.get(topic, topic.capitalize())
            src_url = f"https://{self.outlet_host[outlet]}/{section.lower()}/{day}/{slug}"
            ext = [f"https://{self.outlet_host[r.choice(self.outlets)]}/{self.slug(' '.join(self.sentence_words(3)))}"
                   for _ in range(r.randint(1, 3))]
            internal = keys[max(0, len(keys) - 1 - self.zipf_index(min(len(keys), 200), 1.0))] \
                if keys and r.random() < 0.25 else None
            blocks, words = self.body(ents, ext, internal)
            summary = " ".join(self.sentence(ents, r.randint(12, 22)) for _ in range(r.choice([1, 2])))
            key = f"articles/{day}/{slug}.md"
            keys.append(key)
            yield {
                "key": key, "title": title, "date": date, "topic": topic, "tags": tags,
                "people": people, "organizations": orgs, "places": places, "authors": authors,
                "source": outlet, "source_url": src_url, "summary": summary,
                "blocks": blocks, "internal": internal, "words": words,
            }


# --------------------------------------------------------------------------- writers

def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def ql(xs: list[str]) -> str:
    return "[" + ", ".join(q(x) for x in xs) + "]"


def front_matter(a: dict, hugo: bool) -> str:
    lines = ["---", f"title: {q(a['title'])}", f"date: {a['date'].isoformat()}"]
    # Hugo taxonomies are lists under the plural key; the value is the same.
    lines.append(f"topics: [{a['topic']}]" if hugo else f"topic: {a['topic']}")
    lines += [
        f"tags: {ql(a['tags'])}",
        f"people: {ql(a['people'])}",
        f"organizations: {ql(a['organizations'])}",
        f"places: {ql(a['places'])}",
        f"authors: {ql(a['authors'])}",
        f"source: {q(a['source'])}",
        f"source_url: {q(a['source_url'])}",
        f"summary: {q(a['summary'])}",
        "---",
    ]
    return "\n".join(lines) + "\n"


def body_text(a: dict, hugo: bool) -> str:
    out = []
    for kind, text in a["blocks"]:
        if kind == "int":
            target = a["internal"]
            link = f'{{{{< relref "/{target}" >}}}}' if hugo else f"@/{target}"
            text = text.replace("{LINK}", link)
        out.append(text)
    return "\n\n".join(out) + "\n"


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def gazette_config(out: str) -> None:
    lines = [
        "# Generated by bench/gen.py",
        "title: The Bench Digest",
        "description: A generated news digest for benchmarking.",
        "base_url: https://example.org/",
        "timezone: UTC",
        "paginate_by: 20",
        "topics:",
    ]
    for slug, name, desc in TOPICS:
        lines += [f"  - slug: {slug}", f"    name: {name}", f"    description: {desc}"]
    write(os.path.join(out, "site.yaml"), "\n".join(lines) + "\n")


def hugo_site(out: str) -> None:
    """Config and layouts of the Hugo site (the layouts live in bench/hugo-layouts/)."""
    topics = "\n".join(
        f'  [[params.topics]]\n    slug = "{s}"\n    name = "{n}"\n    description = "{d}"' for s, n, d in TOPICS)
    config = f"""# Generated by bench/gen.py
baseURL = "https://example.org/"
title = "The Bench Digest"
languageCode = "en"
timeZone = "UTC"
paginate = 20
disableKinds = ["RSS"]
enableRobotsTXT = false
summaryLength = 40

[taxonomies]
  topic = "topics"
  tag = "tags"

[markup.highlight]
  noClasses = false
[markup.goldmark.renderer]
  unsafe = false

[related]
  includeNewer = true
  threshold = 60
  toLower = false
  [[related.indices]]
    name = "tags"
    weight = 80
  [[related.indices]]
    name = "people"
    weight = 100
  [[related.indices]]
    name = "organizations"
    weight = 60
  [[related.indices]]
    name = "places"
    weight = 40
  [[related.indices]]
    name = "topics"
    weight = 20

[params]
  description = "A generated news digest for benchmarking."
  related = false
  related_count = 5
{topics}
"""
    os.makedirs(os.path.join(out, "config", "_default"), exist_ok=True)
    write(os.path.join(out, "config", "_default", "hugo.toml"), config)
    # `hugo --environment related` turns on the related-articles block (5 per article).
    write(os.path.join(out, "config", "related", "params.toml"), "related = true\n")
    # `hugo --environment full`: related articles plus paginated people, organization and
    # place pages, like the entity pages Gazette writes.
    write(os.path.join(out, "config", "full", "params.toml"), "related = true\n")
    write(os.path.join(out, "config", "full", "taxonomies.toml"),
          'topic = "topics"\ntag = "tags"\nperson = "people"\norganization = "organizations"\n'
          'place = "places"\n')
    layouts_src = os.path.join(HERE, "hugo-layouts")
    shutil.copytree(layouts_src, os.path.join(out, "layouts"), dirs_exist_ok=True)
    # The same stylesheet as Gazette's default theme, so both sites copy the same assets.
    css = os.path.join(HERE, "..", "themes", "default", "static", "style.css")
    os.makedirs(os.path.join(out, "static"), exist_ok=True)
    if os.path.isfile(css):
        shutil.copyfile(css, os.path.join(out, "static", "style.css"))
    write(os.path.join(out, "static", "syntax.css"), "/* chroma classes; not generated for the benchmark */\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.n < 1:
        ap.error("N must be at least 1")
    gdir = os.path.join(args.outdir, "gazette")
    hdir = os.path.join(args.outdir, "hugo")
    for d in (gdir, hdir):
        if os.path.exists(d):
            shutil.rmtree(d)
    gazette_config(gdir)
    hugo_site(hdir)
    g = Gen(args.n, args.seed)
    total_words = 0
    for a in g.articles():
        total_words += a["words"]
        write(os.path.join(gdir, "content", a["key"]), front_matter(a, False) + "\n" + body_text(a, False))
        write(os.path.join(hdir, "content", a["key"]), front_matter(a, True) + "\n" + body_text(a, True))
    # Hugo needs a section page for "articles" only to list it; not generated (Gazette has none).
    print(f"generated {args.n} articles ({total_words / args.n:.0f} words each on average) "
          f"over {max(1, args.n // 40)} days in {args.outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
