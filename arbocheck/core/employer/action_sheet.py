"""The action list as an Excel workbook HR hands to procurement (openpyxl).

Three sheets: one row per person and measure (the active sheet), one row per measure with
its totals (each provision once, however many people need it), and a short sheet about the
list (organisation, campaign, deadline, date made). Headers and values in the employer's
language (werkgever, hoog, ja), dates as dates, budgets as amounts, column widths that fit
the values, an autofilter and a frozen header on both lists. Every text cell goes through
exports.cell (no text becomes a formula) and is stored as text.
"""

from __future__ import annotations

import datetime as _dt
import io
from decimal import Decimal

from arbocheck.core.common.i18n import t

# (row key, header key, kind) of the sheet per person; kinds: text, date, money, word (a translated value)
PERSON_COLUMNS = (
    ("employee_id", "xlsx.col.employee_id", "text"),
    ("name", "xlsx.col.name", "text"),
    ("department", "xlsx.col.department", "text"),
    ("text", "xlsx.col.measure", "text"),
    ("owner", "xlsx.col.owner", "owner"),
    ("priority", "xlsx.col.priority", "priority"),
    ("term", "xlsx.col.term", "text"),
    ("report_date", "xlsx.col.report_date", "date"),
    ("due", "xlsx.col.due", "date"),
    ("arbo_provision", "xlsx.col.provision", "yesno"),
    ("done", "xlsx.col.done", "yesno"),
    ("responsible", "xlsx.col.responsible", "text"),
    ("planned", "xlsx.col.planned", "date"),
    ("budget", "xlsx.col.budget", "money"),
    ("measure", "xlsx.col.measure_id", "text"),
)
TOTAL_COLUMNS = ("xlsx.tot.measure", "xlsx.tot.owner", "xlsx.tot.provision", "xlsx.tot.people", "xlsx.tot.open",
                 "xlsx.tot.done", "xlsx.tot.first_due", "xlsx.tot.budget", "xlsx.col.measure_id")
MAX_WIDTH, WRAP_FROM = 60, 45
DATE_FORMAT = {"nl": "DD-MM-YYYY", "en": "YYYY-MM-DD"}
MONEY_FORMAT = {"nl": '€ #,##0.00', "en": '€#,##0.00'}


def _date(value):
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _money(value):
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except ArithmeticError:
        return None


def _value(kind: str, v, lang: str):
    if kind == "date":
        return _date(v)
    if kind == "money":
        return _money(v)
    if kind == "owner":
        return t("owner." + str(v), lang) if v in ("employer", "worker", "both") else v
    if kind == "priority":
        return t("priority." + str(v), lang) if v in ("high", "medium", "low") else v
    if kind == "yesno":
        return t("word.yes", lang) if v in ("yes", True) else t("word.no", lang) if v in ("no", False) else v
    return v


def _shown_len(v) -> int:
    if v is None:
        return 0
    if isinstance(v, _dt.date):
        return 10
    if isinstance(v, Decimal):
        return len(f"€ {v:,.2f}")
    return max((len(line) for line in str(v).splitlines()), default=0)


def _fill(ws, headers: list[str], rows: list[list], lang: str) -> None:
    """Header, rows (text through exports.cell, kept as text), formats, widths, filter, frozen header."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from arbocheck.core.employer.cells import cell

    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE7F0")
        c.alignment = Alignment(vertical="top", wrap_text=True)
    widths = [len(h) for h in headers]
    for row in rows:
        ws.append([cell(v) for v in row])
        for i, c in enumerate(ws[ws.max_row]):
            if isinstance(c.value, str):
                c.data_type = "s"  # text stays text: openpyxl would store "=…" as a formula
            elif isinstance(c.value, _dt.date):
                c.number_format = DATE_FORMAT.get(lang, "YYYY-MM-DD")
            elif isinstance(c.value, Decimal):
                c.number_format = MONEY_FORMAT.get(lang, MONEY_FORMAT["en"])
            widths[i] = max(widths[i], _shown_len(c.value))
    for i, w in enumerate(widths, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(MAX_WIDTH, w + 2)
        if w > WRAP_FROM:
            for (c,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, ws.max_row)}"


def totals(rows: list[dict]) -> list[dict]:
    """One row per measure: how many people need it, how many of them still open or arranged, the
    first date one is due (of the open ones), and the planned budget summed."""
    out: dict[tuple, dict] = {}
    for r in rows:
        k = (r.get("measure"), r.get("owner"), r.get("arbo_provision"))
        tot = out.setdefault(k, {"measure": r.get("measure"), "text": r.get("text"), "owner": r.get("owner"),
                                 "arbo_provision": r.get("arbo_provision"), "people": set(), "open": set(),
                                 "done": set(), "first_due": None, "budget": None})
        person = (r.get("employee_id"), r.get("name"))
        tot["people"].add(person)
        tot["done" if r.get("done") == "yes" else "open"].add(person)
        due = _date(r.get("due"))
        if r.get("done") != "yes" and due is not None and (tot["first_due"] is None or due < tot["first_due"]):
            tot["first_due"] = due
        money = _money(r.get("budget"))
        if money is not None:
            tot["budget"] = (tot["budget"] or Decimal(0)) + money
    result = []
    for tot in out.values():
        tot["people"], tot["open"], tot["done"] = len(tot["people"]), len(tot["open"]), len(tot["done"])
        result.append(tot)
    return sorted(result, key=lambda x: (-x["open"], -x["people"], str(x["text"])))


def workbook(rows: list[dict], lang: str = "nl", about: dict | None = None) -> bytes:
    """The workbook (bytes). `rows`: overview.action_list rows (texts already in `lang`);
    `about`: organisation, campaign, deadline for the sheet about the list."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = t("xlsx.sheet.people", lang)[:31]
    _fill(ws, [t(h, lang) for _, h, _ in PERSON_COLUMNS],
          [[_value(kind, r.get(key), lang) for key, _, kind in PERSON_COLUMNS] for r in rows], lang)
    tot = wb.create_sheet(t("xlsx.sheet.totals", lang)[:31])
    _fill(tot, [t(h, lang) for h in TOTAL_COLUMNS],
          [[x["text"], _value("owner", x["owner"], lang), _value("yesno", x["arbo_provision"], lang), x["people"],
            x["open"], x["done"], x["first_due"], x["budget"], x["measure"]] for x in totals(rows)], lang)
    info = wb.create_sheet(t("xlsx.sheet.about", lang)[:31])
    about = about or {}
    facts = [("xlsx.about.organisation", about.get("organisation") or ""),
             ("xlsx.about.campaign", about.get("campaign") or t("xlsx.about.all", lang)),
             ("xlsx.about.deadline", _date(about.get("deadline"))),
             ("xlsx.about.made", _dt.date.today()),
             ("xlsx.about.rows", len(rows)),
             ("xlsx.about.open", sum(1 for r in rows if r.get("done") != "yes"))]
    _fill(info, [t("xlsx.about.what", lang), t("xlsx.about.value", lang)],
          [[t(k, lang), v] for k, v in facts], lang)
    info.cell(row=info.max_row + 2, column=1, value=t("xlsx.about.note", lang))
    wb.properties.title = t("xlsx.sheet.people", lang)
    wb.properties.creator = "arbocheck"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
