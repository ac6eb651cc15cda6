"""Benchmark: the photo pipeline against a plain Pillow decode of the same photo.

    python tests/bench/bench_photos.py [--n 15]

Generates a realistic 12-megapixel JPEG (4000x3000, gradients and noise so it
compresses like a photo, with EXIF incl. GPS and an orientation), then times,
interleaved in one run, (a) a plain full decode `Image.open(path).load()`,
(b) `photos.process(path)` (decode with draft(), rotate, downscale to 1600 px,
re-encode) and, for reference, (c) the same pipeline with draft() disabled.
Goal: draft() should make process() cheaper than, or comparable to, a plain
full decode (ratio near 1 or below), although it also rotates, resamples and
encodes; (c) shows what draft() saves. For a 12 MP photo draft() can only
decode at 1/2 scale (1/4 would be under 1600 px) and the entropy decoding of
the whole file remains, so the gain grows with the photo's size.

Not a pytest test (pytest collects test_*.py only).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from PIL import Image, JpegImagePlugin

from arbocheck.core.check import photos


def make_photo(path: Path) -> None:
    size = (4000, 3000)
    grad = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 15)  # sensor-like noise in every channel: ~3.9 MB at q92, like a phone
    im = Image.merge("RGB", (Image.blend(grad, noise, 0.5), Image.blend(grad.rotate(90), noise, 0.4),
                             Image.blend(grad.transpose(Image.Transpose.FLIP_LEFT_RIGHT), noise, 0.5)))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Apple", "iPhone 15 Pro", 6  # Make, Model, Orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 22.0, 12.5), "E", (4.0, 53.0, 0.0)
    im.save(path, "JPEG", quality=92, exif=exif)


def plain_decode(path: Path) -> None:
    with Image.open(path) as im:
        im.load()


def process_without_draft(path: Path) -> None:
    with mock.patch.object(JpegImagePlugin.JpegImageFile, "draft", lambda self, mode, size: None):
        photos.process(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=15, help="repetitions of each (default 15)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "photo.jpg"
        make_photo(path)
        runs = {"decode": plain_decode, "process": photos.process, "no_draft": process_without_draft}
        times: dict[str, list[float]] = {name: [] for name in runs}
        for fn in runs.values():  # warm up: plugins, caches
            fn(path)
        for i in range(args.n):
            # interleaved, rotating which goes first, so drift hits all alike
            names = list(runs)
            for name in names[i % 3:] + names[:i % 3]:
                t = time.perf_counter()
                runs[name](path)
                times[name].append(time.perf_counter() - t)
        result = photos.process(path)
        src_bytes = path.stat().st_size

    d, p, nd = (statistics.median(times[name]) for name in ("decode", "process", "no_draft"))
    print(f"input: 4000x3000 JPEG, {src_bytes / 1e6:.1f} MB, with EXIF+GPS, orientation 6; "
          f"output: {result.width}x{result.height} JPEG, {len(result.data) / 1e3:.0f} kB, no metadata; n={args.n}")
    print(f"photo pipeline: median {p:.3f} s; plain Pillow decode: median {d:.3f} s; ratio {p / d:.2f}")
    print(f"without draft(): median {nd:.3f} s; draft() saves {1 - p / nd:.0%} of the pipeline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
