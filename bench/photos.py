#!/usr/bin/env python3
"""bench/photos.py N OUTDIR [--seed S] [--width W --height H]

Writes N generated photographs (JPEG, quality 85) and two sites that show them:

  OUTDIR/gazette/  a Gazette site: site.yaml, one article per photograph with the photograph as
                   its lead image (static/media/<i>.jpg), spread over N/20 days and 6 topics
  OUTDIR/plain/    the same site without pictures (no `images:`, no static/media/)
  OUTDIR/extra/    one more photograph and its article (static/media/new.jpg and
                   content/…/photo-new.md), to copy into the Gazette site for a warm rebuild
  OUTDIR/hugo/     a Hugo site whose home page resizes every photograph (assets/photos/<i>.jpg)
                   to the same widths as Gazette's defaults, as lossy WebP (quality 75, the
                   same as Gazette's), so Hugo's image processing can be timed on the same set

The pictures are not blank: smooth gradients, a few soft shapes and sensor-like noise, so
that resizing and encoding cost what they cost on photographs. The same N and seed give the
same files. Needs numpy and Pillow (`pip install numpy pillow`).
"""
import argparse
import datetime
import io
import os
import sys

try:
    import numpy as np
    from PIL import Image
except ImportError:
    sys.exit("photos.py needs numpy and Pillow: pip install numpy pillow")

WIDTHS = [320, 640, 960, 1280, 1920]
TOPICS = ["politics", "economy", "world", "science", "culture", "sport"]


def photo(rng, w, h):
    """A photograph-like picture: a sky-to-ground gradient, soft blobs, fine noise."""
    y = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None]
    x = np.linspace(0.0, 1.0, w, dtype=np.float32)[None, :]
    top, bottom = rng.uniform(40, 220, 3), rng.uniform(20, 200, 3)
    img = np.empty((h, w, 3), dtype=np.float32)
    for c in range(3):
        img[:, :, c] = top[c] * (1 - y) + bottom[c] * y + 25 * np.sin(6.28 * (x * rng.uniform(0.5, 3) + rng.uniform()))
    for _ in range(int(rng.integers(4, 9))):
        cx, cy, r = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0.05, 0.3)
        d2 = ((x - cx) * w / h) ** 2 + (y - cy) ** 2
        blob = np.exp(-d2 / (2 * r * r))[:, :, None]
        img = img * (1 - 0.8 * blob) + 0.8 * blob * rng.uniform(0, 255, 3)[None, None, :]
    # Texture: fine noise plus a coarser grain, as in a photograph's foliage or fabric.
    img += rng.normal(0, 7, (h, w, 3)).astype(np.float32)
    grain = rng.normal(0, 10, (h // 4 + 1, w // 4 + 1, 1)).astype(np.float32)
    img += np.repeat(np.repeat(grain, 4, axis=0), 4, axis=1)[:h, :w]
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def gazette_site(root, n, names, with_images=True):
    topics = "".join(f"  - {{slug: {t}, name: {t.title()}}}\n" for t in TOPICS)
    write(os.path.join(root, "site.yaml"),
          "title: Photo Desk\nbase_url: https://photos.example.org/\nlanguage: en\ntimezone: UTC\n"
          f"search: false\ntopics:\n{topics}")
    start = datetime.date(2026, 1, 1)
    for i, name in enumerate(names):
        day = start + datetime.timedelta(days=i // 20)
        slug = f"photo-{i:05d}"
        write(os.path.join(root, "content", "articles", f"{day:%Y/%m/%d}", f"{slug}.md"),
              article(i, day, name if with_images else None))


def article(i, day, name):
    images = (f"images:\n  - {{src: /media/{name}, alt: \"Generated photograph {i}\", credit: \"Photo Desk\"}}\n"
              if name else "")
    k = i if isinstance(i, int) else 0
    return (f"---\ntitle: \"Photograph {i}\"\ndate: {day.isoformat()}T{8 + k % 12:02d}:00:00+00:00\n"
            f"topic: {TOPICS[k % len(TOPICS)]}\nsource: Photo Desk\n{images}---\n"
            f"A generated photograph, number {i}, for timing how pictures are processed.\n")


def hugo_site(root, names):
    write(os.path.join(root, "config.toml"),
          "baseURL = 'https://photos.example.org/'\ntitle = 'Photo Desk'\n"
          "disableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT', '404']\n"
          "[imaging]\n  quality = 75\n  resampleFilter = 'lanczos'\n")
    sizes = " ".join(f'"{w}x webp"' for w in WIDTHS)
    write(os.path.join(root, "layouts", "index.html"),
          "<!doctype html><title>Photo Desk</title>\n"
          '{{ range resources.Match "photos/*.jpg" }}{{ $img := . }}'
          f"{{{{ range slice {sizes} }}}}"
          '<img src="{{ ($img.Resize .).RelPermalink }}">{{ end }}\n{{ end }}\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--width", type=int, default=2000)
    ap.add_argument("--height", type=int, default=1333)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    names = []
    for i in range(args.n):
        buf = io.BytesIO()
        photo(rng, args.width, args.height).save(buf, "JPEG", quality=85)
        data = buf.getvalue()
        name = f"{i:05d}.jpg"
        names.append(name)
        write(os.path.join(args.outdir, "gazette", "static", "media", name), data)
        write(os.path.join(args.outdir, "hugo", "assets", "photos", name), data)
    gazette_site(os.path.join(args.outdir, "gazette"), args.n, names)
    gazette_site(os.path.join(args.outdir, "plain"), args.n, names, with_images=False)
    buf = io.BytesIO()
    photo(rng, args.width, args.height).save(buf, "JPEG", quality=85)
    extra = os.path.join(args.outdir, "extra")
    write(os.path.join(extra, "static", "media", "new.jpg"), buf.getvalue())
    write(os.path.join(extra, "content", "articles", "2026/01/01", "photo-new.md"),
          article("new", datetime.date(2026, 1, 1), "new.jpg"))
    hugo_site(os.path.join(args.outdir, "hugo"), names)


if __name__ == "__main__":
    main()
