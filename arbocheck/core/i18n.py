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
    # Side-view diagram (core/diagram.py)
    "diagram.desk": {"nl": "bureau {cm} cm", "en": "desk {cm} cm"},
    "diagram.rec_desk": {"nl": "aanbevolen bureau {cm} cm", "en": "recommended desk {cm} cm"},
    "diagram.rec_seat": {"nl": "aanbevolen zitting {cm} cm", "en": "recommended seat {cm} cm"},
    "diagram.footrest": {"nl": "voetensteun {cm} cm", "en": "footrest {cm} cm"},
    "diagram.screen": {"nl": "scherm", "en": "screen"},
    "diagram.laptop": {"nl": "laptop", "en": "laptop"},
    "diagram.distance": {"nl": "kijkafstand {cm} cm", "en": "viewing distance {cm} cm"},
    "diagram.feet_dangle": {"nl": "Je voeten komen niet plat op de grond: gebruik een voetensteun.",
                            "en": "Your feet do not rest flat on the floor: use a footrest."},
    "diagram.feet_dangle_short": {"nl": "voeten hangen", "en": "feet dangle"},
    "diagram.screen_low": {"nl": "De bovenrand van het scherm staat ruim onder ooghoogte.",
                           "en": "The top of the screen is well below eye height."},
    "diagram.desk_high": {"nl": "Je bureau ({desk} cm) is hoger dan de vuistregel voor jouw lengte ({rec} cm).",
                          "en": "Your desk ({desk} cm) is higher than the rule of thumb for your height ({rec} cm)."},
    "diagram.desk_low": {"nl": "Je bureau ({desk} cm) is lager dan de vuistregel voor jouw lengte ({rec} cm).",
                         "en": "Your desk ({desk} cm) is lower than the rule of thumb for your height ({rec} cm)."},
    "diagram.desk_ok": {"nl": "Je bureau ({desk} cm) past bij de vuistregel voor jouw lengte ({rec} cm).",
                        "en": "Your desk ({desk} cm) fits the rule of thumb for your height ({rec} cm)."},
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
