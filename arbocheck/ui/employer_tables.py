"""The employer's tables: who handed in what, and what the employer must arrange.

Views on core.overview rows (models, no domain logic); fast for thousands of rows.
"""

from __future__ import annotations

from html import escape
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout, QWidget)

from ..core.i18n import t
from ..core.overview import EmployeeRow, Overview, ProvisionRow
from .badges import COLOURS
from .text_labels import paragraph
from .texts import tr

PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}


class RowsModel(QAbstractTableModel):
    """Rows of dataclasses shown through a list of (header key, cell text, sort key) columns."""

    def __init__(self, columns: list[tuple[str, Callable, Callable | None]], lang: str):
        super().__init__()
        self.columns, self.lang, self.rows = columns, lang, []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.columns[section][0], self.lang)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.rows[index.row()]
        _, text, sort_key = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text(row)
        if role == Qt.ItemDataRole.UserRole:  # what sorting compares
            return (sort_key or text)(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row, index.column())
        return None

    def background(self, row, column: int):
        return None


class EmployeesModel(RowsModel):
    def __init__(self, lang: str):
        def enrol(e: EmployeeRow) -> str:
            return tr(f"emps.enrolment.{e.enrolment}", lang) if e.status == "handed_in" and e.enrolment else ""

        super().__init__([
            ("emps.col.id", lambda e: e.employee_id, None),
            ("emps.col.name", lambda e: e.name, None),
            ("emps.col.status", lambda e: tr(f"emps.status.{e.status}", lang), None),
            ("emps.col.enrolment", enrol, None),
            ("emps.col.high", lambda e: str(e.high) if e.status == "handed_in" else "", lambda e: e.high),
            ("emps.col.medium", lambda e: str(e.medium) if e.status == "handed_in" else "", lambda e: e.medium),
            ("emps.col.low", lambda e: str(e.low) if e.status == "handed_in" else "", lambda e: e.low),
            ("emps.col.last", lambda e: _date(e.last_report_at), lambda e: e.last_report_at),
        ], lang)

    def background(self, row: EmployeeRow, column: int):
        if column == 4 and row.high:
            return QColor(COLOURS["high"][1])
        if column == 2 and row.status == "not_yet":
            return QColor("#f2f2f2")
        return None


class ProvisionsModel(RowsModel):
    def __init__(self, lang: str, names: Callable[[str], str]):
        yes, no = tr("prov.yes", lang), tr("prov.no", lang)
        super().__init__([
            ("prov.col.employee", lambda p: _who(p.employee_id, names(p.employee_id)), None),
            ("prov.col.measure", lambda p: p.text, None),
            ("prov.col.priority", lambda p: t("priority." + p.priority, lang), lambda p: PRIORITY_ORDER.get(p.priority, 3)),
            ("prov.col.term", lambda p: p.term_label, None),
            ("prov.col.provision", lambda p: yes if p.provision else no, None),
            ("prov.col.done", lambda p: yes if p.done else no, None),
        ], lang)

    def background(self, row: ProvisionRow, column: int):
        if column == 2:
            return QColor(COLOURS.get(row.priority, COLOURS["low"])[1])
        if column == 5 and row.done:
            return QColor(COLOURS["ok"][1])
        return None


class Filter(QSortFilterProxyModel):
    """Sorts on each column's sort key; keeps the rows a predicate accepts."""

    def __init__(self, model: RowsModel):
        super().__init__()
        self.setSourceModel(model)
        self.setSortRole(Qt.ItemDataRole.UserRole)
        self.accept: Callable[[object], bool] = lambda row: True

    def set_predicate(self, accept: Callable[[object], bool]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self.accept = accept
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.accept = accept
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, parent) -> bool:  # noqa: N802
        return self.accept(self.sourceModel().rows[source_row])

    def lessThan(self, left, right) -> bool:  # noqa: N802
        a, b = left.data(Qt.ItemDataRole.UserRole), right.data(Qt.ItemDataRole.UserRole)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)


def table(proxy: Filter, accessible: str) -> QTableView:
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
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
    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang
        self.model = EmployeesModel(lang)
        self.proxy = Filter(self.model)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.show_combo = QComboBox()
        for value in ("all", "not_yet", "handed_in", "tofu", "high"):
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
        lay.addLayout(row)
        self.view = table(self.proxy, tr("emp.tab.employees", lang).replace("&", ""))
        self.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        lay.addWidget(self.view, 1)
        self.show_combo.currentIndexChanged.connect(self.apply)
        self.search.textChanged.connect(self.apply)

    def set_overview(self, ov: Overview) -> None:
        self.model.set_rows(ov.employees)
        self.apply()
        self.view.resizeColumnsToContents()

    def apply(self) -> None:
        show, needle = self.show_combo.currentData(), self.search.text().strip().lower()

        def accept(e: EmployeeRow) -> bool:
            if show == "not_yet" and e.status != "not_yet" or show == "handed_in" and e.status != "handed_in":
                return False
            if show == "tofu" and not (e.status == "handed_in" and e.enrolment == "tofu"):
                return False
            if show == "high" and not e.high:
                return False
            return not needle or needle in f"{e.employee_id} {e.name}".lower()

        self.proxy.set_predicate(accept)
        self.count.setText(tr("emps.shown", self.lang, n=self.proxy.rowCount(), total=self.model.rowCount()))


class ProvisionsTab(QWidget):
    def __init__(self, lang: str, mark_done: Callable[[ProvisionRow], None]):
        super().__init__()
        self.lang, self.mark_done = lang, mark_done
        self.names: dict[str, str] = {}
        self.model = ProvisionsModel(lang, lambda eid: self.names.get(eid, ""))
        self.proxy = Filter(self.model)
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
        lay.addLayout(row)
        self.view = table(self.proxy, tr("emp.tab.provisions", lang).replace("&", ""))
        self.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        lay.addWidget(self.view, 1)
        self.message = paragraph("")
        lay.addWidget(self.message)
        for box in (self.only_open, self.only_provisions):
            box.toggled.connect(self.apply)
        self.search.textChanged.connect(self.apply)
        self.view.selectionModel().selectionChanged.connect(self._selection)
        self.done_button.clicked.connect(self._mark)

    def set_overview(self, ov: Overview) -> None:
        self.names = {e.employee_id: e.name for e in ov.employees}
        self.model.set_rows(ov.provisions)
        self.apply()
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), 420))

    def apply(self) -> None:
        only_open, only_prov = self.only_open.isChecked(), self.only_provisions.isChecked()
        needle = self.search.text().strip().lower()

        def accept(p: ProvisionRow) -> bool:
            if only_open and p.done or only_prov and not p.provision:
                return False
            return not needle or needle in f"{p.employee_id} {self.names.get(p.employee_id, '')} {p.text}".lower()

        self.proxy.set_predicate(accept)
        shown = [self.model.rows[self.proxy.mapToSource(self.proxy.index(i, 0)).row()]
                 for i in range(self.proxy.rowCount())]
        self.count.setText(tr("prov.shown", self.lang, n=len(shown), open=sum(not p.done for p in shown)))
        totals: dict[str, int] = {}
        for p in self.model.rows:
            if not p.done and p.provision:
                totals[p.text] = totals.get(p.text, 0) + 1
        self.totals.setText(f"<b>{escape(tr('prov.totals', self.lang))}:</b> " + escape(" · ".join(
            f"{text} {n}×" for text, n in sorted(totals.items(), key=lambda kv: -kv[1]))) if totals else "")
        self._selection()

    def selected(self) -> ProvisionRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[self.proxy.mapToSource(rows[0]).row()]

    def _selection(self, *_) -> None:
        p = self.selected()
        self.done_button.setEnabled(p is not None and not p.done)

    def _mark(self) -> None:
        p = self.selected()
        if p is not None and not p.done:
            self.mark_done(p)


def _who(employee_id: str, name: str) -> str:
    return f"{employee_id} · {name}" if name else employee_id


def _date(iso: str) -> str:
    """'2026-11-24T10:00:00+00:00' → '24-11-2026' (local date)."""
    import datetime as _dt

    if not iso:
        return ""
    try:
        return _dt.datetime.fromisoformat(iso).astimezone().strftime("%d-%m-%Y")
    except ValueError:
        return iso[:10]
