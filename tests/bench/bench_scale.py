"""The employer of 500 and more, at scale (issue 14, item 7), on SQLite and PostgreSQL:

1. Import N signed, enrolled reports (default 1000) into a register that already holds 100,000
   (with their findings, measures, a campaign of 100,000 employees with departments, and a
   signed checkpoint), as a ratio of the throughput into an empty register, same files, same
   run. Goal: at least 0.9.
2. The employer window's open time on that register: from constructing the window until its
   summary, first page of employees and of measures are shown (synchronous runner, offscreen).
   Goal: under 0.5 s.

The 100,000 are stored through the register's own append path (Register.add_reports and
add_campaign: real hash chains, one transaction per 5,000), then the running roll-up is
computed once and a checkpoint signed, so the import that follows chains and signs as in use.

Run: python tests/bench/bench_scale.py   (BENCH_REPORTS=200 BENCH_SYNTHETIC=20000 for a quick run;
BENCH_ONLY=postgresql for that server alone)
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

N_REPORTS = int(os.environ.get("BENCH_REPORTS", "1000"))
N_SYNTHETIC = int(os.environ.get("BENCH_SYNTHETIC", "100000"))
WORKERS = min(2, os.cpu_count() or 1)
DEPARTMENTS = ["Financiën", "ICT", "Zorg", "Onderwijs", "Beheer", "Inkoop", "Juridisch", "Communicatie"]


def fill(reg, employer, n: int) -> None:
    """n reports of a campaign of n employees, through the register's append path."""
    from arbocheck.core.employer.schema import campaign_employees, campaigns, employee_groups
    from arbocheck.core.trust import campaign
    from arbocheck.core.questionnaire import loader as qloader

    q = qloader.find("thuiswerkplek")
    data = campaign.create(employer, organisation="Groot", campaign_id="groot", questionnaire_id=q.id,
                           questionnaire_version=q.version, deadline="2030-12-31", expert_recipient=None)
    rng = random.Random(3)
    sections = ["desk", "chair", "screen", "lighting", "breaks", "balance", "movement", "keyboard_mouse"]
    plan = [("laptop_stand", "Laptopstandaard verstrekken", "employer", True),
            ("office_chair", "Bureaustoel", "employer", True), ("adjust_screen", "Scherm goed zetten", "worker", False),
            ("reachability_agreement", "Afspraken", "both", False)]
    batch = 5000
    with reg.write() as conn:
        reg._append(conn, campaigns, {"at": "2026-11-01T00:00:00+00:00", "campaign_id": "groot",
                                      "campaign_file": data.decode("utf-8"), "n_employees": n})
    for start in range(0, n, batch):
        ids = [f"G{i:06d}" for i in range(start, min(n, start + batch))]
        items = []
        for eid in ids:
            a = {"report_id": f"r-{eid}", "revision": 1, "created_at": "2026-11-24T09:00:00+00:00",
                 "campaign_id": "groot", "employee_id": eid, "signer": {"name": eid},
                 "counts": {"high": rng.randint(0, 2), "medium": rng.randint(0, 5), "low": rng.randint(0, 3)},
                 "findings": [{"rule": f"{s}_rule", "section": s, "priority": rng.choice(["high", "medium", "low"])}
                              for s in rng.sample(sections, 3)],
                 "action_plan": [{"measure": m, "text": t, "owner": o, "priority": "medium", "term_days": 90,
                                  "term_label": "3 maanden", "provision": p} for m, t, o, p in rng.sample(plan, 2)]}
            row = reg.report_row(a, signer_fp=f"FP{eid}", enrolment="enrolled", pdf_sha256="0" * 64)
            items.append((row, a))
        with reg.write() as conn:
            reg._append_many(conn, campaign_employees, [{"campaign_id": "groot", "employee_id": e, "name": e,
                                                         "key_check": ""} for e in ids])
            reg._append_many(conn, employee_groups, [{"campaign_id": "groot", "employee_id": e,
                                                      "department": rng.choice(DEPARTMENTS), "team": "",
                                                      "location": "", "manager": ""} for e in ids])
            reg.add_reports(conn, items)
    refused = reg.rebuild_overview(accept_unsigned=True)  # the running roll-up once, and a signed checkpoint
    assert not refused, refused
    if reg.engine.dialect.name == "postgresql":  # as a register in use is: vacuumed, not in the middle of it
        with reg.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")


def make_reports(folder: Path, n: int, codes: dict[str, str]) -> None:
    import yaml

    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.report.assessment import ReportMeta
    from arbocheck.core.report.build import build
    from arbocheck.core.trust import campaign, keys

    q = qloader.find("thuiswerkplek")
    pool = [yaml.safe_load(p.read_text())["answers"] for p in sorted((ROOT / "tests" / "scenarios").glob("*.yaml"))]
    key = keys.generate("Bench")
    for i in range(n):
        eid = f"E{i:05d}"
        rm = ReportMeta(signer_name="Bench", fingerprint="", employee_id=eid, campaign_id="bench",
                        enrolment_proof=campaign.enrolment_proof(codes[eid], "bench", eid, key.spki_der))
        ex = build(q, pool[i % len(pool)], {}, key, rm, lambda x: b"", personal_copy=False)
        (folder / f"r{i:05d}.pdf").write_bytes(ex.signed)


def open_time(reg) -> float:
    """Seconds from constructing the employer window until its overview is shown (synchronous runner)."""
    from PySide6.QtWidgets import QApplication

    from arbocheck.ui.employer.window import EmployerWindow
    from arbocheck.ui.tasks import SyncRunner

    app = QApplication.instance() or QApplication([])
    t0 = time.perf_counter()
    w = EmployerWindow(reg, SyncRunner("nl"), "nl", url=reg.url)
    app.processEvents()
    took = time.perf_counter() - t0
    assert w.employees_tab.model.rows and w.summary_ is not None
    w.close()
    w.deleteLater()
    app.processEvents()
    return took


def bench(url_empty: str, url_full: str, label: str, tmp: Path, files: Path, new, employer) -> None:
    from sqlalchemy import func, select

    from arbocheck.core.employer.importer import import_files
    from arbocheck.core.employer.register import Register
    from arbocheck.core.employer.schema import reports

    import shutil

    # Warm up first (module imports, the questionnaire's parse, the file cache), so that neither
    # measured run pays for what the other did not: 16 of the files into a scratch register.
    warm = tmp / f"warm-{label}"
    warm.mkdir()
    for f in sorted(files.glob("*.pdf"))[:16]:
        shutil.copy(f, warm / f.name)
    scratch = Register.open(f"sqlite:///{tmp / f'warm-{label}.sqlite'}", pdf_dir=tmp / f"pdfs-warm-{label}")
    import_files(scratch, [warm], workers=WORKERS)
    scratch.engine.dispose()
    rates = {}
    for name, url in (("empty", url_empty), ("full", url_full)):
        reg = Register.open(url, pdf_dir=tmp / f"pdfs-{label}-{name}", signer=employer)
        if name == "full":
            t0 = time.perf_counter()
            fill(reg, employer, N_SYNTHETIC)
            print(f"{label}: {N_SYNTHETIC} reports stored through the append path in {time.perf_counter() - t0:.0f} s")
        reg.add_campaign(new.file, new.employees, new.codes, new.keys)
        t0 = time.perf_counter()
        out = import_files(reg, [files], workers=WORKERS)
        took = time.perf_counter() - t0
        assert sum(o.accepted for o in out) == N_REPORTS, [o.line() for o in out if not o.accepted][:3]
        rates[name] = N_REPORTS / took
        with reg.engine.connect() as conn:
            held = conn.execute(select(func.count()).select_from(reports)).scalar_one()
        print(f"{label}: import of {N_REPORTS} into a register of {held - N_REPORTS} reports: {rates[name]:.1f} files/s")
        if name == "full":
            times = [open_time(reg) for _ in range(5)]
            print(f"{label}: employer window open time on {held} reports: median {statistics.median(times):.3f} s "
                  f"(goal < 0.5 s; {', '.join(f'{x:.2f}' for x in times)})")
        reg.engine.dispose()
    print(f"{label}: import throughput into the full register: {rates['full'] / rates['empty']:.2f} of the empty "
          f"one (goal >= 0.9)")


def main() -> None:
    from arbocheck.core.employer import campaign_setup
    from arbocheck.core.trust import keys

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["ARBOCHECK_HOME"] = str(tmp / "home")
        employer = keys.generate("Bench employer")
        employees = "employee_id;afdeling\n" + "".join(f"E{i:05d};{['ICT', 'Zorg'][i % 2]}\n" for i in range(N_REPORTS))
        new = campaign_setup.make(organisation="Bench", campaign_id="bench", deadline="2030-12-31",
                                  employees_csv=employees, expert_recipient=None, key=employer)
        from arbocheck.core.trust.campaign import enrolment_keys

        new = type(new)(new.file, new.campaign, new.employees, new.codes, new.codes_csv,
                        enrolment_keys("bench", new.codes))
        files = tmp / "reports"
        files.mkdir()
        t0 = time.perf_counter()
        make_reports(files, N_REPORTS, new.codes)
        print(f"made {N_REPORTS} signed reports in {time.perf_counter() - t0:.0f} s")
        if os.environ.get("BENCH_ONLY", "sqlite") == "sqlite" or "BENCH_ONLY" not in os.environ:
            bench(f"sqlite:///{tmp / 'empty.sqlite'}", f"sqlite:///{tmp / 'full.sqlite'}", "SQLite", tmp, files,
                  new, employer)
        import pg
        from sqlalchemy import create_engine, text

        with pg.server() as url:
            if url is None:
                print("PostgreSQL: server binaries not installed, skipped")
                return
            engine = create_engine(url, isolation_level="AUTOCOMMIT")
            with engine.connect() as conn:
                conn.execute(text("CREATE DATABASE bench_empty"))
                conn.execute(text("CREATE DATABASE bench_full"))
            engine.dispose()
            from sqlalchemy.engine import make_url

            def db(name: str) -> str:
                return make_url(url).set(database=name).render_as_string(hide_password=False)

            bench(db("bench_empty"), db("bench_full"), "PostgreSQL", tmp, files, new, employer)


if __name__ == "__main__":
    main()
