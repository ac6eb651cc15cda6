"""Benchmark: does the GUI thread stall while photos are processed?

A 5 ms timer ticks on the GUI thread while the wizard adds ten 12-megapixel
phone photos through its photo strip (decoded, stripped and stored in the
background). The longest gap between ticks is the longest stall a person would
feel. Measured in the same run: the same timer with the wizard idle.

Goal (issue: worker wizard): the GUI thread never stalls more than 100 ms.
Run: python tests/bench/bench_wizard_stall.py
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PHOTOS = 10
TICK_MS = 5


def phone_photo(path: Path, seed: int) -> None:
    from PIL import Image

    size = (4000, 3000)
    grad = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 30 + seed)
    im = Image.merge("RGB", (grad, noise, grad.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, exif=exif)
    path.write_bytes(buf.getvalue())


def gaps_while(app, work, done) -> list[float]:
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    work()
    deadline = time.perf_counter() + 120
    while not done() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    return [(b - a) * 1000 for a, b in zip(ticks, ticks[1:])]


def main() -> None:
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARBOCHECK_HOME"] = str(Path(tmp) / "home")
        app = QApplication.instance() or QApplication([])
        from arbocheck.ui.app import App

        files = []
        for i in range(PHOTOS):
            p = Path(tmp) / f"photo{i}.jpg"
            phone_photo(p, i)
            files.append(p)
        a = App(lang="nl")
        w = a.open_worker()
        strip = next(iter(w.strips.values()))
        idle_start = time.perf_counter()
        idle = gaps_while(app, lambda: None, lambda: time.perf_counter() - idle_start > 3)
        t0 = time.perf_counter()
        busy = gaps_while(app, lambda: [strip.add_file(str(f)) for f in files],
                          lambda: strip.busy == 0 and a.runner.pending == 0)
        took = time.perf_counter() - t0
        added = len(strip.tile_refs())
        w.close()
    worst_idle, worst_busy = max(idle), max(busy)
    p99 = statistics.quantiles(busy, n=100)[98]
    print(f"{added}/{PHOTOS} photos of 12 MP processed in {took:.1f} s in the background")
    print(f"GUI thread: longest gap between {TICK_MS} ms ticks while processing {worst_busy:.0f} ms "
          f"(p99 {p99:.0f} ms); idle {worst_idle:.0f} ms; ratio busy/idle {worst_busy / worst_idle:.2f}; "
          f"goal: under 100 ms -> {'met' if worst_busy < 100 else 'NOT met'}")


if __name__ == "__main__":
    main()
