"""Smoke test of the frozen build: build it, then run it as an employee would (no Python needed)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.frozen, pytest.mark.slow]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    if shutil.which("pyinstaller") is None and subprocess.run(
            [sys.executable, "-c", "import PyInstaller"], capture_output=True).returncode:
        pytest.skip("PyInstaller is not installed (pip install -e '.[test]')")
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist), "--no-archive"],
                   check=True, capture_output=True, timeout=900)
    exe = dist / "arbocheck" / ("arbocheck.exe" if os.name == "nt" else "arbocheck")
    assert exe.exists()
    return exe


def run(exe, *args, tmp_path, **env):
    e = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    e.update(QT_QPA_PLATFORM="offscreen", ARBOCHECK_HOME=str(tmp_path / "home"), **env)
    return subprocess.run([str(exe), *args], capture_output=True, text=True, env=e, timeout=300)


def test_frozen_version_demo_and_verify(frozen, tmp_path):
    from arbocheck import __version__

    r = run(frozen, "--version", tmp_path=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == f"arbocheck {__version__}"
    out = tmp_path / "demo"
    r = run(frozen, "demo", "--out", str(out), tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run(frozen, "report", "verify", str(out / "demo-rie-bijdrage.pdf"), "--campaign",
            str(out / "demo-campagne.json"), tmp_path=tmp_path)
    assert r.returncode == 0 and "valid" in r.stdout, r.stdout + r.stderr
    r = run(frozen, "report", "verify", str(out / "demo-persoonlijke-kopie.pdf"), tmp_path=tmp_path)
    assert r.returncode == 1


def test_frozen_register_import_checks_in_worker_processes(frozen, tmp_path):
    """The employer's import starts worker processes from the frozen program itself, and signs
    its checkpoints with the employer's key (protected by a passphrase given for scripts)."""
    out = tmp_path / "in"
    out.mkdir()
    sample = ROOT / "questionnaires" / "examples" / "sample-worker.json"
    r = run(frozen, "report", "build", str(sample), "--out", str(out / "rapport.pdf"), tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run(frozen, "demo", "--out", str(tmp_path / "demo"), tmp_path=tmp_path)
    assert r.returncode == 0, r.stderr
    (out / "kapot.pdf").write_bytes(b"%PDF-1.7 not signed")
    db = f"sqlite:///{tmp_path / 'register.sqlite'}"
    employer = {"ARBOCHECK_KEY_PROTECTION": "passphrase", "ARBOCHECK_EMPLOYER_PASSPHRASE": "een lange zin"}
    r = run(frozen, "register", "import", str(out / "rapport.pdf"), str(out / "kapot.pdf"),
            str(tmp_path / "demo" / "demo-rie-bijdrage.pdf"), "--db", db, tmp_path=tmp_path, **employer)
    assert "rapport.pdf: accepted" in r.stdout and "kapot.pdf: rejected" in r.stdout, r.stdout + r.stderr
    assert "demo-rie-bijdrage.pdf: rejected: the report belongs to campaign" in r.stdout  # not registered here
    assert r.returncode == 1 and "Traceback" not in r.stderr
    r = run(frozen, "register", "verify", "--db", db, tmp_path=tmp_path)
    assert r.returncode == 0 and "intact" in r.stdout, r.stdout + r.stderr


def test_frozen_start_window_opens(frozen, tmp_path):
    r = run(frozen, tmp_path=tmp_path, ARBOCHECK_EXIT_AFTER_SHOW="1")
    assert r.returncode == 0 and "arbocheck: window shown" in r.stdout, r.stderr


def test_frozen_build_carries_qt_dutch_texts(frozen):
    """Qt's own dialogs speak Dutch in the frozen program too (arbocheck/ui/qt_translations.py finds them)."""
    found = list(frozen.parent.rglob("qtbase_nl.qm"))
    assert found and any(p.parent.name == "translations" for p in found)
