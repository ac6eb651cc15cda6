"""A sample team (questionnaires/examples/sample-team.yaml) for trying out the employer's and the
expert's side: a campaign with its codes, and signed reports of the workers who handed in.

Used by `arbocheck screenshots` and by tests; it makes real campaign files, codes and signed
reports with throw-away worker keys, exactly as the workers' own programs would.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from arbocheck.core.trust import campaign as campaign_mod
from arbocheck.core.employer import campaign_setup
from arbocheck.core.trust import keys
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.samples.demo import example_path
from arbocheck.core.report.build import build
from arbocheck.core.common.storage import atomic_write

TEAM = "sample-team.yaml"


@dataclass
class Team:
    campaign: campaign_mod.Campaign
    campaign_file: Path
    codes_file: Path
    reports: list[Path]
    employees: int


def make_team(out: Path, register=None, expert_recipient: str | None = None, lang: str = "nl") -> Team:
    """The campaign (registered in `register` when given) and the reports, in `out`."""
    data = yaml.safe_load(example_path(TEAM).read_text(encoding="utf-8"))
    qref = data["questionnaire"]
    q = qloader.find(qref["id"], str(qref["version"]))
    listed = [w for w in data["workers"] if w.get("listed", True)]
    csv = "employee_id;name\n" + "".join(f"{w['employee_id']};{w['name']}\n" for w in listed)
    deadline = (_dt.date.today() + _dt.timedelta(days=42)).isoformat()
    new = campaign_setup.make(organisation=data["organisation"], campaign_id=data["campaign_id"], deadline=deadline,
                              employees_csv=csv, expert_recipient=expert_recipient, questionnaire=q.id,
                              version=q.version, register=register)
    out.mkdir(parents=True, exist_ok=True)
    cid = new.campaign.campaign_id
    campaign_file, codes_file = out / f"campagne-{cid}.json", out / f"aanmeldcodes-{cid}.csv"
    campaign_setup.save(new, campaign_file, codes_file, register)
    folder = out / "rapporten"
    folder.mkdir(exist_ok=True)
    reports = []
    for w in data["workers"]:
        if "answers" not in w:
            continue  # has not handed in yet
        eid, key = w["employee_id"], keys.generate(w["name"])
        rm = ReportMeta(signer_name=w["name"], fingerprint=key.fingerprint, lang=lang, organisation=data["organisation"],
                        campaign_id=cid, employee_id=eid)
        if eid in new.codes:
            rm.enrolment_proof = campaign_mod.enrolment_proof(new.codes[eid], cid, eid, key.spki_der)
        ex = build(q, dict(data["base"], **w["answers"]), {"declared": True}, key, rm, lambda h: b"",
                   expert_recipient=expert_recipient, personal_copy=False)
        path = folder / f"rapport-{eid}.pdf"
        atomic_write(path, ex.signed, keep_previous=False, mode=0o644)
        reports.append(path)
    return Team(new.campaign, campaign_file, codes_file, reports, len(listed))
