"""arbocheck.core must stay free of Qt (DESIGN.md §2)."""

import pkgutil
import subprocess
import sys

import arbocheck.core


def test_importing_every_core_module_loads_no_pyside6():
    names = [m.name for m in pkgutil.walk_packages(arbocheck.core.__path__, "arbocheck.core.")]
    assert len(names) >= 8, names
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
