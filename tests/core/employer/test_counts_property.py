"""A property (issue 14, item 1): whatever campaigns are registered and whatever reports arrive
(with and without codes, with and without a campaign, revisions, older reports arriving later,
HR's links and marks), every total of summary, employees, provisions, the action list and the
signed roll-up's numbers equals a recount from the register's stored rows, written here plainly.

The reports go through the importer's real admission and storage (enrolment proofs, replay
checks, the chained tables, the running roll-up, signed checkpoints); only the signed PDF is left
out (a placeholder file in its place): its verification is tested in test_import_safety.py and
would make each of these examples cost seconds.
"""

from __future__ import annotations

import copy
import hashlib
import tempfile
import uuid
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st
from sqlalchemy import select

from arbocheck.core.employer import exports, overview, rollup
from arbocheck.core.employer.importer import _Admission
from arbocheck.core.employer.register import LinkError, Register
from arbocheck.core.employer.schema import campaign_employees, campaigns, events, findings, measures, reports
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta, build
from arbocheck.core.trust import campaign, keys
from locations import SCENARIOS

CAMPAIGNS = {"c1": ["E1", "E2", "E3", "E4"], "c2": ["E3", "E4", "E5", "E6"]}
WORKERS = 6  # worker i is employee E{i+1}
SCENES = ("laptop_only_all_day", "fully_compliant", "many_shortcomings", "short_worker_fixed_desk")
MODES = ("c1", "c2", "free", "c1_anonymous", "id_only")
MEASURES = ("laptop_stand", "office_chair", "desk_risers", "screen")


class World:
    """What every example shares: the employer's key, two signed campaigns with their codes and
    derived keys (scrypt: once), the workers' keys, and one assessment per scenario."""

    def __init__(self):
        q = qloader.find("thuiswerkplek")
        self.employer = keys.generate("Werkgever")
        self.files, self.codes, self.keys = {}, {}, {}
        for cid, ids in CAMPAIGNS.items():
            self.files[cid] = campaign.create(self.employer, organisation="Org", campaign_id=cid,
                                              questionnaire_id=q.id, questionnaire_version=q.version,
                                              deadline="2030-12-31", expert_recipient=None)
            _, self.codes[cid] = campaign.codes_csv([{"employee_id": e, "name": ""} for e in ids])
            self.keys[cid] = campaign.enrolment_keys(cid, self.codes[cid])
        self.workers = [keys.generate(f"W{i}") for i in range(WORKERS)]
        self.base = {}
        for name in SCENES:
            answers = yaml.safe_load((SCENARIOS / f"{name}.yaml").read_text())["answers"]
            self.base[name] = build(q, answers, {}, ReportMeta(signer_name="x", fingerprint=""), sealed=False)[0]


@pytest.fixture(scope="module")
def world():
    return World()


report_op = st.tuples(st.just("report"), st.integers(0, WORKERS - 1), st.sampled_from(MODES),
                      st.sampled_from(SCENES), st.integers(0, 1), st.integers(1, 3), st.integers(0, 4), st.booleans())
# HR links the n-th report without enrolment the employee list shows at that moment to employee E{target}.
link_op = st.tuples(st.just("link"), st.integers(0, 3), st.just(""), st.integers(1, WORKERS))
done_op = st.tuples(st.just("done"), st.integers(0, WORKERS - 1), st.sampled_from(("key", "id")),
                    st.sampled_from(MEASURES))
history = st.lists(st.one_of(report_op, report_op, report_op, link_op, done_op), min_size=4, max_size=16)
registrations = st.sampled_from((["c1", "c2"], ["c1", "c2"], ["c1"], ["c2"], []))


def assessment(world: World, worker: int, mode: str, scene: str, k: int, revision: int, day: int) -> dict:
    a = copy.deepcopy(world.base[scene])
    eid = f"E{worker + 1}"
    cid = {"c1": "c1", "c2": "c2", "c1_anonymous": "c1"}.get(mode)
    a.update(report_id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{worker}/{mode}/{k}")), revision=revision,
             created_at=f"2026-11-{day + 1:02d}T10:00:00+00:00", campaign_id=cid,
             employee_id=eid if mode in ("c1", "c2", "id_only") else None, enrolment_proof=None,
             organisation="Org" if cid else None, signer={"name": f"W{worker}", "fingerprint": ""})
    if mode in ("c1", "c2"):
        code = world.codes[mode].get(eid, "AAAA-BBBB-CCCC")  # not in that campaign: a made-up code
        a["enrolment_proof"] = campaign.enrolment_proof(code, mode, eid, world.workers[worker].spki_der)
    return a


def play(reg: Register, world: World, registered: list[str], ops: list) -> None:
    for cid in registered:
        reg.add_campaign(world.files[cid], [{"employee_id": e, "name": f"Naam {e}"} for e in CAMPAIGNS[cid]],
                         world.codes[cid], world.keys[cid])
    staging = Path(tempfile.mkdtemp(dir=reg.pdf_dir.parent))
    admit = _Admission(reg, None, None, staging)
    batch: list = []

    def flush():
        admit.store(batch)
        batch.clear()

    for op in ops:
        if op[0] == "report":
            _, worker, mode, scene, k, revision, day, cut = op
            a = assessment(world, worker, mode, scene, k, revision, day)
            digest = hashlib.sha256(f"{a['report_id']}/{revision}/{scene}/{day}".encode()).hexdigest()
            (staging / f"{digest}.pdf").write_bytes(digest.encode())
            key = world.workers[worker]
            batch.append((Path(f"{digest}.pdf"), {"ok": True, "assessment": a, "signer_fp": key.fingerprint,
                                                 "spki": key.spki_der, "sha256": digest}))
            if cut:
                flush()
            continue
        flush()
        worker = op[1]
        if op[0] == "link":
            _, n, _, target = op
            unlinked = [e.person for e in overview.employees(reg, show="tofu", limit=None)[0]]
            person = unlinked[n % len(unlinked)] if unlinked else "key:nobody"
            try:
                overview.link(reg, person, f"E{target}")
            except LinkError:
                pass
        else:
            _, _, form, measure = op
            person = f"key:{world.workers[worker].fingerprint}" if form == "key" else f"E{worker + 1}"
            overview.mark_done(reg, person, measure)
    flush()


def kinds(reg: Register) -> list[str]:
    with reg.engine.connect() as conn:
        return [k for (k,) in conn.execute(select(events.c.kind))]


# -- the recount, from the stored rows only ------------------------------------------------

def recount(reg: Register, scope: str) -> dict:
    with reg.engine.connect() as conn:
        rows = conn.execute(select(reports.c.seq, reports.c.person, reports.c.campaign_id, reports.c.enrolment,
                                   reports.c.created_at, reports.c.revision, reports.c.n_high, reports.c.n_medium,
                                   reports.c.n_low).order_by(reports.c.seq)).all()
        evs = conn.execute(select(events.c.kind, events.c.employee_id, events.c.subject).order_by(events.c.seq)).all()
        staff = conn.execute(select(campaign_employees.c.campaign_id, campaign_employees.c.employee_id)).all()
        known = {c for (c,) in conn.execute(select(campaigns.c.campaign_id))}
        found = conn.execute(select(findings.c.report_seq, findings.c.section, findings.c.priority)).all()
        plans = conn.execute(select(measures.c.report_seq, measures.c.measure, measures.c.owner)).all()
    linked: dict[str, str] = {}
    for kind, person, subject in evs:
        if kind == "person_linked":
            linked.setdefault(person, subject)
    newest: dict[str, tuple] = {}
    for r in rows:
        if scope != "*" and (r.campaign_id or "") != scope:
            continue
        who = linked.get(r.person, r.person) if r.enrolment == "tofu" else r.person
        if who not in newest or (r.created_at, r.revision, r.seq) >= newest[who][:3]:
            newest[who] = (r.created_at, r.revision, r.seq, r)
    has_campaign = bool(known) if scope == "*" else scope in known
    people = {e for c, e in staff if scope == "*" or c == scope}
    enrolled = {who for who, (*_, r) in newest.items()
                if who in people and (r.enrolment == "enrolled" or who != r.person)}
    current = {who: v[3].seq for who, v in newest.items()}
    of_seq = {seq: who for who, seq in current.items()}
    topics: dict[str, list[set]] = defaultdict(lambda: [set(), set(), set(), set()])
    for seq, section, priority in found:
        if seq in of_seq:
            topics[section][0].add(of_seq[seq])
            topics[section][1 + ("high", "medium", "low").index(priority)].add(of_seq[seq])
    asked: dict[str, set] = defaultdict(set)
    for seq, measure, owner in plans:
        if seq in of_seq and owner in ("employer", "both"):
            asked[measure].add(of_seq[seq])
    done = {(linked.get(p, p), m) for kind, p, m in evs if kind == "provision_done"}
    return {
        "handed_in": len(newest), "enrolled": len(enrolled), "tofu": len(newest) - len(enrolled),
        "expected": len(people) if has_campaign else None,
        "not_yet": len(people - enrolled) if has_campaign else 0, "missing": people - enrolled if has_campaign else set(),
        "with_priority": {p: sum(getattr(v[3], f"n_{p}") > 0 for v in newest.values()) for p in ("high", "medium", "low")},
        "topics": {s: tuple(len(x) for x in v) for s, v in topics.items()},
        "measures": {m: (len(w), len({x for x in w if (x, m) not in done})) for m, w in asked.items()},
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(registered=registrations, ops=history)
def test_every_total_is_a_recount_of_the_stored_rows(world, tmp_path_factory, registered, ops):
    tmp = tmp_path_factory.mktemp("reg")
    reg = Register.open(f"sqlite:///{tmp / 'r.sqlite'}", signer=world.employer)
    reg.prepare_pdf_dir()
    play(reg, world, registered, ops)
    for scope in ["*", ""] + registered:
        cid = None if scope == "*" else scope
        want = recount(reg, scope)
        if scope == "*":  # what the examples covered (pytest --hypothesis-show-statistics)
            event(f"enrolled {min(want['enrolled'], 2)}+, without enrolment {min(want['tofu'], 2)}+")
            event(f"links {sum(k == 'person_linked' for k in kinds(reg))}, marked {min(2, sum(k == 'provision_done' for k in kinds(reg)))}+")
        s = overview.summary(reg, cid, min_group=1)
        assert (s.handed_in, s.enrolled, s.tofu, s.expected, s.not_yet) == tuple(
            want[k] for k in ("handed_in", "enrolled", "tofu", "expected", "not_yet")), scope
        assert s.handed_in == s.enrolled + s.tofu
        assert s.with_priority == want["with_priority"]
        assert {t.section: (t.people, t.high, t.medium, t.low) for t in s.topics} == want["topics"]
        assert {m.measure: (m.people, m.open) for m in s.measures} == want["measures"]

        rows, total = overview.employees(reg, cid, limit=None)
        assert total == len(rows) == s.handed_in + s.not_yet
        handed = [r.person for r in rows if r.status == "handed_in"]
        assert len(handed) == len(set(handed)) == s.handed_in  # each person once
        assert {r.employee_id for r in rows if r.status == "not_yet"} == want["missing"]
        assert overview.employees(reg, cid, show="tofu")[1] == s.tofu
        assert overview.employees(reg, cid, show="not_yet")[1] == s.not_yet

        every, n_every = overview.provisions(reg, cid, only_open=False, limit=None)
        pairs = [(p.person, p.measure) for p in every]
        assert n_every == len(pairs) == len(set(pairs)) == sum(n for n, _ in want["measures"].values())
        assert overview.provisions(reg, cid)[1] == sum(o for _, o in want["measures"].values()) == s.open_measures
        listed = overview.action_list(reg, cid)
        assert len(listed) == s.open_measures
        assert exports.action_csv(listed).decode("utf-8-sig").count("\r\n") == len(listed) + 1

        doc = exports.rollup_json(s, "Org", world.employer.fingerprint)
        assert (doc["handed_in"], doc["enrolled"], doc["tofu"], doc["expected"], doc["not_yet"]) == (
            want["handed_in"], want["enrolled"], want["tofu"], want["expected"], want["not_yet"])
        assert {m["measure"]: m["people"] for m in doc["measures"]} == {m: n for m, (n, _) in want["measures"].items()}
    with reg.engine.connect() as conn:
        assert rollup.check(conn) == []  # the running roll-up is the one recomputed from the chains
    reg.engine.dispose()
