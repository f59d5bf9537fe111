#!/usr/bin/env python3
"""Edit-to-page latency of `gazette serve` on a generated site.

    python3 bench/serve_latency.py SITE_DIR [EDITS=20] [--bin target/release/gazette]

Starts `gazette serve --port 0` on a copy-free SITE_DIR (it edits one article's body and
restores it at the end), waits for the first build, then EDITS times: appends a unique
token to one article's body, and polls the article's page (every 2 ms) until the token
appears. Prints each latency and the median: file written → new page served.
"""
import glob, os, re, statistics, subprocess, sys, time, urllib.request

site = sys.argv[1]
edits = int(sys.argv[2]) if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else 20
binary = sys.argv[sys.argv.index("--bin") + 1] if "--bin" in sys.argv else "target/release/gazette"

articles = sorted(glob.glob(os.path.join(site, "content/articles/**/*.md"), recursive=True))
target = articles[len(articles) // 2]
original = open(target, encoding="utf-8").read()
rel = os.path.relpath(target, os.path.join(site, "content/articles"))
y, m, d, name = rel.split(os.sep)[-4:]
fm_date = re.search(r"^date: *\"?(\d{4})-(\d{2})-(\d{2})", original, re.M)
y, m, d = fm_date.groups() if fm_date else (y, m, d)
slug = name[:-3]

proc = subprocess.Popen([binary, "serve", "--port", "0", "--site", site], stdout=subprocess.PIPE, stderr=open(os.environ.get("SERVE_LOG", os.devnull), "w"), text=True)
try:
    t0 = time.monotonic()
    line = proc.stdout.readline()
    base = re.search(r"(http://\S+)", line).group(1)
    print(f"first build and start: {time.monotonic() - t0:.1f} s; {len(articles)} articles; serving {base}")
    page = f"{base}articles/{y}/{m}/{d}/{slug}/"
    urllib.request.urlopen(page).read()
    results = []
    for i in range(edits):
        token = f"latency-token-{i}-{time.time_ns()}"
        start = time.monotonic()
        with open(target, "w", encoding="utf-8") as f:
            f.write(original.rstrip() + f"\n\n{token}\n")
        while True:
            if token in urllib.request.urlopen(page).read().decode():
                break
            if time.monotonic() - start > 30:
                raise SystemExit(f"edit {i}: page not updated within 30 s")
            time.sleep(0.002)
        results.append((time.monotonic() - start) * 1000)
        time.sleep(0.3)
    print("latencies (ms):", " ".join(f"{r:.0f}" for r in results))
    print(f"edit-to-page latency: median {statistics.median(results):.0f} ms, max {max(results):.0f} ms over {edits} edits")
finally:
    with open(target, "w", encoding="utf-8") as f:
        f.write(original)
    proc.terminate()
