"""Setting up a campaign: the employer's side of DESIGN.md §3, shared by the CLI and the GUI.

From an employees CSV: a signed campaign file for everyone, one-time enrolment codes per
employee (a CSV for the employer to hand out over another channel), and the campaign
registered in the employer's register so that imports can check enrolment proofs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from arbocheck.core.trust import campaign as campaign_mod
from arbocheck.core.trust import keys
from arbocheck.core.common import paths
from arbocheck.core.trust.campaign import Campaign, CampaignError
from arbocheck.core.common.storage import atomic_write
from arbocheck.core.common.environment import environment


@dataclass(frozen=True)
class NewCampaign:
    file: bytes
    campaign: Campaign
    employees: list[dict[str, str]]
    codes: dict[str, str]
    codes_csv: str
    keys: dict[str, bytes] | None = None  # the enrolment key K per employee (campaign.enrolment_key)


def employer_dir() -> Path:
    return paths.home() / "employer"


PASSPHRASE_ENV = "ARBOCHECK_EMPLOYER_PASSPHRASE"
_unlocked: dict[Path, keys.SigningKey] = {}


def employer_key_method() -> str | None:
    """passphrase | keyring | clear (made by an earlier version), or None before the first key."""
    from arbocheck.core.trust import keyguard

    return keyguard.method_of(employer_dir(), keys.KEY_FILE)


def employer_key(organisation: str = "arbocheck", passphrase: str | None = None,
                 method: str | None = None) -> keys.SigningKey:
    """The employer's signing key, opened once per process (keyguard.py: never on disk in clear).

    Made on first use, protected by `method` (or keyguard.first_use_method). The passphrase comes
    from the argument or ARBOCHECK_EMPLOYER_PASSPHRASE. Raises keyguard.KeyLocked."""
    from arbocheck.core.trust import keyguard

    folder = employer_dir()
    if folder in _unlocked:
        return _unlocked[folder]
    passphrase = passphrase or environment().employer_passphrase
    if keyguard.method_of(folder, keys.KEY_FILE) is None:
        key = keyguard.create_signing_key(folder, method or keyguard.first_use_method(passphrase), passphrase,
                                          common_name=organisation or "arbocheck")
    else:
        key = keyguard.open_signing_key(folder, passphrase)
    _unlocked[folder] = key
    return key


def protect_employer_key(method: str, passphrase: str | None = None, old_passphrase: str | None = None) -> None:
    """Keep the employer's key another way (a clear key from an earlier version, or a change)."""
    from arbocheck.core.trust import keyguard

    key = employer_key(passphrase=old_passphrase)
    keyguard.save_signing_key(employer_dir(), key, method, passphrase)


def employer_spki() -> bytes | None:
    """The employer's public key from its certificate (no passphrase needed), or None."""
    from cryptography import x509

    try:
        return keys.spki_der(x509.load_pem_x509_certificate((employer_dir() / keys.CERT_FILE).read_bytes()))
    except (OSError, ValueError):
        return None


def open_register(url: str | None = None, key: keys.SigningKey | None = None, pdf_dir: Path | None = None):
    """The employer's register, signing its checkpoints with the employer's key (opened when needed),
    and remembering the newest one in the employer's folder (checkpoints.py)."""
    from arbocheck.core.employer import checkpoints
    from arbocheck.core.employer.register import Register, default_url

    url = url or default_url()
    return Register.open(url, pdf_dir=pdf_dir, signer=key or employer_key(),
                         witness=checkpoints.witness_path(employer_dir() / "checkpoints", url))


def make(*, organisation: str, campaign_id: str, deadline: str, employees_csv: str, expert_recipient: str | None,
         questionnaire: str = "thuiswerkplek", version: str | None = None, register=None,
         key: keys.SigningKey | None = None, hand_in: str | None = None,
         enrolment_check: bool = True, recheck_months: int | None = None) -> NewCampaign:
    """Check everything, then sign. Raises CampaignError (or LookupError for a questionnaire
    that does not exist, KeyFileError for a locked key)."""
    from arbocheck.core.questionnaire import loader as qloader

    employees = campaign_mod.read_employees(employees_csv)
    if register is not None and any(k.campaign_id == campaign_id for k in register.campaigns()):
        raise CampaignError("campaign.exists", id=campaign_id)
    q = qloader.find(questionnaire, version)
    key = key or employer_key(organisation)
    text, codes = campaign_mod.codes_csv(employees)
    # scrypt once per code (about 80 ms each, on every core): before anything is written. The keys also make
    # the campaign file's keyed check (campaign.check_tags), which reveals neither codes nor employee numbers.
    derived = campaign_mod.enrolment_keys(campaign_id, codes) if register is not None or enrolment_check else None
    data = campaign_mod.create(key, organisation=organisation, campaign_id=campaign_id, questionnaire_id=q.id,
                               questionnaire_version=q.version, deadline=deadline,
                               expert_recipient=(expert_recipient or "").strip() or None,
                               enrolment_keys=derived if enrolment_check else None, hand_in=hand_in,
                               recheck_months=recheck_months)
    derived = derived if register is not None else None
    return NewCampaign(data, campaign_mod.load(data), employees, codes, text, derived)


def save(new: NewCampaign, campaign_path: Path, codes_path: Path, register=None) -> None:
    """Write both files crash-safe (the codes readable by the owner only), then register the campaign:
    the register keeps only the keys derived from the codes, never the codes themselves."""
    atomic_write(Path(campaign_path), new.file, keep_previous=False, mode=0o644)
    atomic_write(Path(codes_path), new.codes_csv.encode("utf-8"), keep_previous=False, mode=0o600)
    if register is not None:
        register.add_campaign(new.file, new.employees, new.codes, new.keys)


def create(campaign_path: Path, codes_path: Path, *, register=None, key: keys.SigningKey | None = None,
           **campaign: object) -> NewCampaign:
    """Make the campaign (`make`, with its keyword arguments), write its two files and register it:
    the one way the GUI's campaign tab and `arbocheck campaign create` set up a campaign."""
    new = make(register=register, key=key, **campaign)  # type: ignore[arg-type]
    save(new, campaign_path, codes_path, register)
    return new


def read_codes(path: Path) -> dict[str, str]:
    """{employee_id: code} from a codes CSV made by `save`. Raises CampaignError."""
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return {row["employee_id"]: row["code"] for row in csv.DictReader(f)}
    except (OSError, KeyError, UnicodeDecodeError) as e:
        raise CampaignError("codes.unreadable", file=str(path)) from e
