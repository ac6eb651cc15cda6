"""What every command shares: exit codes, output, the language of its messages, and the one
place where an error becomes a plain line on stderr (DESIGN.md §5: no traceback reaches a user).

Exit codes (README, "Exit codes"):

    0    done
    1    rejected: a report or a register that does not verify, a file refused on import
    2    bad input or usage, or something that cannot be used: a file, a key, a register
    70   an internal error (a bug in arbocheck): one line naming it, no traceback
    130  interrupted (Ctrl+C)

The command's own messages follow an explicit --lang; without one they are in English, which
scripts expect (the content a command shows, such as findings, follows the user's language).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, Callable

from arbocheck.core.common.i18n import t

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_REJECTED, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130

# Errors of the core whose message is a plain sentence already (they are not yet Refusals). Named by
# module and class and looked up only when that module is loaded, so this file imports none of them.
PLAIN_ERRORS = (
    ("arbocheck.core.trust.keys", "KeyFileError"),
    ("arbocheck.core.trust.seal", "SealError"),
    ("arbocheck.core.report.build", "ExportError"),
    ("arbocheck.core.samples.demo", "DemoError"),
    ("arbocheck.core.expert.trail", "TrailError"),
    ("arbocheck.core.check.photos", "PhotoError"),
    ("arbocheck.core.check.answers", "AnswersError"),
    ("arbocheck.core.questionnaire.loader", "QuestionnaireError"),  # a problem a line: file:line: item ...
)


def out(text: str = "") -> None:
    print(text)


def err(text: str) -> None:
    print(text, file=sys.stderr)


def json_out(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def lang(args: argparse.Namespace | None) -> str:
    """The language of the command's own messages and reasons: an explicit --lang, else English."""
    return getattr(args, "explicit_lang", None) or "en"


def run(handler: Callable[[Any], int], args: Any) -> int:
    """Run one command's handler: its exit code, or the exit code of the error it ended with,
    after one plain line on stderr in the --lang language."""
    try:
        return handler(args)
    except (Exception, KeyboardInterrupt) as e:  # noqa: BLE001 - the one place every error becomes a plain line
        return fail(e, lang(args))


def fail(e: BaseException, lang_: str) -> int:
    """Say what went wrong in one plain line on stderr; the exit code."""
    if isinstance(e, BrokenPipeError):  # `arbocheck ... | head`: the reader has all it wanted
        _quiet_stdout()
        return EXIT_OK
    if isinstance(e, KeyboardInterrupt):
        err(t("cli.interrupted", lang_))
        return EXIT_INTERRUPTED
    text, code = describe(e, lang_)
    err(text)
    return code


def describe(e: BaseException, lang_: str) -> tuple[str, int]:
    """One plain line for an error, and its exit code."""
    from arbocheck.core.common.reasons import Refusal, text_of
    from arbocheck.core.common.shown import shown

    if isinstance(e, Refusal) or _is_plain(e):
        return text_of(e, lang_), EXIT_INPUT
    db = _database_error(e, lang_)
    if db is not None:
        return db, EXIT_INPUT
    if isinstance(e, ModuleNotFoundError):  # an optional part, e.g. the PostgreSQL driver (pip install .[postgres])
        return t("cli.missing_module", lang_, name=shown(e.name or str(e))), EXIT_INPUT
    if isinstance(e, OSError):
        why = e.strerror or str(e)
        return (t("cli.file_problem", lang_, file=shown(e.filename), why=why) if e.filename else why), EXIT_INPUT
    if type(e) is LookupError:  # a questionnaire (or version) that does not exist: a plain sentence
        return str(e), EXIT_INPUT
    return t("cli.internal", lang_, kind=type(e).__name__, why=_one_line(str(e))), EXIT_INTERNAL


def _is_plain(e: BaseException) -> bool:
    for module, name in PLAIN_ERRORS:
        cls = getattr(sys.modules.get(module), name, None)
        if cls is not None and isinstance(e, cls):
            return True
    return False


def _database_error(e: BaseException, lang_: str) -> str | None:
    """A register address (--db) that cannot be used or reached, in one line without a password."""
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is None or not isinstance(e, exc.SQLAlchemyError):
        return None
    if isinstance(e, exc.ArgumentError):  # not a URL, or no dialect of that name (nosuch://)
        return t("cli.db_address", lang_, why=_one_line(str(e)))
    why = _one_line(str(getattr(e, "orig", None) or e))
    if isinstance(e, exc.OperationalError):  # refused, unknown host, no such database, unreadable file
        return t("cli.db_unreachable", lang_, why=why)
    return t("cli.db_failed", lang_, why=why)


def _one_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("(Background on")]
    return " ".join(lines) or "—"


def _quiet_stdout() -> None:
    """After a broken pipe, let Python's final flush of stdout go nowhere instead of failing."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
