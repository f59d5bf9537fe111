#!/usr/bin/env python3
"""Edit-to-page latency of `gazette serve` on a generated site.

    python3 bench/serve_latency.py SITE_DIR [EDITS=20] [--mode MODE] [--bin target/release/gazette]

Starts `gazette serve --port 0` on SITE_DIR, waits for the first build, then EDITS times
makes one edit and polls the edited page (every 2 ms) until it shows it. Prints each
latency (file written → new page served), the median and the maximum, and the server's own
rebuild times from its log. MODE is what each edit changes, in the article in the middle of
the site (by file name), with a new made-up word each time:

    body     appends a paragraph to the body (front matter unchanged)
    title    adds the word to the title (front matter; the title also counts in the
             article's term signature, so stories and related articles are worked out again)
    summary  adds the word to the summary (front matter)
    tags     sets one extra tag to the word (front matter; a new tag page each time)
    note     appends the word to an editors' note about the article; the script adds the
             note before starting the server
    date     moves the article to another time of its day (so it and the articles between
             its old and new places change index) and adds the word to the title
    add      adds a new article (a copy of that one with the word in its title, under another
             file name) and waits for its page; then removes it again before the next edit
             (the server's rebuild times count both: adding and removing organize everything)

Every file is restored (and the note removed) at the end. After each front-matter edit it
also checks that the article's daily edition page shows the change.
"""
import glob, os, random, re, statistics, subprocess, sys, time, urllib.error, urllib.request

site = sys.argv[1]
edits = int(sys.argv[2]) if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else 20
binary = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else "target/release/gazette"
mode = sys.argv[sys.argv.index("--mode") + 1] if "--mode" in sys.argv else "body"
assert mode in ("body", "title", "summary", "tags", "note", "date", "add"), mode

articles = sorted(glob.glob(os.path.join(site, "content/articles/**/*.md"), recursive=True))
target = articles[len(articles) // 2]
original = open(target, encoding="utf-8").read()
rel = os.path.relpath(target, os.path.join(site, "content/articles"))
y, m, d, name = rel.split(os.sep)[-4:]
fm_date = re.search(r"^date: *\"?(\d{4})-(\d{2})-(\d{2})", original, re.M)
y, m, d = fm_date.groups() if fm_date else (y, m, d)
slug = name[:-3]
note_path = os.path.join(site, "content/notes/bench-latency-note.md")
note_text = (f"---\ntitle: Bench latency note\ndate: {y}-{m}-{d}T23:00:00Z\n"
             f"articles: [{y}/{m}/{d}/{name}]\n---\n\nA note about the article.\n")
if mode == "note":
    os.makedirs(os.path.dirname(note_path), exist_ok=True)
    with open(note_path, "w", encoding="utf-8") as f:
        f.write(note_text)
rng = random.Random(7)


def made_up_word():
    return "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(4))


def edited(word):
    """(path, new text) of one edit."""
    if mode == "body":
        return target, original.rstrip() + f"\n\nA new paragraph about {word}.\n"
    if mode == "title":
        return target, re.sub(r'^title: "?(.*?)"?$', lambda t: f'title: "{t.group(1)} {word}"', original, count=1, flags=re.M)
    if mode == "summary":
        return target, re.sub(r'^summary: "?(.*?)"?$', lambda t: f'summary: "{t.group(1)} {word}"', original, count=1, flags=re.M)
    if mode == "tags":
        return target, re.sub(r'^tags: \[(.*)\]$', lambda t: f'tags: [{t.group(1)}, "{word}"]', original, count=1, flags=re.M)
    if mode == "date":
        minute = rng.randrange(60)
        text = re.sub(r'^(date: *"?\d{4}-\d{2}-\d{2})T\d{2}:\d{2}', lambda t: f"{t.group(1)}T{minute // 3:02}:{minute:02}", original, count=1, flags=re.M)
        return target, re.sub(r'^title: "?(.*?)"?$', lambda t: f'title: "{t.group(1)} {word}"', text, count=1, flags=re.M)
    if mode == "add":
        text = re.sub(r'^title: "?(.*?)"?$', lambda t: f'title: "{t.group(1)} {word}"', original, count=1, flags=re.M)
        return os.path.join(os.path.dirname(target), f"bench-latency-{word}.md"), text
    return note_path, note_text.rstrip() + f" About {word}.\n"


log = os.environ.get("SERVE_LOG", "/tmp/gazette-serve-latency.log")
proc = subprocess.Popen([binary, "serve", "--port", "0", "--site", site], stdout=subprocess.PIPE, stderr=open(log, "w"), text=True)
try:
    t0 = time.monotonic()
    line = proc.stdout.readline()
    base = re.search(r"(http://\S+)", line).group(1)
    print(f"first build and start: {time.monotonic() - t0:.1f} s; {len(articles)} articles; serving {base}; mode {mode}")
    page = f"{base}notes/bench-latency-note/" if mode == "note" else f"{base}articles/{y}/{m}/{d}/{slug}/"
    edition = f"{base}editions/{y}/{m}/{d}/"
    urllib.request.urlopen(page).read()
    results, shown = [], 0
    for i in range(edits):
        word = made_up_word()
        path, text = edited(word)
        if mode == "add":
            page = f"{base}articles/{y}/{m}/{d}/bench-latency-{word}/"
        start = time.monotonic()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        while True:
            try:
                if word in urllib.request.urlopen(page).read().decode():
                    break
            except urllib.error.HTTPError:  # the new article's page is not there yet
                pass
            if time.monotonic() - start > 60:
                raise SystemExit(f"edit {i}: page not updated within 60 s")
            time.sleep(0.002)
        results.append((time.monotonic() - start) * 1000)
        if mode in ("title", "summary", "date"):
            shown += word in urllib.request.urlopen(edition).read().decode()
        time.sleep(0.3)
        if mode == "add":
            os.remove(path)
            time.sleep(1.0)
    print("latencies (ms):", " ".join(f"{r:.0f}" for r in results))
    print(f"edit-to-page latency ({mode}): median {statistics.median(results):.0f} ms, max {max(results):.0f} ms over {edits} edits")
    if mode in ("title", "summary", "date"):
        print(f"the edition page showed the edit after {shown} of {edits} edits")
finally:
    with open(target, "w", encoding="utf-8") as f:
        f.write(original)
    if os.path.exists(note_path):
        os.remove(note_path)
    for added in glob.glob(os.path.join(os.path.dirname(target), "bench-latency-*.md")):
        os.remove(added)
    proc.terminate()
    proc.wait()
# The first rebuild line is the first build.
rebuilds = [float(x) for x in re.findall(r"rebuilt \(\w+\): \d+ pages in ([\d.]+) ms", open(log).read())][1:]
if rebuilds:
    print(f"server rebuild times (ms): median {statistics.median(rebuilds):.1f}, max {max(rebuilds):.1f} over {len(rebuilds)} rebuilds (log: {log})")
