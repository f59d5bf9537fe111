#!/usr/bin/env python3
"""Issue 14's link acceptance: a site built from every page of the public extraction and
Readability corpora passes `gazette check` with 0 errors.

    python3 bench/import_check.py [--bin target/release/gazette] [--shared ../shared] [--keep DIR]

Makes a new site with `gazette init` (its default topics), imports every page of
`shared/corpus/extraction/html/*.html.gz` (unpacked into a temporary folder) and every
`shared/corpus/readability/*/source.html` in one batch, then runs `gazette check` and prints
its closing line and the error lines. Exits 1 when the check reports an error. The pages are
read from `shared/`, never copied into the repository.
"""
import argparse, glob, gzip, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_shared(given):
    for c in [given, os.environ.get("GAZETTE_SHARED"), os.path.join(ROOT, "..", "shared"),
              os.path.join(ROOT, "..", "..", "shared")]:
        if c and os.path.isdir(os.path.join(c, "corpus")):
            return os.path.realpath(c)
    sys.exit("no shared/corpus found: pass --shared DIR")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "gazette"))
    ap.add_argument("--shared")
    ap.add_argument("--keep", help="build the site here and keep it (default: a temporary folder, removed)")
    a = ap.parse_args()
    corpus = os.path.join(find_shared(a.shared), "corpus")
    work = tempfile.mkdtemp(prefix="gz-import-check-")
    site = a.keep or os.path.join(work, "site")
    pages = os.path.join(work, "pages")
    os.makedirs(pages)
    for p in sorted(glob.glob(os.path.join(corpus, "extraction", "html", "*.html.gz"))):
        with gzip.open(p, "rb") as f, open(os.path.join(pages, os.path.basename(p)[:-3]), "wb") as g:
            g.write(f.read())
    for p in sorted(glob.glob(os.path.join(corpus, "readability", "*", "source.html"))):
        shutil.copy(p, os.path.join(pages, "readability-" + os.path.basename(os.path.dirname(p)) + ".html"))
    n = len(os.listdir(pages))
    subprocess.run([a.bin, "init", site], check=True, capture_output=True)
    imp = subprocess.run([a.bin, "import", "-q", "--site", site, pages], capture_output=True, text=True)
    summary = [l for l in imp.stdout.splitlines() + imp.stderr.splitlines() if l.startswith("imported ")]
    chk = subprocess.run([a.bin, "check", "--site", site], capture_output=True, text=True)
    out = chk.stdout + chk.stderr
    errors = [l.strip() for l in out.splitlines() if l.strip().startswith("×")]
    for l in errors[:40]:
        print(l)
    closing = [l for l in out.splitlines() if l.startswith("checked ")]
    print(f"pages {n}  import: {summary[0] if summary else 'exit ' + str(imp.returncode)}")
    print(closing[-1] if closing else out[-2000:])
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    m = re.search(r"(\d+) error", closing[-1]) if closing else None
    sys.exit(0 if m and m.group(1) == "0" else 1)


if __name__ == "__main__":
    main()
