"""The employer's tables: who handed in what, and what the employer must arrange.

Views on core.overview (models, no domain logic). Rows come a page at a time from the
register, filtered and sorted there, so a register of 100,000 reports scrolls like one of fifty.
"""

from __future__ import annotations

from html import escape
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from arbocheck.core.employer import overview
from arbocheck.core.common.i18n import t
from arbocheck.core.employer.overview import EmployeeRow, ProvisionRow, Summary
from arbocheck.ui.badges import COLOURS
from arbocheck.ui.text_labels import paragraph
from arbocheck.ui.tasks import show_error
from arbocheck.ui.texts import tr


class PagedModel(QAbstractTableModel):
    """Rows fetched page by page through the task runner; the newest request wins.

    columns: (header key, cell text, order key for the register or None when not sortable).
    """

    def __init__(self, columns: list[tuple[str, Callable, str | None]], runner, lang: str):
        super().__init__()
        self.columns, self.runner, self.lang = columns, runner, lang
        self.rows: list = []
        self.total = 0
        self.fetch: Callable[[int, str, bool], tuple[list, int]] | None = None  # (offset, order, descending)
        self.order, self.descending = "priority", False
        self.generation = 0
        self.loading = False
        self.loaded: Callable[[], None] = lambda: None
        self.failed: Callable[[BaseException], None] = lambda e: show_error(e, lang, failed="table.failed")

    def reload(self, fetch: Callable[[int, str, bool], tuple[list, int]]) -> None:
        self.fetch = fetch
        self.generation += 1
        self.beginResetModel()
        self.rows, self.total = [], 0
        self.endResetModel()
        self._request(0)

    def _request(self, offset: int) -> None:
        if self.fetch is None:
            return
        gen, fetch, order, desc = self.generation, self.fetch, self.order, self.descending
        self.loading = True
        self.runner.run(lambda: fetch(offset, order, desc), on_done=lambda got: self._arrived(gen, offset, *got),
                        on_error=lambda e: self._failed(gen, e))

    def _arrived(self, gen: int, offset: int, rows: list, total: int) -> None:
        if gen != self.generation or offset != len(self.rows):
            return  # an answer to an older question
        self.loading = False
        self.total = total
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.loaded()

    def _failed(self, gen: int, e: BaseException) -> None:
        if gen == self.generation:  # a failed answer to an older question: a newer one is on its way
            self.loading = False
            self.failed(e)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt's name
        return not parent.isValid() and not self.loading and len(self.rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if self.canFetchMore(parent):
            self._request(len(self.rows))

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column][2]
        if key is None or self.fetch is None:
            return
        self.order, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self.reload(self.fetch)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.columns[section][0], self.lang)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](row)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row, index.column())
        return None

    def background(self, row, column: int):
        return None


class EmployeesModel(PagedModel):
    def __init__(self, runner, lang: str):
        def enrol(e: EmployeeRow) -> str:
            return tr(f"emps.enrolment.{e.enrolment}", lang) if e.status == "handed_in" and e.enrolment else ""

        def count(get):
            return lambda e: str(get(e)) if e.status == "handed_in" else ""

        super().__init__([
            ("emps.col.id", lambda e: e.employee_id, "employee_id"),
            ("emps.col.name", lambda e: e.name, "name"),
            ("emps.col.status", lambda e: tr(f"emps.status.{e.status}", lang), "status"),
            ("emps.col.enrolment", enrol, "enrolment"),
            ("emps.col.high", count(lambda e: e.high), "high"),
            ("emps.col.medium", count(lambda e: e.medium), "medium"),
            ("emps.col.low", count(lambda e: e.low), "low"),
            ("emps.col.last", lambda e: _date(e.last_report_at), "last"),
            ("emps.col.instruction", lambda e: (tr("emps.instruction.read", lang, date=_day(e.instruction_read))
                                                if e.instruction_read else
                                                tr("emps.instruction.unread", lang) if e.status == "handed_in"
                                                else ""), None),
        ], runner, lang)

    def background(self, row: EmployeeRow, column: int):
        if column == 4 and row.high:
            return QColor(COLOURS["high"][1])
        if column == 2 and row.status == "not_yet":
            return QColor("#f2f2f2")
        return None


class ProvisionsModel(PagedModel):
    def __init__(self, runner, lang: str, texts: dict[str, str]):
        yes, no = tr("prov.yes", lang), tr("prov.no", lang)
        super().__init__([
            ("prov.col.employee", lambda p: f"{p.employee_id} · {p.name}" if p.name else p.employee_id, "employee"),
            ("prov.col.measure", lambda p: texts.get(p.measure, p.text), "measure"),
            ("prov.col.priority", lambda p: t("priority." + p.priority, lang), "priority"),
            ("prov.col.term", lambda p: p.term_label, "term"),
            ("prov.col.due", lambda p: _day(p.due), None),
            ("prov.col.provision", lambda p: yes if p.provision else no, "provision"),
            ("prov.col.done", lambda p: yes if p.done else no, "done"),
            ("prov.col.responsible", lambda p: p.plan.responsible, None),
            ("prov.col.planned", lambda p: _day(p.plan.planned), None),
            ("prov.col.budget", lambda p: _money(p.plan.budget, lang), None),
        ], runner, lang)

    def background(self, row: ProvisionRow, column: int):
        if column == 2:
            return QColor(COLOURS.get(row.priority, COLOURS["low"])[1])
        if column == 6 and row.done:
            return QColor(COLOURS["ok"][1])
        return None


def table(model: PagedModel, accessible: str) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSortingEnabled(True)
    view.horizontalHeader().setSortIndicatorShown(False)  # until the user picks a column: priority order
    view.horizontalHeader().sectionClicked.connect(lambda *_: view.horizontalHeader().setSortIndicatorShown(True))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setAccessibleName(accessible)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
    return view


class EmployeesTab(QWidget):
    def __init__(self, register, runner, lang: str, open_report: Callable[[EmployeeRow], None] = lambda e: None,
                 link: Callable[[EmployeeRow], None] | None = None):
        super().__init__()
        self.register, self.lang, self.open_report, self.link = register, lang, open_report, link
        self.campaign_id: str | None = None
        self.everyone, self.who = 0, ""
        self.model = EmployeesModel(runner, lang)
        self.model.loaded = self._counted
        self.model.failed = lambda e: show_error(e, lang, line=self.count, failed="table.failed")
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.show_combo = QComboBox()
        for value in ("all", "not_yet", "handed_in", "tofu", "high", "due"):
            self.show_combo.addItem(tr(f"emps.{value}", lang), value)
        label = QLabel(tr("emps.filter", lang))
        label.setBuddy(self.show_combo)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("emps.search", lang))
        self.search.setAccessibleName(tr("emps.search", lang))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(280)
        row.addWidget(label)
        row.addWidget(self.show_combo)
        row.addWidget(self.search)
        row.addStretch(1)
        self.count = QLabel("")
        row.addWidget(self.count)
        self.open_button = QPushButton(tr("emps.open", lang))
        self.open_button.setToolTip(tr("emps.open.help", lang))
        self.open_button.setEnabled(False)
        row.addWidget(self.open_button)
        # A report without enrolment is one of the employees only when HR says so (an event).
        self.link_button = QPushButton(tr("emps.link", lang))
        self.link_button.setToolTip(tr("emps.link.tip", lang))
        self.link_button.setEnabled(False)
        row.addWidget(self.link_button)
        lay.addLayout(row)
        self.view = table(self.model, tr("emp.tab.employees", lang).replace("&", ""))
        lay.addWidget(self.view, 1)
        self.message = paragraph("")
        lay.addWidget(self.message)
        self.show_combo.currentIndexChanged.connect(self.apply)
        self.search.textChanged.connect(self.apply)
        self.view.selectionModel().selectionChanged.connect(self._selection)
        self.model.modelReset.connect(self._selection)
        self.open_button.clicked.connect(self._open)
        self.view.doubleClicked.connect(lambda *_: self._open())
        self.link_button.clicked.connect(self._link)

    def _link(self) -> None:
        e = self.selected()
        if e is not None and e.enrolment == "tofu" and self.link is not None:
            self.link(e)

    def set_summary(self, campaign_id: str | None, s: Summary) -> None:
        self.campaign_id, self.everyone, self.who = campaign_id, s.handed_in + s.not_yet, s.listed(self.lang)
        self.group = s.group
        self.apply()

    def apply(self) -> None:
        reg, cid, group = self.register, self.campaign_id, getattr(self, "group", None)
        show, search = self.show_combo.currentData(), self.search.text()
        self.model.reload(lambda offset, order, desc: overview.employees(
            reg, cid, show=show, search=search, order=order, descending=desc, offset=offset, group=group))

    def selected(self) -> EmployeeRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows and rows[0].row() < len(self.model.rows) else None

    def _selection(self, *_) -> None:
        e = self.selected()
        self.open_button.setEnabled(e is not None and e.status == "handed_in" and e.employee_id != "—")
        self.link_button.setEnabled(self.link is not None and e is not None and e.enrolment == "tofu")

    def _open(self) -> None:
        e = self.selected()
        if e is not None and e.status == "handed_in" and e.employee_id != "—":
            self.open_report(e)

    def _counted(self) -> None:
        self.count.setText(tr("emps.shown", self.lang, n=self.model.total, total=self.everyone, who=self.who))
        if self.model.rows and len(self.model.rows) <= overview.PAGE:
            self.view.resizeColumnsToContents()


class ProvisionsTab(QWidget):
    """What to arrange: choose one or more measures, mark them arranged (confirmed, and undone by a
    reversal), or plan them (responsible, planned date, budget). The window records it."""

    def __init__(self, register, runner, lang: str, texts: dict[str, str],
                 mark_done: Callable[[list[ProvisionRow]], None], undo: Callable[[], None] = lambda: None,
                 record_plan: Callable[[list[ProvisionRow], str, str, str], None] = lambda *a: None):
        from arbocheck.ui.employer.plan_editor import PlanEditor

        super().__init__()
        self.register, self.lang, self.texts, self.mark_done = register, lang, texts, mark_done
        self.campaign_id: str | None = None
        self.model = ProvisionsModel(runner, lang, texts)
        self.model.loaded = self._counted
        self.model.failed = lambda e: show_error(e, lang, line=self.count, failed="table.failed")
        lay = QVBoxLayout(self)
        lay.addWidget(paragraph(escape(tr("prov.lead", lang))))
        self.totals = paragraph("")
        lay.addWidget(self.totals)
        row = QHBoxLayout()
        self.only_open = QCheckBox(tr("prov.only_open", lang))
        self.only_open.setChecked(True)
        self.only_provisions = QCheckBox(tr("prov.only_provisions", lang))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("prov.search", lang))
        self.search.setAccessibleName(tr("prov.search", lang))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.done_button = QPushButton(tr("prov.done", lang))
        self.done_button.setEnabled(False)
        for w in (self.only_open, self.only_provisions, self.search):
            row.addWidget(w)
        row.addStretch(1)
        self.count = QLabel("")
        row.addWidget(self.count)
        row.addWidget(self.done_button)
        self.undo_button = QPushButton(tr("prov.undo", lang))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(undo)
        row.addWidget(self.undo_button)
        lay.addLayout(row)
        self.view = table(self.model, tr("emp.tab.provisions", lang).replace("&", ""))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several at once
        lay.addWidget(self.view, 1)
        self.plan = PlanEditor(lang, lambda who, when, budget: record_plan(self.chosen(), who, when, budget))
        lay.addWidget(self.plan)
        self.message = paragraph("")
        lay.addWidget(self.message)
        for box in (self.only_open, self.only_provisions):
            box.toggled.connect(self.apply)
        self.search.textChanged.connect(self.apply)
        self.view.selectionModel().selectionChanged.connect(self._selection)
        self.model.modelReset.connect(self._selection)
        self.done_button.clicked.connect(self._mark)

    def set_summary(self, campaign_id: str | None, s: Summary) -> None:
        self.campaign_id, self.group = campaign_id, s.group
        order = [m for m in s.measures if m.provision and m.open]
        self.totals.setText(f"<b>{escape(tr('prov.totals', self.lang))}:</b> " + escape(" · ".join(
            f"{self.texts.get(m.measure, m.text)} {m.open}×" for m in order)) if order else "")
        self.apply()

    def apply(self) -> None:
        reg, cid, group = self.register, self.campaign_id, getattr(self, "group", None)
        only_open, only_prov, search = self.only_open.isChecked(), self.only_provisions.isChecked(), self.search.text()
        self.model.reload(lambda offset, order, desc: overview.provisions(
            reg, cid, only_open=only_open, only_provisions=only_prov, search=search, order=order, descending=desc,
            offset=offset, group=group))

    def _counted(self) -> None:
        self.count.setText(tr("prov.shown", self.lang, n=self.model.total))
        if self.model.rows and len(self.model.rows) <= overview.PAGE:
            self.view.resizeColumnsToContents()
            self.view.setColumnWidth(1, min(self.view.columnWidth(1), 420))
        self._selection()

    def chosen(self) -> list[ProvisionRow]:
        """The measures chosen in the table, in its order."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows if r < len(self.model.rows)]

    def selected(self) -> ProvisionRow | None:
        rows = self.chosen()
        return rows[0] if rows else None

    def _selection(self, *_) -> None:
        rows = self.chosen()
        self.done_button.setEnabled(any(not p.done for p in rows))
        self.plan.show_rows(rows)

    def _mark(self) -> None:
        rows = [p for p in self.chosen() if not p.done]
        if rows:
            self.mark_done(rows)


def _day(iso: str) -> str:
    """'2026-12-31' → '31-12-2026'; '' stays ''."""
    return f"{iso[8:10]}-{iso[5:7]}-{iso[:4]}" if len(iso) >= 10 else iso


def _money(amount: str, lang: str) -> str:
    """'1250.50' → '€ 1.250,50' (nl) / '€1,250.50' (en)."""
    if not amount:
        return ""
    text = f"{float(amount):,.2f}"
    return "€ " + text.replace(",", " ").replace(".", ",").replace(" ", ".") if lang == "nl" else "€" + text


def _date(iso: str) -> str:
    """'2026-11-24T10:00:00+00:00' → '24-11-2026' (local date)."""
    import datetime as _dt

    if not iso:
        return ""
    try:
        return _dt.datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y")
    except ValueError:
        return iso[:10]
