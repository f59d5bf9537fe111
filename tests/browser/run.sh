#!/usr/bin/env bash
# Installs what the browser checks need (Debian's chromium, a Java runtime, the pinned npm
# packages), builds the example site and runs check.mjs. Exits non-zero on any failure; the
# last line printed is `N passed, M failed`. Call it from the repository root or anywhere:
#   bash tests/browser/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

missing=()
[ -x "${CHROME_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install (it wipes node_modules).
cd "$HERE"
stamp=node_modules/.gazette-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; the system one is used.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
# The example as it is, then in Arabic (right to left; no Lighthouse, one screenshot each of
# the front page and an article).
ARABIC=$(mktemp -d)
trap 'rm -rf "$ARABIC"' EXIT
if [ -z "${GAZETTE_SKIP_BUILD:-}" ]; then
  (cd "$ROOT" && cargo run --quiet -- build)
fi
mkdir -p "$ARABIC/site"
cp -r "$ROOT/content" "$ROOT/themes" "$ARABIC/site/"
sed 's/^language: en$/language: ar/' "$ROOT/site.yaml" >"$ARABIC/site/site.yaml"
(cd "$ROOT" && cargo run --quiet -- build -q --site "$ARABIC/site" --out "$ARABIC/output")

# The photo example: tests/fixtures/photos with photographs generated now (numpy and Pillow).
if ! python3 -c 'import numpy, PIL' 2>/dev/null; then
  python3 -m pip install --quiet numpy pillow 2>/dev/null \
    || { apt-get install -y -qq --no-install-recommends python3-numpy python3-pil >/dev/null; }
fi
PHOTOS=$ARABIC/photos
cp -r "$ROOT/tests/fixtures/photos" "$PHOTOS/"
python3 "$HERE/make_photos.py" "$PHOTOS/static/media" dawn quay gulls wall market fog
(cd "$ROOT" && cargo run --quiet -- build -q --site "$PHOTOS" --out "$ARABIC/photos-output")

# The German and French example: each language's pages.
(cd "$ROOT" && cargo run --quiet -- build -q --site "$ROOT/examples/alpine" --out "$ARABIC/alpine-output")

status=0
node "$HERE/check.mjs" | tee "$ARABIC/site.log" || status=1
echo "== the example in Arabic"
GAZETTE_OUTPUT="$ARABIC/output" SKIP_LIGHTHOUSE=1 SHOT_SUFFIX=-ar node "$HERE/check.mjs" | tee "$ARABIC/arabic.log" || status=1
echo "== the photo example"
GAZETTE_PHOTOS_OUTPUT="$ARABIC/photos-output" node "$HERE/photos.mjs" | tee "$ARABIC/photos.log" || status=1
for lang in de fr; do
  echo "== the bilingual example, $lang"
  prefix=$([ "$lang" = de ] || echo "$lang/")
  GAZETTE_OUTPUT="$ARABIC/alpine-output" GAZETTE_BASE=/alpine/ PAGE_PREFIX="$prefix" SKIP_LIGHTHOUSE=1 \
    SKIP_SCREENSHOTS=1 node "$HERE/check.mjs" | tee "$ARABIC/alpine-$lang.log" || status=1
done
# One closing line for all: the sums of their `N passed, M failed`.
tail -n 1 -q "$ARABIC/site.log" "$ARABIC/arabic.log" "$ARABIC/photos.log" "$ARABIC/alpine-de.log" "$ARABIC/alpine-fr.log" \
  | awk '{ p += $1; f += $3 } END { printf "%d passed, %d failed\n", p, f }'
exit $status
