#!/usr/bin/env python3
"""make_photos.py DIR NAME... — writes generated photographs (2000 × 1333 JPEG, the same kind as
bench/photos.py makes) as DIR/NAME.jpg, for the photo example of the browser checks."""
import importlib.util
import os
import sys

spec = importlib.util.spec_from_file_location("photos", os.path.join(os.path.dirname(__file__), "../../bench/photos.py"))
photos = importlib.util.module_from_spec(spec)
spec.loader.exec_module(photos)

out, names = sys.argv[1], sys.argv[2:]
os.makedirs(out, exist_ok=True)
rng = photos.np.random.default_rng(18)
for name in names:
    photos.photo(rng, 2000, 1333).save(os.path.join(out, f"{name}.jpg"), "JPEG", quality=85)
