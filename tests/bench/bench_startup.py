"""Benchmark: cold start until the start window is shown, as a ratio to a bare PySide6
window shown and closed in the same run; for the source install and, when built, the frozen build.

Goal (issue: packaging): at most 1.5x.  Run: python tests/bench/bench_startup.py
(Build the frozen program first with python packaging/build.py to include it.)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "dist" / "arbocheck" / ("arbocheck.exe" if os.name == "nt" else "arbocheck")
N = 9
BARE = ("from PySide6.QtWidgets import QApplication, QWidget\n"
        "from PySide6.QtCore import QTimer\n"
        "app = QApplication([]); w = QWidget(); w.show(); QTimer.singleShot(0, app.quit); app.exec()\n")


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   ARBOCHECK_HOME=home, ARBOCHECK_EXIT_AFTER_SHOW="1")
        # An installed program starts from compiled bytecode (pip compiles at install, the frozen
        # build bundles it): let the warm-up run write it, as a first start would.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        runs = {"bare PySide6 window": [sys.executable, "-c", BARE],
                "arbocheck (source install)": [sys.executable, "-m", "arbocheck", "gui"]}
        if FROZEN.exists():
            runs["arbocheck (frozen build)"] = [str(FROZEN), "gui"]
        for cmd in runs.values():  # warm the file cache once
            timed(cmd, env)
        times: dict[str, list[float]] = {k: [] for k in runs}
        for _ in range(N):  # interleaved: machine noise hits all alike
            for name, cmd in runs.items():
                times[name].append(timed(cmd, env))
    base = statistics.median(times["bare PySide6 window"])
    print(f"bare PySide6 window: median {base:.3f} s (n={N})")
    for name in runs:
        if name.startswith("arbocheck"):
            m = statistics.median(times[name])
            print(f"{name}: median {m:.3f} s; ratio {m / base:.2f} (goal <= 1.5)")
    if not FROZEN.exists():
        print("frozen build: not built (python packaging/build.py)")


if __name__ == "__main__":
    main()
