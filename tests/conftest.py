import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QDIR = ROOT / "questionnaires"
DATA = ROOT / "tests" / "data"

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
    import atexit
    import shutil
    import tempfile

    os.environ["ARBOCHECK_HOME"] = tempfile.mkdtemp(prefix="arbocheck-test-home-")
    # gone when the run ends (each run left one behind in the temporary folder)
    atexit.register(shutil.rmtree, os.environ["ARBOCHECK_HOME"], ignore_errors=True)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def mini():
    from arbocheck.core.questionnaire import loader as qloader

    return qloader.load(DATA / "mini.yaml")


# -- the register tests (tests/core/employer, tests/cli): one throw-away PostgreSQL server --


@pytest.fixture(scope="session")
def postgres():
    """An SQLAlchemy URL of a real PostgreSQL server (None when its binaries are not installed)."""
    import pg

    with pg.server() as url:
        yield url


@pytest.fixture(scope="session")
def employer_signer():
    """The employer's key that signs the register's checkpoints in tests."""
    from arbocheck.core.trust import keys

    return keys.generate("Werkgever")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_reg(request, tmp_path, employer_signer):
    """An empty register on SQLite, and the same on the real PostgreSQL server."""
    from arbocheck.core.employer.register import Register
    from arbocheck.core.employer.schema import metadata

    if request.param == "sqlite":
        return Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}", signer=employer_signer)
    url = request.getfixturevalue("postgres")
    if url is None:
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    from sqlalchemy import create_engine

    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return Register.open(url, pdf_dir=tmp_path / "pdfs", signer=employer_signer)


# -- the command line, run in this process (tests/cli and the end-to-end tests of the packages) --


class Ran:
    """What one command did, named as subprocess.CompletedProcess names it."""

    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr

    def __repr__(self) -> str:
        return f"Ran({self.returncode}, stdout={self.stdout!r}, stderr={self.stderr!r})"


@pytest.fixture
def cli(capsys, monkeypatch):
    """`cli(*args, env={...})` runs `arbocheck ARGS` through arbocheck.cli.main in this process.

    `env` is set for that call only (None removes a variable); the settings read ARBOCHECK_*
    at call time. Each call starts as a new process would: no employer key is kept open from
    the call before (campaign_setup keeps it open for the life of a process)."""
    def run(*args, env: dict | None = None) -> Ran:
        from arbocheck.cli import main
        from arbocheck.core.employer import campaign_setup

        with monkeypatch.context() as m:
            for name, value in (env or {}).items():
                if value is None:
                    m.delenv(name, raising=False)
                else:
                    m.setenv(name, os.fspath(value))
            campaign_setup._unlocked.clear()
            capsys.readouterr()
            code = main([os.fsdecode(a) for a in args])
            out, err = capsys.readouterr()
        campaign_setup._unlocked.clear()
        return Ran(code, out, err)

    return run
