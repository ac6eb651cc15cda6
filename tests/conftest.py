import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QDIR = ROOT / "questionnaires"
DATA = Path(__file__).resolve().parent / "core" / "data"

# Offscreen Qt for every GUI test; harmless for the core tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def mini():
    from arbocheck.core import qloader

    return qloader.load(DATA / "mini.yaml")
