"""What the register keeps of a verified report, and the identity rules of admitting it.

`RegisterForm` turns a report's assessment.json into exactly what the register stores: health
data stripped (strip_health) and the employee id in its one spelling (identity.normalise).
The importer stores that form; `register verify` recomputes it from each stored PDF and
compares, so a stored assessment that was changed afterwards is found.

Who may hand in what (importer._Admission._admit applies it):
- An employee id that was given a code in any registered campaign is *enrolled*: a report
  naming it is accepted only with a valid enrolment proof of a registered campaign that
  enrolled it, or signed with the key such a proof pinned; whatever campaign id the report
  claims, and never on trust on first use.
- A report of a campaign this register does not know is refused (unknown campaign); so is a
  report of a closed campaign.
- A report without a campaign id is trusted on first use (TOFU) only for an employee id
  nobody was enrolled under, or without an employee id (then it stands on its own key); the
  first key seen for such an id is pinned for it in every campaign.
- A person's current report is the newest by its own created_at (ties: the higher
  revision, then the later import); an older one is stored but does not become current.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any


ALLOWED_KEYS = ("format", "format_version", "report_id", "revision", "created_at", "lang", "questionnaire",
                "organisation", "campaign_id", "employee_id", "enrolment_proof", "signer", "profile", "answers",
                "derived", "counts", "findings", "action_plan", "photos", "confidential", "instruction")

FUTURE_SLACK = _dt.timedelta(days=1)  # clocks differ; a report from next week is not from this one


class RegisterForm:
    """The register's form of assessments, with the questionnaires' health items looked up once."""

    def __init__(self) -> None:
        self._health: dict[tuple, tuple[frozenset[str], frozenset[str]] | None] = {}

    def health(self, qref: dict) -> tuple[frozenset[str], frozenset[str]] | None:
        """(health items, health rules) of the report's questionnaire; None when it is unknown."""
        from arbocheck.core.questionnaire import loader as qloader

        key = (qref.get("id"), qref.get("version"))
        if key not in self._health:
            try:
                q = qloader.find(str(key[0]), str(key[1]))
                self._health[key] = (q.health_items(), frozenset(q.health_rules))
            except (LookupError, qloader.QuestionnaireError):
                self._health[key] = None
        return self._health[key]

    def form(self, assessment: dict[str, Any]) -> dict[str, Any] | None:
        """What the register keeps, or None for an unknown questionnaire. Raises
        identity.EmployeeIdError for an employee id that cannot be used."""
        from arbocheck.core.trust.identity import normalise_or_none

        health = self.health(assessment.get("questionnaire") or {})
        if health is None:
            return None
        a = strip_health(assessment, *health)
        if "employee_id" in a:
            a["employee_id"] = normalise_or_none(a["employee_id"])
        if "campaign_id" in a:  # a hostile file may put anything there; the register keeps text or nothing
            a["campaign_id"] = str(a["campaign_id"]) if a["campaign_id"] else None
        return a

    def stored(self, assessment: dict[str, Any]) -> str | None:
        """The stored text of `form` (as register.Register.report_row writes it), or None."""
        try:
            a = self.form(assessment)
        except ValueError:
            return None
        return None if a is None else dump(a)


def dump(a: dict[str, Any]) -> str:
    return json.dumps(a, sort_keys=True, ensure_ascii=False)


def created_problem(value) -> tuple[str, dict] | None:
    """A reason (key, params) when a report's created_at cannot order it: unreadable or in the future."""
    when = created_utc(value)
    if not when:
        return "bad_created_at", {"value": repr(str(value)[:40])}
    if _dt.datetime.fromisoformat(when) > _dt.datetime.now(_dt.timezone.utc) + FUTURE_SLACK:
        return "created_in_future", {"value": when[:10]}
    return None


def order_key(created_at: str, revision: int, seq: int) -> tuple:
    """Which of a person's reports is current: the greatest of these."""
    return (created_at or "", int(revision or 0), int(seq or 0))


def created_utc(value) -> str:
    """A report's created_at as a comparable UTC string ('2026-11-24T10:00:00+00:00'); '' when unreadable."""
    try:
        t = _dt.datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return ""
    if t.tzinfo is None:
        t = t.replace(tzinfo=_dt.timezone.utc)
    return t.astimezone(_dt.timezone.utc).isoformat(timespec="seconds")


def strip_health(assessment: dict, health_items: frozenset[str], health_rules: frozenset[str]) -> dict:
    """The register cannot hold health data: keep only known keys, non-health answers, and findings
    and measures that rest on no health rule, whatever a (modified) client put in the file.
    (claims.py already refuses such a file; this stays as the last line.)"""
    a = {k: assessment[k] for k in ALLOWED_KEYS if k in assessment}
    for key in ("answers", "profile", "derived"):
        if isinstance(a.get(key), dict):
            a[key] = {k: v for k, v in a[key].items() if k not in health_items}
    if isinstance(a.get("findings"), list):
        a["findings"] = [f for f in a["findings"] if isinstance(f, dict) and f.get("rule") not in health_rules]
    if isinstance(a.get("action_plan"), list):
        a["action_plan"] = [p for p in a["action_plan"] if isinstance(p, dict)
                            and not set(p.get("rules") or []) & health_rules]
    return a
