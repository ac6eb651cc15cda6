"""The importer under hostile conditions that are not the files' content: names that could forge
a line, special files, unreadable folders, a killed parent, a failure in the parent on one
file, a database that refuses one report of a batch, and PDFs left in the store."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from arbocheck.core.employer import importer
from arbocheck.core.trust import keys
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.employer.importer import entries, import_files
from arbocheck.core.employer.register import Register
from arbocheck.core.report.build import build
from arbocheck.core.common.shown import shown
from locations import SCENARIOS

SCEN = SCENARIOS


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Ten genuine reports of ten employees (one key each)."""
    folder = tmp_path_factory.mktemp("genuine")
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCEN / "laptop_only_all_day.yaml").read_text())["answers"]
    out = []
    for i in range(10):
        key = keys.generate(f"W{i}")
        ex = build(q, answers, {}, key, ReportMeta(signer_name=f"W{i}", fingerprint="", employee_id=f"E{i}"),
                   lambda x: b"", personal_copy=False)
        out.append(folder / f"r{i}.pdf")
        out[-1].write_bytes(ex.signed)
    return out


def test_shown_escapes_what_could_forge_a_line():
    assert shown("a\nb.pdf: accepted") == "a\\nb.pdf: accepted"
    assert shown("\x1b[32mok") == "\\x1b[32mok"
    assert shown("x\u202ecod.exe") == "x\\u202ecod.exe"
    assert shown(os.fsdecode(b"caf\xe9.pdf")) == "caf\\udce9.pdf"
    assert shown("C:\\Users\\anna\\r.pdf") == "C:\\Users\\anna\\r.pdf"
    assert shown("Jürgen Ørsted 東京.pdf") == "Jürgen Ørsted 東京.pdf"
    assert shown("a\u2028b") == "a\\u2028b"


@pytest.mark.skipif(os.name != "posix", reason="file names with any byte: POSIX")
def test_names_with_control_characters_are_shown_escaped(reports, tmp_path, cli):
    folder = tmp_path / "in"
    folder.mkdir()
    genuine = reports[0].read_bytes()
    names = [b"a\nfake.pdf: accepted (known key)", b"\x1b[2J\x1b[32mgreen.pdf", b"rtl\xe2\x80\xaeexe.pdf",
             b"latin1-caf\xe9.pdf", b"cr\rreturn.pdf", b"tab\tname.pdf"]
    for i, n in enumerate(names):
        data = genuine if i == 0 else b"not a pdf"
        with open(os.path.join(os.fsencode(folder), n), "wb") as f:
            f.write(data)
    r = cli("register", "import", folder, "--db", f"sqlite:///{tmp_path / 'r.sqlite'}",
            env={"ARBOCHECK_HOME": tmp_path / "home"})
    out, err = r.stdout, r.stderr
    assert "Traceback" not in err and "\x1b" not in out and "\r" not in out and "\u202e" not in out
    lines = out.splitlines()
    assert len(lines) == len(names) + 1, lines  # one per file, then the summary
    assert sum(": accepted (" in ln for ln in lines) == 1
    assert any(ln.startswith(str(folder) + "/a\\nfake.pdf: accepted (known key): accepted") for ln in lines), lines
    assert any("latin1-caf\\udce9.pdf: rejected: this is not a PDF file" in ln for ln in lines), lines
    assert lines[-1] == "1 accepted, 5 rejected"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX")
def test_special_files_and_unreadable_folders_get_their_own_line(reports, tmp_path, monkeypatch, employer_signer):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "r.pdf").write_bytes(reports[1].read_bytes())
    os.mkfifo(folder / "pipe.pdf")
    os.mkfifo(tmp_path / "direct.pdf")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.pdf"))
    (folder / "locked").mkdir()
    (folder / "link").symlink_to(folder / "sub")
    real_scandir = os.scandir

    def scandir(path="."):  # root may read any folder: refuse this one as a user's system would
        if isinstance(path, (str, os.PathLike)) and Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(importer.os, "scandir", scandir)
    try:
        reg = Register.open(f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}", signer=employer_signer)
        out = {o.path.name: o for o in import_files(reg, [folder, tmp_path / "direct.pdf", tmp_path / "gone.pdf"])}
    finally:
        sock.close()
    assert out["r.pdf"].accepted
    assert out["pipe.pdf"].skipped and out["pipe.pdf"].key == "skipped.fifo"
    assert out["direct.pdf"].line() == f"{tmp_path / 'direct.pdf'}: skipped: it is a named pipe (FIFO), not a file"
    assert out["sock.pdf"].key == "skipped.socket"
    assert out["locked"].key == "skipped.unreadable_folder" and "Permission denied" in out["locked"].reason
    assert out["link"].key == "skipped.folder_link"
    assert out["gone.pdf"].key == "skipped.missing"
    assert out["pipe.pdf"].text("nl") == "het is een named pipe (FIFO), geen bestand"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs: POSIX")
def test_a_fifo_swapped_in_after_listing_does_not_block(tmp_path):
    """The worker opens without blocking and looks at what it opened, not at the listing."""
    os.mkfifo(tmp_path / "p.pdf")
    result = importer.check_file(str(tmp_path / "p.pdf"))  # in this process: a blocking open would hang here
    assert result == {"ok": False, "key": "skipped.fifo", "params": {}, "skipped": True}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every folder")
def test_a_folder_without_read_permission_is_skipped(reports, tmp_path):
    locked = tmp_path / "in" / "locked"
    locked.mkdir(parents=True)
    locked.chmod(0)
    try:
        [(path, pre)] = entries([tmp_path / "in"])
    finally:
        locked.chmod(0o700)
    assert path == locked and pre["key"] == "skipped.unreadable_folder"


def _descendants(pid: int) -> set[int]:
    parents = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                fields = Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(d)] = int(fields[1])
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        kids = {c for c, pp in parents.items() if pp == p} - out
        out |= kids
        todo += kids
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_die_with_a_killed_parent(reports, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(200):
        (folder / f"r{i:03d}.pdf").write_bytes(reports[i % len(reports)].read_bytes())
    env = dict(os.environ, ARBOCHECK_HOME=str(tmp_path / "home"), PYTHONUNBUFFERED="1")
    parent = subprocess.Popen([sys.executable, "-m", "arbocheck", "register", "import", str(folder), "--db",
                               f"sqlite:///{tmp_path / 'r.sqlite'}"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, env=env)
    try:
        parent.stdout.readline()  # the first verdict: the workers are running
        workers = _descendants(parent.pid)
        assert len(workers) >= 2, workers
    finally:
        os.kill(parent.pid, signal.SIGKILL)  # the parent only, not its process group
        parent.wait()
    for _ in range(100):
        if not any(_alive(p) for p in workers):
            break
        time.sleep(0.1)
    left = [p for p in workers if _alive(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    assert not left, "workers outlived their parent"


def test_a_failure_in_the_parent_ends_that_file_only(reports, tmp_path, monkeypatch, employer_signer):
    """One file whose admission fails (here: a bug planted for it) is 'rejected: internal error',
    named; the files after it, in the same batch and later, still get their verdicts."""
    real = importer._Admission._admit

    def admit(self, state, path, r):
        if path.name == "r3.pdf":
            raise KeyError("planted")
        return real(self, state, path, r)

    monkeypatch.setattr(importer._Admission, "_admit", admit)
    reg = Register.open(f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}", signer=employer_signer)
    out = import_files(reg, reports)
    assert [o.accepted for o in out] == [i != 3 for i in range(10)]
    assert out[3].line() == f"{reports[3]}: rejected: internal error while processing it (KeyError); " \
                            "the other files go on"
    assert reg.verify() == []


def test_a_batch_that_fails_is_stored_report_by_report(reports, tmp_path, monkeypatch, employer_signer):
    """The roll-up of one report fails inside the batch's transaction: that report is refused, its
    batch-mates are stored one by one, and no PDF is left in the store without its row."""
    from arbocheck.core.employer import rollup

    real = rollup.apply

    def apply(conn, added):
        if any(s.person == "E4" for s in added):
            raise ValueError("planted")
        return real(conn, added)

    monkeypatch.setattr(rollup, "apply", apply)
    reg = Register.open(f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}", signer=employer_signer)
    out = import_files(reg, reports)
    assert [o.accepted for o in out] == [i != 4 for i in range(10)]
    assert out[4].key == "internal_error"
    assert reg.verify() == []
    assert len(list(reg.pdf_dir.glob("*.pdf"))) == 9
    assert not any((reg.pdf_dir / importer.STAGING).iterdir())  # this run's staging folder is gone


def test_one_over_long_field_on_postgresql_rejects_that_report_only(reports, postgres, tmp_path, monkeypatch, employer_signer):
    if postgres is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    from sqlalchemy import create_engine

    from arbocheck.core.employer.schema import metadata

    engine = create_engine(postgres)
    metadata.drop_all(engine)
    engine.dispose()
    real = Register.report_row

    def report_row(assessment, **kw):
        row = real(assessment, **kw)
        if assessment.get("employee_id") == "E6":  # as if a field slipped past the model
            row["signer_fp"] = "F" * 81
        return row

    monkeypatch.setattr(Register, "report_row", staticmethod(report_row))
    reg = Register.open(postgres, pdf_dir=tmp_path / "pdfs", signer=employer_signer)
    many = []
    for i in range(16):
        p = tmp_path / f"c{i:02d}.pdf"
        p.write_bytes(reports[i % 10].read_bytes()) if i < 10 else p.symlink_to(reports[i % 10])
        many.append(p)
    out = import_files(reg, many)
    assert out[6].key == "register_failed" and "too long" in out[6].reason, out[6].line()
    assert [o.accepted for o in out[:10]] == [i != 6 for i in range(10)]
    assert all(o.key == "duplicate" for o in out[10:])  # the same reports again
    assert reg.verify() == []


def test_verify_names_a_file_no_row_refers_to(reports, tmp_path, employer_signer):
    reg = Register.open(f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}", signer=employer_signer)
    import_files(reg, reports[:2])
    assert reg.verify() == []
    (reg.pdf_dir / ("0" * 64 + ".pdf")).write_bytes(b"%PDF-1.4 stray")
    (reg.pdf_dir / "notes\n.txt").write_bytes(b"x")
    problems = reg.verify()
    assert problems == [f"the store holds {'0' * 64}.pdf, which no report refers to",
                        "the store holds notes\\n.txt, which no report refers to"]


def test_a_killed_run_leaves_nothing_the_next_run_keeps(reports, tmp_path, employer_signer):
    """A staging folder of a run killed long ago is removed by the next run; a fresh one of a run
    that may still be going is left alone."""
    reg = Register.open(f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}", signer=employer_signer)
    root = reg.pdf_dir / importer.STAGING
    old, fresh = root / "1-old", root / "2-fresh"
    for d in (old, fresh):
        d.mkdir(parents=True)
        (d / "x.pdf").write_bytes(b"x")
    past = time.time() - importer.STALE_STAGING_S - 60
    os.utime(old, (past, past))
    import_files(reg, reports[:1])
    assert not old.exists() and fresh.exists()
    assert reg.verify() == []


def test_a_campaign_cannot_hand_out_an_employee_id_no_report_could_carry():
    from arbocheck.core.trust import campaign
    from arbocheck.core.trust.campaign import CampaignError

    with pytest.raises(CampaignError) as e:
        campaign.read_employees("employee_id;name\n" + "E" * 65 + ";Anna\nE\x07;Bram\nE1;Cor\n")
    text = str(e.value)
    assert "line 2:" in text and "longer than 64" in text and "line 3:" in text and "U+0007" in text, text
    assert campaign.read_employees("employee_id\n" + "E" * 64 + "\n")[0]["employee_id"] == "E" * 64
