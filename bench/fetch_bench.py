#!/usr/bin/env python3
"""Times `gazette fetch` against feeds served on this machine (issue #15's measurement).

A web server in this script answers on 127.0.0.2 ... 127.0.0.(1+FEEDS) (every 127.x.y.z address
is loopback on Linux), one address per outlet: each serves one RSS feed of ENTRIES summary-only
entries, and each entry's page after DELAY seconds. The feeds carry an ETag and a Last-Modified
and answer a matching conditional request with 304. A fresh site subscribes to every feed with
`full_text: always` and sets `fetch: {concurrency: N}`.

Two runs of `gazette fetch` are timed, whole process (wall and CPU of the child):
  1. the first: every feed and every page fetched, every entry extracted and imported;
  2. the second: every feed answers 304, nothing is parsed or written.

Gazette's per-host limit is one request at a time per host (host name and port), so with one
outlet per address the pages of different outlets are fetched side by side, up to the total
concurrency; with the default of 8, 4000 pages x 20 ms cannot take less than 10 s, so the bench
sets 64 (each outlet still sees one request at a time).

The site is made in a fresh folder under `target/` (under the system's temporary folder when
there is no `target/`): on this project's machine /tmp sits in a part of the disk where other
jobs delete many files, and creating 4000 files there cost 4 s of kernel time instead of 0.4 s.

Usage: bench/fetch_bench.py [--bin target/release/gazette] [--feeds 200] [--entries 20]
                            [--delay 0.02] [--concurrency 64] [--keep DIR] [--wrap CMD]
"""

import argparse
import asyncio
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

WORDS = ("harbour ferry council quay timetable storm repair cargo fares island pilots crew "
         "season winter market bridge tide vote budget school theatre rail road lorry museum "
         "festival fishing weather ward mayor assembly court report plan").split()


def prose(seed, words):
    """Deterministic, distinct text: a linear congruential walk over a small vocabulary."""
    out, x = [], seed * 2654435761 % 4294967296
    for i in range(words):
        x = (x * 1103515245 + 12345) % 2147483648
        w = WORDS[x % len(WORDS)]
        out.append(w.capitalize() if i % 12 == 0 else w)
        if i % 12 == 11:
            out[-1] += "."
    out.append(f"Reference {seed}.")
    return " ".join(out)


def page(feed, entry):
    seed = feed * 1000 + entry
    paras = "".join(f"<p>{prose(seed * 10 + p, 90)}</p>" for p in range(6))
    title = f"Outlet {feed} story {entry}"
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>"
            f"<h1>{title}</h1><p class=\"byline\">By Reporter {feed}</p>{paras}</article>"
            f"<footer>Outlet {feed}</footer></body></html>").encode()


def feed_xml(host, port, feed, entries):
    items = "".join(
        f"<item><guid isPermaLink=\"false\">outlet-{feed}-{e}</guid><title>Outlet {feed} story {e}</title>"
        f"<link>http://{host}:{port}/story/{e}</link><description>{prose(feed * 1000 + e, 25)}</description>"
        f"<pubDate>Wed, 18 Nov 2026 {e % 24:02d}:{feed % 60:02d}:00 GMT</pubDate></item>"
        for e in range(entries))
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>"
            f"<title>Outlet {feed}</title><link>http://{host}:{port}/</link>{items}</channel></rss>").encode()


class Counters:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_status = {}

    def add(self, status):
        with self.lock:
            self.by_status[status] = self.by_status.get(status, 0) + 1

    def take(self):
        with self.lock:
            out, self.by_status = self.by_status, {}
            return out


ETAG = '"v1"'
LAST_MODIFIED = "Wed, 18 Nov 2026 12:00:00 GMT"


async def handle(reader, writer, feed, host, port, pages, delay, counters):
    feed_body = feed_xml(host, port, feed, len(pages))
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1]
            headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:] if l)}
            if path == "/feed.xml":
                if headers.get("if-none-match") == ETAG:
                    status, body, ctype = 304, b"", None
                else:
                    status, body, ctype = 200, feed_body, "application/rss+xml; charset=utf-8"
            elif path.startswith("/story/"):
                await asyncio.sleep(delay)
                status, body, ctype = 200, pages[int(path.rsplit("/", 1)[1])], "text/html; charset=utf-8"
            else:
                status, body, ctype = 404, b"", None
            counters.add(status)
            out = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'X'}", f"Content-Length: {len(body)}",
                   f"ETag: {ETAG}", f"Last-Modified: {LAST_MODIFIED}"]
            if ctype:
                out.append(f"Content-Type: {ctype}")
            writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + body)
            await writer.drain()
            if headers.get("connection", "").lower() == "close":
                break
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


def free_port(feeds):
    """A port free on every address used."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.2", 0))
            port = s.getsockname()[1]
        try:
            for f in range(feeds):
                with socket.socket() as t:
                    t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    t.bind((f"127.0.0.{2 + f}", port))
            return port
        except OSError:
            continue
    sys.exit("no port free on every address")


def serve(args, port, counters, ready):
    # Every page made before the runs, so that the server spends its time answering.
    pages = [[page(f, e) for e in range(args.entries)] for f in range(args.feeds)]

    async def main():
        servers = []
        for f in range(args.feeds):
            host = f"127.0.0.{2 + f}"
            cb = (lambda f, host: lambda r, w: handle(r, w, f, host, port, pages[f], args.delay, counters))(f, host)
            servers.append(await asyncio.start_server(cb, host, port, reuse_address=True, backlog=256))
        ready.set()
        await asyncio.Event().wait()
    asyncio.run(main())


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    return out, wall, (user, system)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="target/release/gazette")
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--entries", type=int, default=20)
    ap.add_argument("--delay", type=float, default=0.02)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--keep", help="build the site in this folder and keep it")
    ap.add_argument("--wrap", default="", help="a command to run the first run under, e.g. 'perf record -g -o p.data'")
    args = ap.parse_args()
    if args.feeds > 250:
        sys.exit("at most 250 feeds (one loopback address each)")
    binary = os.path.abspath(args.bin)
    port = free_port(args.feeds)
    counters, ready = Counters(), threading.Event()
    threading.Thread(target=serve, args=(args, port, counters, ready), daemon=True).start()
    ready.wait()
    site = args.keep or tempfile.mkdtemp(prefix="fetch-bench-", dir="target" if os.path.isdir("target") else None)
    os.makedirs(site, exist_ok=True)
    feeds = "".join(f"  - url: http://127.0.0.{2 + f}:{port}/feed.xml\n    full_text: always\n" for f in range(args.feeds))
    with open(os.path.join(site, "site.yaml"), "w") as fh:
        fh.write("title: Fetch bench\nbase_url: https://bench.example.org/\n"
                 "topics:\n  - {slug: port, name: Port}\n  - {slug: civic, name: Civic}\n  - {slug: culture, name: Culture}\n"
                 f"fetch: {{concurrency: {args.concurrency}}}\nfeeds:\n{feeds}")
    print(f"{args.feeds} feeds x {args.entries} entries, pages after {args.delay * 1000:.0f} ms, "
          f"full_text: always, fetch.concurrency {args.concurrency}; load average {os.getloadavg()[0]:.2f}")
    try:
        for name in ("first run", "second run"):
            wrap = args.wrap.split() if name == "first run" else []
            out, wall, cpu = timed(wrap + [binary, "fetch", "--site", site])
            summary = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr.strip()
            print(f"{name}: wall {wall:.2f} s, CPU {sum(cpu):.2f} s (user {cpu[0]:.2f}, system {cpu[1]:.2f}), "
                  f"load average {os.getloadavg()[0]:.2f}; "
                  f"answers {dict(sorted(counters.take().items()))}")
            print(f"  {summary}")
            if out.returncode != 0:
                print(out.stdout[-2000:], out.stderr[-2000:], sep="\n")
                sys.exit(f"gazette fetch exited with {out.returncode}")
        articles = sum(len(f) for _, _, f in os.walk(os.path.join(site, "content", "articles")))
        print(f"articles written: {articles}")
    finally:
        if not args.keep:
            shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main()
