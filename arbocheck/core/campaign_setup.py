"""Setting up a campaign: the employer's side of DESIGN.md §3, shared by the CLI and the GUI.

From an employees CSV: a signed campaign file for everyone, one-time enrolment codes per
employee (a CSV for the employer to hand out over another channel), and the campaign
registered in the employer's register so that imports can check enrolment proofs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import campaign as campaign_mod
from . import keys, paths
from .campaign import Campaign, CampaignError
from .storage import atomic_write


@dataclass(frozen=True)
class NewCampaign:
    file: bytes
    campaign: Campaign
    employees: list[dict[str, str]]
    codes: dict[str, str]
    codes_csv: str


def employer_dir() -> Path:
    return paths.home() / "employer"


def employer_key(organisation: str = "arbocheck") -> keys.SigningKey:
    """The employer's signing key, created on first use (ARBOCHECK_EMPLOYER_PASSPHRASE if set)."""
    return keys.load_or_create(employer_dir(), passphrase=os.environ.get("ARBOCHECK_EMPLOYER_PASSPHRASE") or None,
                               common_name=organisation or "arbocheck")


def make(*, organisation: str, campaign_id: str, deadline: str, employees_csv: str, expert_recipient: str | None,
         questionnaire: str = "thuiswerkplek", version: str | None = None, register=None,
         key: keys.SigningKey | None = None) -> NewCampaign:
    """Check everything, then sign. Raises CampaignError (or LookupError for a questionnaire
    that does not exist, KeyFileError for a locked key)."""
    from . import qloader

    employees = campaign_mod.read_employees(employees_csv)
    if register is not None and any(k.campaign_id == campaign_id for k in register.campaigns()):
        raise CampaignError("campaign.exists", id=campaign_id)
    q = qloader.find(questionnaire, version)
    key = key or employer_key(organisation)
    data = campaign_mod.create(key, organisation=organisation, campaign_id=campaign_id, questionnaire_id=q.id,
                               questionnaire_version=q.version, deadline=deadline,
                               expert_recipient=(expert_recipient or "").strip() or None)
    text, codes = campaign_mod.codes_csv(employees)
    return NewCampaign(data, campaign_mod.load(data), employees, codes, text)


def save(new: NewCampaign, campaign_path: Path, codes_path: Path, register=None) -> None:
    """Write both files crash-safe (the codes readable by the owner only), then register the campaign."""
    atomic_write(Path(campaign_path), new.file, keep_previous=False, mode=0o644)
    atomic_write(Path(codes_path), new.codes_csv.encode("utf-8"), keep_previous=False, mode=0o600)
    if register is not None:
        register.add_campaign(new.file, new.employees, new.codes)


def read_codes(path: Path) -> dict[str, str]:
    """{employee_id: code} from a codes CSV made by `save`. Raises CampaignError."""
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return {row["employee_id"]: row["code"] for row in csv.DictReader(f)}
    except (OSError, KeyError, UnicodeDecodeError) as e:
        raise CampaignError("codes.unreadable", file=str(path)) from e
