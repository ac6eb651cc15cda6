"""Running a campaign, the employer's use cases beside campaign_setup.py (one each, called by the
CLI and the GUI alike):

- `hand_out`: the letters (one PDF, a page per employee), the mail-merge CSV and one .eml draft per
  employee with the campaign file attached; with `reminder`, only for who has not handed in yet;
- `reissue`: a new code for a lost one (codes.py), with that one employee's letter and mail, and the
  codes CSV brought up to date;
- `not_handed_in` / `write_not_handed_in`: who has not handed in yet, as a list to export;
- `due` / `write_due`: whose check is due again (the campaign's interval, or within 30 days), and with
  `hand_out(..., due=True)` their letters.

Letters, mails and the mail-merge list hold enrolment codes: they are written for the owner only
(0600, in a folder made 0700), crash-safe.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from arbocheck.core.common.i18n import t
from arbocheck.core.common.storage import atomic_write
from arbocheck.core.employer import codes as codes_mod
from arbocheck.core.employer.cells import cell
from arbocheck.core.employer.letters import Letterhead, Recipient, eml, letters_pdf, mail_merge_csv
from arbocheck.core.trust.campaign import Campaign, CampaignError, load as load_campaign

SECRET = 0o600


@dataclass
class Handout:
    """What `hand_out` wrote."""

    letters: Path
    merge: Path
    mails: list[Path] = field(default_factory=list)
    people: int = 0


def _safe_name(employee_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", employee_id)[:80] or "_"


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass


def read_emails(text: str | None) -> dict[str, str]:
    """{employee_id: email} from an employees CSV with an `email` column (',' or ';'), if given."""
    from arbocheck.core.trust.identity import EmployeeIdError, normalise

    if not text:
        return {}
    header = text.lstrip().partition("\n")[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if header.count(";") > header.count(",") else ",")
    out = {}
    for row in reader:
        try:
            eid = normalise((row.get("employee_id") or "").strip())
        except EmployeeIdError:
            continue
        mail = (row.get("email") or row.get("e-mail") or "").strip()
        if mail and "\n" not in mail and "\r" not in mail:
            out[eid] = mail
    return out


def read_codes(path: Path) -> list[Recipient]:
    """The employees and their codes from a codes CSV made by `campaign create`. Raises CampaignError."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            return [Recipient(row["employee_id"], row.get("name") or "", row["code"]) for row in csv.DictReader(f)]
    except (OSError, KeyError, UnicodeDecodeError) as e:
        raise CampaignError("codes.unreadable", file=str(path)) from e


def _write_codes(path: Path, people: list[Recipient]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["employee_id", "name", "code"])
    for r in people:
        w.writerow([r.employee_id, r.name, r.code])
    atomic_write(path, buf.getvalue().encode("utf-8"), keep_previous=False, mode=SECRET)


def not_handed_in(reg, campaign_id: str) -> list:
    """Who of the campaign has not handed in yet (overview.EmployeeRow, by employee id)."""
    from arbocheck.core.employer import overview

    if not any(k.campaign_id == campaign_id for k in reg.campaigns()):
        raise CampaignError("campaign.unknown", id=campaign_id)
    rows, _ = overview.employees(reg, campaign_id, show="not_yet", limit=None)
    return rows


def due(reg, campaign_id: str, today=None) -> list:
    """Whose newest report of the campaign is older than its interval or will be within 30 days
    (overview.EmployeeRow, oldest report first)."""
    from arbocheck.core.employer import overview

    _campaign(reg, campaign_id)
    rows, _ = overview.employees(reg, campaign_id, show="due", limit=None, order="last", today=today)
    return sorted(rows, key=lambda r: (r.created_at, r.employee_id))


def write_due(reg, campaign_id: str, path: Path, lang: str = "nl", today=None) -> int:
    """The list of whose check is due again, as CSV with each one's due date (for the owner only)."""
    from arbocheck.core.employer import overview

    camp = _campaign(reg, campaign_id)
    rows = due(reg, campaign_id, today)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([t("missing.col.employee_id", lang), t("missing.col.name", lang), t("missing.col.campaign", lang),
                t("due.col.last", lang), t("due.col.due", lang)])
    for r in rows:
        when = overview.next_due(r, camp.recheck_months)
        w.writerow([cell(r.employee_id), cell(r.name), cell(campaign_id), r.created_at[:10],
                    when.isoformat() if when else ""])
    atomic_write(Path(path), buf.getvalue().encode("utf-8-sig"), keep_previous=False, mode=SECRET)
    return len(rows)


def write_not_handed_in(reg, campaign_id: str, path: Path, lang: str = "nl") -> int:
    """The list of who has not handed in yet, as CSV with the campaign's deadline (for the owner only:
    it names employees). How many are on it."""
    camp = _campaign(reg, campaign_id)
    rows = not_handed_in(reg, campaign_id)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([t("missing.col.employee_id", lang), t("missing.col.name", lang), t("missing.col.campaign", lang),
                t("missing.col.deadline", lang)])
    for r in rows:
        w.writerow([cell(r.employee_id), cell(r.name), cell(campaign_id), camp.deadline])
    atomic_write(Path(path), buf.getvalue().encode("utf-8-sig"), keep_previous=False, mode=SECRET)
    return len(rows)


def _campaign(reg, campaign_id: str) -> Campaign:
    for k in reg.campaigns():
        if k.campaign_id == campaign_id:
            return k.campaign
    raise CampaignError("campaign.unknown", id=campaign_id)


def recheck_months_of(reg, campaign_id: str) -> int:
    """The campaign's interval until the check is due again (months)."""
    return _campaign(reg, campaign_id).recheck_months


def deadline_of(reg, campaign_id: str) -> str:
    """The campaign's deadline (ISO). Raises CampaignError for a campaign the register does not hold."""
    return _campaign(reg, campaign_id).deadline


def _campaign_file(reg, campaign_id: str) -> bytes:
    for k in reg.campaigns():
        if k.campaign_id == campaign_id:
            return k.file
    raise CampaignError("campaign.unknown", id=campaign_id)


def _write(out_dir: Path, head: Letterhead, campaign_file: bytes, people: list[Recipient], stem: str,
           sender: str) -> Handout:
    _private_folder(out_dir)
    letters = out_dir / f"{stem}.pdf"
    merge = out_dir / f"{stem}-mailmerge.csv"
    atomic_write(letters, letters_pdf(head, people), keep_previous=False, mode=SECRET)
    atomic_write(merge, mail_merge_csv(head, people), keep_previous=False, mode=SECRET)
    mail_dir = out_dir / f"{stem}-mails"
    _private_folder(mail_dir)
    mails = []
    for r in people:
        path = mail_dir / f"{_safe_name(r.employee_id)}.eml"
        atomic_write(path, eml(head, r, campaign_file, sender), keep_previous=False, mode=SECRET, sync=False)
        mails.append(path)
    return Handout(letters, merge, mails, len(people))


def hand_out(reg, campaign_id: str, codes_path: Path, out_dir: Path, lang: str = "nl", *,
             employees_csv: str | None = None, reminder: bool = False, campaign_name: str = "",
             return_to: str = "", install: str = "", sender: str = "", due_only: bool = False,
             today=None) -> Handout:
    """Letters, mail-merge list and mail drafts for the campaign's employees (with `reminder`: only
    those who have not handed in yet, as a reminder; with `due_only`: only those whose check is due
    again, asked to do it within 30 days). The codes come from the codes CSV (the register
    keeps none); e-mail addresses from an employees CSV with an `email` column, if given."""
    camp, file = _campaign(reg, campaign_id), _campaign_file(reg, campaign_id)
    if campaign_id in reg.closed_campaigns():
        raise CampaignError("codes.closed", id=campaign_id)
    emails = read_emails(employees_csv)
    people = [Recipient(r.employee_id, r.name, r.code, emails.get(r.employee_id, "")) for r in read_codes(codes_path)]
    registered = {e.employee_id for e in _registered(reg, campaign_id)}
    people = [r for r in people if r.employee_id in registered]
    if due_only:
        import datetime as _dt

        from arbocheck.core.report.recheck import SOON_DAYS

        wanted = {r.employee_id for r in due(reg, campaign_id, today)}
        people = [r for r in people if r.employee_id in wanted]
        by = (today or _dt.date.today()) + _dt.timedelta(days=SOON_DAYS)
        head = Letterhead(camp, campaign_name or f"{campaign_id}.json", lang, return_to, install, True, True,
                          by.isoformat())
        return _write(Path(out_dir), head, file, people, t("letter.file.recheck", lang), sender)
    if reminder:
        missing = {r.employee_id for r in not_handed_in(reg, campaign_id)}
        people = [r for r in people if r.employee_id in missing]
    head = Letterhead(camp, campaign_name or f"{campaign_id}.json", lang, return_to, install, reminder)
    stem = t("letter.file.reminder" if reminder else "letter.file", lang)
    return _write(Path(out_dir), head, file, people, stem, sender)


def _registered(reg, campaign_id: str) -> list[Recipient]:
    """The employees registered for the campaign (id and name)."""
    from sqlalchemy import select

    from arbocheck.core.employer.schema import campaign_employees as ce

    with reg.engine.connect() as conn:
        return [Recipient(e, n) for e, n in conn.execute(select(ce.c.employee_id, ce.c.name)
                                                         .where(ce.c.campaign_id == campaign_id).order_by(ce.c.seq))]


@dataclass
class Reissued:
    employee_id: str
    code: str
    handout: Handout


def reissue(reg, campaign_id: str, employee_id: str, out_dir: Path, lang: str = "nl", *,
            codes_path: Path | None = None, note: str = "", employees_csv: str | None = None,
            campaign_name: str = "", return_to: str = "", install: str = "", sender: str = "") -> Reissued:
    """A new code for one employee (the old one enrols nobody from now on), with their letter and
    mail draft in `out_dir`; the codes CSV, when given, gets the new code in place of the old."""
    camp, file = _campaign(reg, campaign_id), _campaign_file(reg, campaign_id)
    code = codes_mod.reissue(reg, campaign_id, employee_id, note)
    from arbocheck.core.trust.identity import normalise

    eid = normalise(employee_id)
    name = next((e.name for e in _registered(reg, campaign_id) if e.employee_id == eid), "")
    if codes_path is not None and Path(codes_path).exists():
        people = read_codes(Path(codes_path))
        if any(r.employee_id == eid for r in people):
            people = [Recipient(r.employee_id, r.name, code if r.employee_id == eid else r.code) for r in people]
        else:
            people.append(Recipient(eid, name, code))
        _write_codes(Path(codes_path), people)
    who = Recipient(eid, name, code, read_emails(employees_csv).get(eid, ""))
    head = Letterhead(camp, campaign_name or f"{campaign_id}.json", lang, return_to, install)
    handout = _write(Path(out_dir), head, file, [who], f"{t('letter.file.new_code', lang)}-{_safe_name(eid)}",
                     sender)
    return Reissued(eid, code, handout)
