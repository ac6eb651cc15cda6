"""Build arbocheck as a one-folder program and pack it for this platform.

Run: python packaging/build.py        (needs: pip install -e ".[package]")
Output: dist/arbocheck/ (the program), and on Linux dist/arbocheck-VERSION-linux-ARCH.tar.gz
with the .desktop file and icon. Prints the size of the build.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dist", type=Path, default=DIST, help="output folder (default: dist/)")
    ap.add_argument("--no-archive", action="store_true", help="only the one-folder build (the smoke test)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from arbocheck import __version__

    dist = args.dist.resolve()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(dist / ".work"),
                    str(ROOT / "packaging" / "arbocheck.spec")], check=True)
    app = dist / "arbocheck"
    print(f"one-folder build: {app} ({folder_size(app) / 1e6:.0f} MB)")
    if sys.platform.startswith("linux") and not args.no_archive:
        shutil.copy(ROOT / "packaging" / "linux" / "arbocheck.desktop", app / "arbocheck.desktop")
        shutil.copy(ROOT / "assets" / "icons" / "arbocheck-256.png", app / "arbocheck.png")
        tar = dist / f"arbocheck-{__version__}-linux-{platform.machine()}.tar.gz"
        with tarfile.open(tar, "w:gz") as tf:
            tf.add(app, arcname=f"arbocheck-{__version__}")
        print(f"tarball: {tar} ({tar.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
