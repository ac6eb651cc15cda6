"""Benchmarks for the employer's register, each measured against its baseline in the same run.

1. Import N generated signed reports (default 1000) into a fresh register, as a ratio of
   throughput to plain pyHanko validation of the same files with the same number of
   processes. Goal: at least 0.5.
2. The overview query on a register of 100,000 synthetic reports, on SQLite and (when the
   server binaries are installed) on PostgreSQL. Goal: median under 0.5 s.

Run: python tests/bench/bench_register.py   (BENCH_REPORTS=200 for a quick run)
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

N_REPORTS = int(os.environ.get("BENCH_REPORTS", "1000"))
N_SYNTHETIC = int(os.environ.get("BENCH_SYNTHETIC", "100000"))
WORKERS = min(2, os.cpu_count() or 1)


def make_reports(folder: Path, n: int, codes: dict[str, str]) -> None:
    """n signed reports of a registered campaign, each with its enrolment proof (scrypt at full cost)."""
    import yaml

    from arbocheck.core.trust import campaign, keys
    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.report.assessment import ReportMeta
    from arbocheck.core.report.build import build

    q = qloader.find("thuiswerkplek")
    scen = ROOT / "tests" / "scenarios"
    pool = [yaml.safe_load(p.read_text())["answers"] for p in sorted(scen.glob("*.yaml"))]
    key = keys.generate("Bench")
    for i in range(n):
        eid = f"E{i:05d}"
        rm = ReportMeta(signer_name="Bench", fingerprint="", employee_id=eid, campaign_id="bench",
                        enrolment_proof=campaign.enrolment_proof(codes[eid], "bench", eid, key.spki_der))
        ex = build(q, pool[i % len(pool)], {}, key, rm, lambda x: b"", personal_copy=False)
        (folder / f"r{i:05d}.pdf").write_bytes(ex.signed)


def plain_validate(path: str) -> bool:
    """The baseline: pyHanko's own validation of the one signature, nothing else."""
    import io
    import logging

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    with open(path, "rb") as f:
        r = PdfFileReader(io.BytesIO(f.read()))
    sig = r.embedded_signatures[0]
    st = validate_pdf_signature(sig, ValidationContext(trust_roots=[sig.signer_cert], allow_fetching=False))
    return st.intact and st.valid


def bench_import(tmp: Path) -> None:
    from arbocheck.core.employer.importer import import_files
    from arbocheck.core.employer.register import Register

    from arbocheck.core.employer import campaign_setup
    from arbocheck.core.trust import keys

    folder = tmp / "reports"
    folder.mkdir()
    employer = keys.generate("Bench employer")
    # The real path: a registered campaign (the register derives and keeps one scrypt key per
    # employee, not timed here), every report enrolled with its proof, every batch's checkpoint
    # signed with the employer's key.
    reg = Register.open(f"sqlite:///{tmp / 'bench.sqlite'}", signer=employer)
    employees = "employee_id\n" + "".join(f"E{i:05d}\n" for i in range(N_REPORTS))
    t0 = time.perf_counter()
    new = campaign_setup.make(organisation="Bench", campaign_id="bench", deadline="2030-12-31",
                              employees_csv=employees, expert_recipient=None, register=reg, key=employer)
    campaign_setup.save(new, tmp / "bench.json", tmp / "bench-codes.csv", reg)
    print(f"campaign of {N_REPORTS} employees registered (scrypt key per code) in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    make_reports(folder, N_REPORTS, new.codes)
    print(f"made {N_REPORTS} signed reports in {time.perf_counter() - t0:.0f} s")
    files = sorted(str(p) for p in folder.glob("*.pdf"))
    with ProcessPoolExecutor(WORKERS) as pool:
        t0 = time.perf_counter()
        ok = sum(pool.map(plain_validate, files, chunksize=8))
        plain = time.perf_counter() - t0
    t0 = time.perf_counter()
    outcomes = import_files(reg, [folder], workers=WORKERS)
    ours = time.perf_counter() - t0
    accepted = sum(o.accepted for o in outcomes)
    print(f"plain pyHanko validation, {WORKERS} processes: {len(files) / plain:.1f} files/s ({ok} valid)")
    print(f"arbocheck register import, {WORKERS} processes: {len(files) / ours:.1f} files/s ({accepted} accepted)")
    print(f"import throughput ratio: {plain / ours:.2f} of plain validation (goal >= 0.5)")
    t0 = time.perf_counter()
    problems = reg.verify()
    print(f"register verify of {accepted} reports (chains, checkpoint, every stored PDF and assessment): "
          f"{time.perf_counter() - t0:.1f} s, {len(problems)} problem(s) (info)")


def fill_synthetic(reg, n: int) -> None:
    """n reports (with their finding and measure rows) inserted in bulk; the hash chains are
    filled with placeholders: this measures the query, not the import."""
    from arbocheck.core.employer.schema import findings, measures, reports

    rng = random.Random(3)
    sections = ["desk", "chair", "screen", "lighting", "breaks", "balance", "movement", "keyboard_mouse"]
    plan = [("laptop_stand", "Laptopstandaard verstrekken", "employer", 1), ("office_chair", "Bureaustoel", "employer", 1),
            ("adjust_screen", "Scherm goed zetten", "worker", 0), ("reachability_agreement", "Afspraken", "both", 0)]
    h = "0" * 64
    batch = 5000
    with reg.engine.begin() as conn:
        for start in range(0, n, batch):
            rows, frows, mrows = [], [], []
            for i in range(start, min(n, start + batch)):
                emp = f"E{i:06d}"
                rows.append({"seq": i + 1, "received_at": "2026-11-24T10:00:00+00:00", "report_id": f"r{i}",
                             "revision": 1, "created_at": "2026-11-24T09:00:00+00:00", "campaign_id": "c", "employee_id": emp, "person": emp, "signer_fp": "F",
                             "enrolment": "enrolled", "pdf_sha256": h, "n_high": rng.randint(0, 2),
                             "n_medium": rng.randint(0, 5), "n_low": rng.randint(0, 3),
                             "assessment": json.dumps({"report_id": f"r{i}"}), "prev_hash": h, "row_hash": h})
                for s in rng.sample(sections, 3):
                    frows.append({"report_seq": i + 1, "employee_id": emp, "rule": f"{s}_rule", "section": s,
                                  "priority": rng.choice(["high", "medium", "low"]), "prev_hash": h, "row_hash": h})
                for m, text, owner, prov in rng.sample(plan, 2):
                    mrows.append({"report_seq": i + 1, "employee_id": emp, "person": emp, "measure": m, "text": text,
                                  "owner": owner, "priority": "medium", "term_days": 90, "term_label": "3 maanden",
                                  "provision": prov, "prev_hash": h, "row_hash": h})
            conn.execute(reports.insert(), rows)
            conn.execute(findings.insert(), frows)
            conn.execute(measures.insert(), mrows)
    reg.rebuild_overview()  # the running roll-up the importer keeps, computed once for the bulk load


def bench_overview(url: str, label: str, pdf_dir: Path) -> None:
    """What the employer's window asks when it opens (or the campaign filter changes): the summary
    with the roll-up, and the first page of the employees and of what to arrange."""
    from arbocheck.core.employer import overview
    from arbocheck.core.employer.register import Register

    reg = Register.open(url, pdf_dir=pdf_dir)
    t0 = time.perf_counter()
    fill_synthetic(reg, N_SYNTHETIC)
    print(f"{label}: {N_SYNTHETIC} synthetic reports inserted in {time.perf_counter() - t0:.0f} s")
    times, parts = [], {"summary": [], "employees page": [], "provisions page": []}
    for _ in range(7):
        t0 = time.perf_counter()
        s = overview.summary(reg)
        t1 = time.perf_counter()
        emps, n_emps = overview.employees(reg)
        t2 = time.perf_counter()
        provs, n_provs = overview.provisions(reg)
        t3 = time.perf_counter()
        times.append(t3 - t0)
        for k, v in zip(parts, (t1 - t0, t2 - t1, t3 - t2)):
            parts[k].append(v)
    detail = ", ".join(f"{k} {statistics.median(v):.3f}" for k, v in parts.items())
    print(f"{label}: overview of {s.handed_in} reports ({n_emps} employees, {n_provs} open measures, first "
          f"{len(emps)}/{len(provs)} rows), median {statistics.median(times):.3f} s (goal < 0.5 s; {detail})")
    t0 = time.perf_counter()
    rows = overview.action_list(reg)
    print(f"{label}: the whole action list for export ({len(rows)} rows): {time.perf_counter() - t0:.2f} s (info)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        os.environ["ARBOCHECK_HOME"] = str(tmp / "home")
        bench_import(tmp)
        bench_overview(f"sqlite:///{tmp / 'overview.sqlite'}", "SQLite", tmp / "pdfs")
        import pg

        with pg.server() as url:
            if url is None:
                print("PostgreSQL: server binaries not installed, skipped")
            else:
                bench_overview(url, "PostgreSQL", tmp / "pdfs-pg")


if __name__ == "__main__":
    main()
