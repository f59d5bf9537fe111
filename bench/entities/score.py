#!/usr/bin/env python3
"""Score `gazette import`'s entities against hand labels (see README.md beside this file).

    python3 bench/entities/score.py [--set dev|test|all] [--bin target/release/gazette] [--misses]
"""
import argparse, glob, gzip, json, os, re, shutil, subprocess, sys, tempfile, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KINDS = ("people", "organizations", "places")


def find_corpus():
    for c in [os.environ.get("GAZETTE_SHARED"), os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")]:
        if c and os.path.isdir(os.path.join(c, "corpus", "extraction")):
            return os.path.join(c, "corpus", "extraction")
    sys.exit("no shared/corpus/extraction found: set GAZETTE_SHARED")


def words(s):
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    w = re.findall(r"[a-z0-9]+", s)
    return w[1:] if w[:1] == ["the"] and len(w) > 1 else w


def short_form(p, full):
    """p's words are a run of full's words, or p is the initials of full's capitalised words."""
    if not p or not full:
        return False
    if p == full:
        return True
    n = len(p)
    if any(full[i:i + n] == p for i in range(len(full) - n + 1)):
        return True
    initials = "".join(w[0] for w in full if w not in ("of", "and", "for", "the"))
    return n == 1 and len(p[0]) >= 2 and p[0] == initials


def matches(pred, gold_alts):
    pw = words(pred)
    return any(short_form(pw, words(a)) for a in gold_alts)


def load_labels(which):
    sets = ["dev", "test"] if which == "all" else [which]
    labels = {}
    for s in sets:
        labels.update(json.load(open(os.path.join(HERE, f"{s}.json"))))
    return labels


def import_pages(bin_, corpus, ids):
    tmp = tempfile.mkdtemp(prefix="gz-entities-")
    inputs = {}
    for pid in ids:
        [src] = glob.glob(os.path.join(corpus, "html", pid + "*.html.gz"))
        dst = os.path.join(tmp, pid + ".html")
        with gzip.open(src, "rb") as f, open(dst, "wb") as g:
            g.write(f.read())
        inputs[os.path.realpath(dst)] = pid
    out = os.path.join(tmp, "out")
    r = subprocess.run([bin_, "import", "-q", "--out", out, "--date", "2019-11-20"] + sorted(inputs), capture_output=True, text=True)
    if r.returncode not in (0, 1):
        sys.exit(r.stderr)
    import yaml
    fronts = {}
    for p in glob.glob(os.path.join(out, "**", "*.md"), recursive=True):
        text = open(p, encoding="utf-8").read()
        fm = yaml.safe_load(text.split("\n---\n", 1)[0].lstrip("-\n"))
        pid = inputs.get(os.path.realpath(str(fm.get("source_file"))))
        if pid:
            fronts[pid] = fm
    shutil.rmtree(tmp, ignore_errors=True)
    return fronts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="dev", choices=["dev", "test", "all"])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "gazette"))
    ap.add_argument("--misses", action="store_true", help="print wrong and missed names per page")
    a = ap.parse_args()
    labels = load_labels(a.set)
    fronts = import_pages(a.bin, find_corpus(), sorted(labels))
    tally = {k: [0, 0, 0, 0] for k in KINDS}  # right predictions, predictions, found gold, gold
    for pid, gold in sorted(labels.items()):
        fm = fronts.get(pid, {})
        for k in KINDS:
            pred = [str(x) for x in (fm.get(k) or [])]
            alts = [g.split("|") for g in gold[k]]
            right = [p for p in pred if any(matches(p, g) for g in alts)]
            found = [g for g in alts if any(matches(p, g) for p in pred)]
            t = tally[k]
            t[0] += len(right); t[1] += len(pred); t[2] += len(found); t[3] += len(alts)
            if a.misses:
                wrong = [p for p in pred if p not in right]
                missed = ["|".join(g) for g in alts if g not in found]
                if wrong or missed:
                    print(f"{pid} {k:13s} wrong {wrong}  missed {missed}")
    print(f"set {a.set}: {len(labels)} pages, {len(fronts)} imported")
    for k, (r, p, f, g) in tally.items():
        prec = r / p if p else 1.0
        rec = f / g if g else 1.0
        print(f"{k:13s} precision {prec:.3f} ({r}/{p})  recall {rec:.3f} ({f}/{g})")


if __name__ == "__main__":
    main()
