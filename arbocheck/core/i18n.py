"""Interface words shared by the CLI, the GUI and reports, in Dutch and English.

Questionnaire content has its own texts (questionnaires/*.yaml); these are the
few words around it.
"""

from __future__ import annotations

import os

LANGS = ("nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "priority.high": {"nl": "hoog", "en": "high"},
    "priority.medium": {"nl": "midden", "en": "medium"},
    "priority.low": {"nl": "laag", "en": "low"},
    "owner.employer": {"nl": "werkgever", "en": "employer"},
    "owner.worker": {"nl": "werknemer", "en": "employee"},
    "owner.both": {"nl": "werkgever en werknemer", "en": "employer and employee"},
    "norm.guidance": {"nl": "richtlijn, geen wettelijke eis", "en": "guidance, not a legal requirement"},
    "norm.law": {"nl": "wet- en regelgeving", "en": "law"},
    "norm.standard": {"nl": "norm", "en": "standard"},
    "provision": {"nl": "arbovoorziening (onbelast te verstrekken)", "en": "arbo provision (may be supplied tax-free)"},
    "findings": {"nl": "Bevindingen", "en": "Findings"},
    "no_findings": {"nl": "Geen bevindingen: op wat je hebt ingevuld is niets aan te merken.",
                    "en": "No findings: nothing to remark on what you have answered."},
    "action_plan": {"nl": "Plan van aanpak", "en": "Action plan"},
    "missing": {"nl": "Nog niet beantwoord (verplicht)", "en": "Not yet answered (required)"},
    "summary": {"nl": "{n} bevinding(en): {high} hoog, {medium} midden, {low} laag",
                "en": "{n} finding(s): {high} high, {medium} medium, {low} low"},
    "health_sealed": {"nl": "gezondheid: alleen voor de arbodeskundige",
                      "en": "health: for the arbo expert only"},
    "term": {"nl": "termijn", "en": "term"},
    "owner": {"nl": "eigenaar", "en": "owner"},
    "norm": {"nl": "Norm", "en": "Norm"},
    "required": {"nl": "verplicht", "en": "required"},
    "health_item": {"nl": "gezondheidsgegeven", "en": "health data"},
    "shown_if": {"nl": "alleen als", "en": "only if"},
}


def t(key: str, lang: str, **kw: object) -> str:
    text = TEXTS[key].get(lang) or TEXTS[key]["nl"]
    return text.format(**kw) if kw else text


def default_lang() -> str:
    """ARBOCHECK_LANG, else the system language when it is English, else Dutch."""
    env = os.environ.get("ARBOCHECK_LANG", "").lower()[:2]
    if env in LANGS:
        return env
    sys_lang = (os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or "")
    return "en" if sys_lang.lower().startswith("en") else "nl"
