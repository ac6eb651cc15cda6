"""Planning the measures chosen in the "what to arrange" tab: who arranges them, by when, for how
much (core/employer/plan.py: appended events, the newest plan holds). A view: the window does the
recording through the task runner."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from arbocheck.core.employer.overview import ProvisionRow
from arbocheck.ui.texts import tr


class PlanEditor(QWidget):
    def __init__(self, lang: str, record: Callable[[str, str, str], None]):
        super().__init__()
        self.lang = lang
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.responsible = QLineEdit()
        self.planned = QLineEdit()
        self.planned.setPlaceholderText(tr("plan.date.placeholder", lang))
        self.planned.setMaximumWidth(130)
        self.budget = QLineEdit()
        self.budget.setPlaceholderText(tr("plan.budget.placeholder", lang))
        self.budget.setMaximumWidth(110)
        for key, field in (("plan.responsible", self.responsible), ("plan.planned", self.planned),
                           ("plan.budget", self.budget)):
            label = QLabel(tr(key, lang))
            label.setBuddy(field)
            field.setAccessibleName(tr(key, lang).replace("&", ""))
            row.addWidget(label)
            row.addWidget(field, 2 if field is self.responsible else 1)
        self.save = QPushButton(tr("plan.save", lang))
        self.save.clicked.connect(lambda: record(self.responsible.text(), self.planned.text(), self.budget.text()))
        row.addWidget(self.save)
        self.show_rows([])

    def show_rows(self, rows: list[ProvisionRow]) -> None:
        """Fill the fields from the chosen measure (one), or leave them for several at once."""
        for w in (self.responsible, self.planned, self.budget, self.save):
            w.setEnabled(bool(rows))
        if len(rows) == 1:
            p = rows[0].plan
            self.responsible.setText(p.responsible)
            self.planned.setText(_dutch_date(p.planned) if self.lang == "nl" else p.planned)
            self.budget.setText(p.budget.replace(".", ",") if self.lang == "nl" else p.budget)
        elif not rows:
            for w in (self.responsible, self.planned, self.budget):
                w.clear()


def _dutch_date(iso: str) -> str:
    return f"{iso[8:10]}-{iso[5:7]}-{iso[:4]}" if len(iso) == 10 else iso
