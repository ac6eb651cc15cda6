import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QDIR = ROOT / "questionnaires"
DATA = Path(__file__).resolve().parent / "core" / "data"

# Offscreen Qt for every GUI test; harmless for the core tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Test settings, inherited by the CLI processes tests start: scrypt for enrolment codes and for
# key passphrases made cheap (the product default is strong; campaign.TEST_FAST_KDF), no real
# keychain ever touched (a file-backed test keyring, tests/keyring_backend.py), and a user data
# folder of the test run's own unless a test gives one.
os.environ["ARBOCHECK_TEST_FAST_KDF"] = "1"
os.environ["ARBOCHECK_KEY_PROTECTION"] = "keyring"
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring_backend.TestKeyring"
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent),
                                                         os.environ.get("PYTHONPATH")]))
if "ARBOCHECK_HOME" not in os.environ:
    import tempfile

    os.environ["ARBOCHECK_HOME"] = tempfile.mkdtemp(prefix="arbocheck-test-home-")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def mini():
    from arbocheck.core.questionnaire import loader as qloader

    return qloader.load(DATA / "mini.yaml")
