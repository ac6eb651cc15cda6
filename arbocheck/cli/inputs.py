"""Files that several commands read: an answers file (evaluate, report build) and the
employer's campaign file (report build and verify, register import)."""

from __future__ import annotations

from pathlib import Path

from arbocheck.cli.base import err
from arbocheck.core.common.i18n import t


def read_answers(path: str, questionnaire: str | None, lang: str):
    """(questionnaire, doc) or a list of problems."""
    from arbocheck.core.check import answers
    from arbocheck.core.questionnaire import loader as qloader

    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        return [t("cli.cannot_read", lang, file=path, why=e.strerror or e)]
    try:
        doc = answers.loads(raw)
    except answers.AnswersError as e:
        return e.problems
    try:
        q = qloader.load(questionnaire) if questionnaire else qloader.find(doc.questionnaire_id,
                                                                           doc.questionnaire_version)
    except (LookupError, qloader.QuestionnaireError) as e:
        return [str(e)]
    problems = []
    if (doc.questionnaire_id, doc.questionnaire_version or q.version) != (q.id, q.version):
        problems.append(t("cli.answers.other_questionnaire", lang, id=doc.questionnaire_id,
                          version=doc.questionnaire_version, want_id=q.id, want_version=q.version))
    problems += answers.problems(q, doc.answers)
    return problems or (q, doc)


def usable_answers(path: str, questionnaire: str | None, purpose: str, lang: str):
    """(questionnaire, doc), or None after listing every problem on stderr. `purpose` is
    `evaluate` or `build`: what cannot be done with a bad file."""
    got = read_answers(path, questionnaire, lang)
    if isinstance(got, list):
        err(t(f"cli.answers.cannot_{purpose}", lang, file=path))
        for p in got:
            err(f"  - {p}")
        return None
    return got


def campaign_file(path: str | None, lang: str):
    """The campaign named by --campaign, None without one, False (reported) when unusable."""
    from arbocheck.core.common.reasons import text_of
    from arbocheck.core.trust import campaign as campaign_mod

    if not path:
        return None
    try:
        return campaign_mod.load(Path(path).read_bytes())
    except (OSError, campaign_mod.CampaignError) as e:
        err(t("cli.file_problem", lang, file=path, why=text_of(e, lang)))
    return False
