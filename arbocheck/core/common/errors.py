"""Every error arbocheck shows a person, and how it reads in Dutch and English.

Our exception hierarchy (where each is raised; in brackets a builtin callers also catch it as):

* ArbocheckError                 something arbocheck refuses or cannot do, said in plain words
  x Refusal                      a text key and its values (arbocheck/texts/<lang>.yaml)
    + QuestionnaireError         questionnaire/loader: a questionnaire file that is not valid
    + QuestionnaireNotFound      questionnaire/loader.find: no such questionnaire [LookupError]
    + AnswersError               check/answers: an answers file or an answer that does not fit [ValueError]
    + PhotoError                 check/photos: a photo that cannot be used [ValueError]
    + KeyFileError               trust/keys: the worker's signing key cannot be used
      - KeyLocked                trust/keyguard: a key kept at rest cannot be opened or protected
                                 (expert/identity calls it ExpertError)
    + SealError                  trust/seal: the sealed part cannot be made or opened [ValueError]
    + CampaignError              trust/campaign: a campaign or employees file that cannot be used [ValueError]
    + EmployeeIdError            trust/identity: an employee id that cannot be used [ValueError]
    + InvalidAssessment          trust/assessment_model: assessment.json does not fit its model
    + Rejected                   trust/verify: a signed PDF that is not accepted
    + ExportError                report/build, expert/advice: a report was not made; nothing was written
    + RegisterError              employer/register: a register that cannot be used as it is
    + PlanError                  employer/plan: a planned date, budget or name that cannot be recorded [ValueError]
    + StoredReportError          employer/stored_reports: a stored report that cannot be shown
    + LinkError                  employer/register: a report without enrolment that cannot be linked
    + RollupRefusal              employer/disclosure: a signed roll-up that would reveal someone by difference
    + TrailError                 expert/trail: the expert's review trail is damaged
    + DemoError                  samples/demo: the demo could not be made

A Refusal carries a key and values, never a finished sentence: `text(lang)` reads it in a
language, `str()` is the English text (the command line's default). A value may itself be
translatable (a Refusal, a `Phrase`, a list of them, any error): it is put in the same
language. `text_of(e, lang)` gives the plain reason for any exception, ours or not; the GUI's
task runner shows errors with it (ui/tasks.py), the CLI prints it.

Errors that never reach a person stay outside this tree: pdf_structure's _Stop and _Fallback
steer its own parser, and programming errors (TypeError, AssertionError) stay what they are.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from arbocheck.core.common.i18n import t


@runtime_checkable
class Translatable(Protocol):
    def text(self, lang: str) -> str: ...


class ArbocheckError(Exception):
    """Base class of every error arbocheck reports to a person."""

    def text(self, lang: str) -> str:
        """The reason in the given language."""
        return str(self)


class Refusal(ArbocheckError):
    """An error whose message exists in Dutch and English: a key and its values."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return say(self.key, lang, **self.params)

    def __reduce__(self):  # crosses process boundaries (the importer's workers) intact, subclasses too
        extra = {k: v for k, v in self.__dict__.items() if k not in ("key", "params")}
        return (_rebuild, (type(self), self.key, self.params, extra))


def _rebuild(cls, key, params, extra=None):
    e = cls.__new__(cls)
    e.__dict__.update(extra or {})
    Refusal.__init__(e, key, **params)
    return e


class Phrase:
    """A value given in each language (a unit, a word from a questionnaire) for a Refusal's text."""

    def __init__(self, **by_lang: str):
        self.by_lang = by_lang

    def text(self, lang: str) -> str:
        return self.by_lang.get(lang) or self.by_lang.get("nl") or next(iter(self.by_lang.values()), "")

    def __str__(self) -> str:
        return self.text("en")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and other.by_lang == self.by_lang

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.by_lang.items())))


class Lines(tuple):
    """Values shown one per line (a questionnaire's problems), each in the text's language."""

    def text(self, lang: str) -> str:
        return "\n".join(str(_render(v, lang)) for v in self)


def say(key: str, lang: str = "en", **params: object) -> str:
    """The text of `key`; values that are translatable themselves read in the same language."""
    return t(key, lang, **{k: _render(v, lang) for k, v in params.items()})


def _render(value: object, lang: str) -> object:
    if isinstance(value, BaseException):
        return text_of(value, lang)
    if isinstance(value, Translatable):
        return value.text(lang)
    if isinstance(value, (list, tuple)) and value and all(
            isinstance(v, (BaseException, Translatable)) for v in value):
        return "; ".join(str(_render(v, lang)) for v in value)
    return value


def text_of(e: BaseException, lang: str) -> str:
    """The plain reason for any error a person may see: translated when it is one of ours."""
    if isinstance(e, ArbocheckError):
        return e.text(lang)
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return str(e) or type(e).__name__
