"""Run every benchmark under tests/bench and print their ratios.

Run: python tests/bench/run_all.py
Each benchmark measures its baseline in the same run (this machine is shared and
noisy): read the ratios, not the absolute times.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    for bench in sorted(HERE.glob("bench_*.py")):
        print(f"== {bench.stem}", flush=True)
        r = subprocess.run([sys.executable, str(bench)], text=True, capture_output=True)
        print(r.stdout.rstrip())
        if r.returncode:
            failed += 1
            print(f"   failed (exit {r.returncode}): {r.stderr.strip().splitlines()[-1:]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
