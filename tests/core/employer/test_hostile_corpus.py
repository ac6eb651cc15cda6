"""500 new hostile and malformed files through `arbocheck register import`: 500 verdicts, no
traceback, bounded memory, and a register that verifies intact afterwards, twice over.

The corpus (forge.py, arbocheck's own signing functions): malformed assessment.json, forged
claims, hostile PDF structure, a tampered signature container, the largest assessment.json the
model allows, random changes to a genuine assessment.json (signed again), random byte changes to
a genuine signed report, and a few genuine reports, some under names made to forge output lines.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import forge
from arbocheck.core.trust import keys
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.build import build
from locations import SCENARIOS

SCEN = SCENARIOS
N = 500
HOSTILE_VALUES = [None, "", "x" * 5000, -1, 0, 2 ** 70, 1.5, True, [], {}, [[[[[]]]]], "\u202e", "=cmd|'/C calc'!A0",
                  {"a": [1, {"b": None}]}, "NaN", "../../etc/passwd"]


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def json_mutation(a: dict, rng: random.Random) -> bytes:
    b = json.loads(json.dumps(a))
    path = rng.choice([p for p in _paths(b) if p])
    parent = b
    for p in path[:-1]:
        parent = parent[p]
    op = rng.randrange(4)
    if op == 0:
        parent[path[-1]] = rng.choice(HOSTILE_VALUES)
    elif op == 1:
        del parent[path[-1]]
    elif op == 2 and isinstance(parent, dict):
        parent[rng.choice(["extra", "health", "__proto__", "answers2"])] = rng.choice(HOSTILE_VALUES)
    else:
        parent[path[-1]] = [parent[path[-1]]]
    return json.dumps(b, ensure_ascii=False).encode("utf-8", "surrogatepass")


def byte_mutation(pdf: bytes, rng: random.Random) -> bytes:
    b = bytearray(pdf)
    kind = rng.randrange(4)
    if kind == 0:
        for _ in range(rng.randint(1, 4)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    elif kind == 1:
        b = b[: rng.randrange(1, len(b) - 1)]
    elif kind == 2:
        at = rng.randrange(len(b) - 64)
        del b[at: at + rng.randint(1, 64)]
    else:
        at = rng.randrange(len(b) - 32)
        b[at: at + 16] = bytes(rng.randrange(256) for _ in range(16))
    return bytes(b)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCEN / "many_shortcomings.yaml").read_text())["answers"]
    key = keys.generate("Mallory")
    ex = build(q, answers, {}, key, ReportMeta(signer_name="Mallory", fingerprint=""), lambda i: b"",
               personal_copy=False)
    a = json.loads(json.dumps(ex.assessment))
    rng = random.Random(11)
    files: dict[bytes, tuple[str, bytes]] = {}  # file name → (kind, content)

    def add(kind: str, name: str, data: bytes) -> None:
        files[f"{kind}-{name}.pdf".encode()] = (kind, data)

    for name, data in forge.malformed(a).items():
        add("malformed", name, forge.report(key, data))
    for name, evil in forge.forged_claims(a).items():
        add("claims", name, forge.report(key, evil))
    for name, edit in forge.STRUCTURE_EDITS.items():
        add("structure", name, forge.report(key, a, forge.rewritten(forge.plain_pdf(), edit)))
    add("structure", "deep-100000", forge.report(key, a, after_attach=forge.deep_nesting))
    for name, data in forge.cms_variants(ex.signed).items():
        add("cms", name, data)
    for i in range(16):  # the largest assessment.json the model takes: refused by the recomputation
        big = dict(a, answers={f"x{j}": chr(65 + i) * 9_000 for j in range(27)})
        add("largest", f"{i:02d}", forge.report(key, big))
    for i in range(150):
        add("json", f"{i:03d}", forge.report(key, json_mutation(a, rng)))
    genuine = {}
    for i, name in enumerate([b"a\nb.pdf: accepted (known key)", b"\x1b[32mgreen", b"caf\xe9", b"ok"]):
        other = keys.generate(f"G{i}")
        genuine[b"genuine-" + name + b".pdf"] = ("genuine", build(
            q, answers, {}, other, ReportMeta(signer_name=f"G{i}", fingerprint="", employee_id=f"G{i}"),
            lambda x: b"", personal_copy=False).signed)
    files.update(genuine)
    i = 0
    while len(files) < N:
        add("bytes", f"{i:03d}", byte_mutation(ex.signed, rng))
        i += 1
    assert len(files) == N
    for name, (_, data) in files.items():
        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(data)
    return folder, {os.fsdecode(n): kind for n, (kind, _) in files.items()}


# The importer's own peak memory: VmHWM (ru_maxrss would include the test process that forked it).
RUN = """
import re, resource, sys
from arbocheck.cli import main
rc = main(sys.argv[1:])
sys.stdout.flush()
try:
    peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
except OSError:  # not Linux: unknown
    peak = -1
print("MAXRSS_KB", peak, file=sys.stderr)
sys.exit(rc)
"""


def _import(folder: Path, db: str, home: Path) -> tuple[list[str], str]:
    env = dict(os.environ, ARBOCHECK_HOME=str(home), PYTHONIOENCODING="utf-8")
    r = subprocess.run([sys.executable, "-c", RUN, "register", "import", str(folder), "--db", db],
                       capture_output=True, env=env, timeout=1800)
    return r.stdout.decode("utf-8").splitlines(), r.stderr.decode("utf-8")


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="file names with any byte: POSIX")
def test_500_hostile_files_get_500_verdicts(corpus, tmp_path):
    from arbocheck.core.employer.register import Register
    from arbocheck.core.common.shown import shown

    folder, kinds = corpus
    db = f"sqlite:///{tmp_path / 'reg' / 'r.sqlite'}"
    for run in (1, 2):  # the same folder again: the same verdicts, nothing stops the run
        lines, err = _import(folder, db, tmp_path / "home")
        assert "Traceback" not in err, err[-3000:]
        assert len(lines) == N + 1, (len(lines), lines[-3:])
        verdicts = {}
        for line in lines[:-1]:
            head, sep, rest = line.rpartition(".pdf: ")
            assert sep and rest.startswith(("accepted (", "rejected: ", "skipped: ")), line
            verdicts[head + ".pdf"] = rest
        want = {shown(str(folder / name)) for name in kinds}
        assert set(verdicts) == want  # every file named once, each in its own line
        by_kind: dict[str, list[str]] = {}
        for name, kind in kinds.items():
            by_kind.setdefault(kind, []).append(verdicts[shown(str(folder / name))])
        for kind in ("malformed", "claims", "structure", "cms", "largest", "bytes"):
            accepted = [v for v in by_kind[kind] if v.startswith("accepted")]
            assert not accepted, (kind, accepted)
        genuine = by_kind["genuine"]
        if run == 1:
            first_accepted = sum(v.startswith("accepted") for v in verdicts.values())
            assert all(v.startswith("accepted") for v in genuine), genuine
        else:
            assert all(v == "rejected: duplicate: this revision of the report is already in the register"
                       for v in genuine), genuine
        # No file needed the catch-all reasons: each was refused by a check that knows why.
        fallback = [v for v in verdicts.values() if "internal error" in v or "the file cannot be checked" in v]
        assert not fallback, fallback
        if run == 1:
            from collections import Counter

            print(Counter(v.split(":")[1].split("(")[0].strip() for v in verdicts.values()).most_common())
        maxrss_mb = int(err.split("MAXRSS_KB")[1].split()[0]) / 1024
        if maxrss_mb > 0:
            print(f"run {run}: parent peak memory {maxrss_mb:.0f} MB")
            assert maxrss_mb < 200, maxrss_mb  # the parent holds a few small checked documents, never a file
    reg = Register.open(db)
    assert reg.verify() == []
    # The register grew by what the accepted reports' answers give, nothing a file chose.
    from sqlalchemy import func, select

    from arbocheck.core.trust import assessment_model
    from arbocheck.core.employer.schema import findings, measures, reports

    q = qloader.find("thuiswerkplek")
    with reg.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(reports)).scalar()
        assert n == first_accepted
        assert conn.execute(select(func.count()).select_from(findings)).scalar() <= n * len(q.data.rules)
        assert conn.execute(select(func.count()).select_from(measures)).scalar() <= n * len(q.data.measures)
        longest = conn.execute(select(func.max(func.length(reports.c.assessment)))).scalar()
        assert longest <= assessment_model.MAX_BYTES
