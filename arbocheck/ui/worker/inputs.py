"""One input widget per questionnaire item type. Views only: they emit `edited`
with the new value (None when cleared) and know nothing of rules.
"""

from __future__ import annotations

from typing import Any

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QRadioButton, QVBoxLayout, QWidget)

from arbocheck.core.questionnaire import model as qmodel
from arbocheck.core.questionnaire import numbers
from arbocheck.core.questionnaire.countries import ISO_3166_ALPHA2
from arbocheck.ui.texts import tr


class ItemInput(QWidget):
    edited = Signal(object)

    def __init__(self, item: Any, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.item, self.lang = item, lang
        self._quiet = False

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, v: Any) -> None:
        self._quiet = True
        try:
            self._set(v)
        finally:
            self._quiet = False

    def _set(self, v: Any) -> None:
        raise NotImplementedError

    def _emit(self, *_: Any) -> None:
        if not self._quiet:
            self.edited.emit(self.value())

    def focus_target(self) -> QWidget:
        return self

    def focusables(self) -> list[QWidget]:
        """Every control of this answer a person can reach with Tab or the arrow keys."""
        return [self.focus_target()]

    def describe(self, context: str) -> None:
        """Set what the row says around this answer (who sees it, the advice under it) as the accessible
        description of every control, so a screen reader reads it with the control; Qt announces the change."""
        self._context = context
        self._describe()

    def own_description(self) -> str:
        """What the input itself has to say (a number field: what is wrong, what is allowed)."""
        return ""

    def _describe(self) -> None:
        text = " ".join(x for x in (self.own_description(), getattr(self, "_context", "")) if x)
        for w in self.focusables():
            if w.accessibleDescription() != text:
                w.setAccessibleDescription(text)

    def _name(self, w: QWidget, suffix: str = "") -> None:
        """Named by the question (and the option), with "verplicht" where an answer is required."""
        name = self.item.text.get(self.lang) + (f" — {suffix}" if suffix else "")
        if self.item.required:
            name += f" ({tr('item.required', self.lang)})"
        w.setAccessibleName(name)


class _Buttons(ItemInput):
    """Radio buttons in a row: yes/no, short single choices and scales."""

    def __init__(self, item, lang, choices: list[tuple[Any, str]], parent=None, vertical=False):
        super().__init__(item, lang, parent)
        lay = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.values = [v for v, _ in choices]
        for i, (_, label) in enumerate(choices):
            b = QRadioButton(label)
            self._name(b, label.replace("&", ""))
            self.group.addButton(b, i)
            lay.addWidget(b)
        if not vertical:
            lay.addStretch(1)
        self.group.idClicked.connect(self._emit)

    def value(self):
        i = self.group.checkedId()
        return None if i < 0 else self.values[i]

    def _set(self, v):
        self.group.setExclusive(False)
        for b in self.group.buttons():
            b.setChecked(False)
        self.group.setExclusive(True)
        if v in self.values:
            self.group.button(self.values.index(v)).setChecked(True)

    def focus_target(self):
        return self.group.checkedButton() or self.group.button(0)

    def focusables(self):
        return list(self.group.buttons())


class _Multi(ItemInput):
    def __init__(self, item, lang, parent=None):
        super().__init__(item, lang, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        self.exclusive = {o.value for o in item.options if o.exclusive}
        for o in item.options:
            b = QCheckBox(o.label.get(lang))
            self._name(b, o.label.get(lang))
            b.toggled.connect(lambda on, v=o.value: self._toggled(v, on))
            lay.addWidget(b)
            self.boxes[o.value] = b

    def _toggled(self, v: str, on: bool) -> None:
        if on and not self._quiet:
            self._quiet = True
            for other, b in self.boxes.items():
                if other != v and (v in self.exclusive or other in self.exclusive):
                    b.setChecked(False)
            self._quiet = False
        self._emit()

    def value(self):
        return [v for v, b in self.boxes.items() if b.isChecked()] or None

    def _set(self, v):
        for val, b in self.boxes.items():
            b.setChecked(bool(v) and val in v)

    def focus_target(self):
        return next(iter(self.boxes.values()))

    def focusables(self):
        return list(self.boxes.values())


class _NumberEdit(QLineEdit):
    """A line edit whose Up/Down keys step the number (as a spin box would) and that selects its text
    on focus, so typing replaces the old value."""

    stepped = Signal(int)

    def focusInEvent(self, e):
        super().focusInEvent(e)
        QTimer.singleShot(0, self.selectAll)

    def keyPressEvent(self, e):
        if e.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.stepped.emit(1 if e.key() == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(e)


class _Number(ItemInput):
    """Numbers and hours: what the person typed stays as typed. The core validator
    (core/questionnaire/numbers.read) says what it means; below the field stand what is allowed
    (visible before typing), what was read differently (metres as cm) and what is wrong. The
    field's accessible description carries the same sentences, so a screen reader hears them."""

    def __init__(self, item, lang, parent=None):
        super().__init__(item, lang, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.field = _NumberEdit()
        self.field.setMaximumWidth(120)
        self.field.setMinimumWidth(90)
        self.unit = QLabel(qmodel.unit_text(item, lang))
        self.unit.setBuddy(self.field)
        row.addWidget(self.field)
        row.addWidget(self.unit)
        row.addStretch(1)
        outer.addLayout(row)
        self.allowed_text = numbers.allowed(item).text(lang)
        self.hint = QLabel(escape(self.allowed_text))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        outer.addWidget(self.hint)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        outer.addWidget(self.message)
        self._name(self.field, qmodel.unit_text(item, lang))
        self.reading = numbers.read(item, "")
        self._typing = QTimer(self, singleShot=True, interval=500)
        self._typing.timeout.connect(self._judge)
        self.field.textEdited.connect(lambda *_: self._typing.start())
        self.field.editingFinished.connect(self._flush)
        self.field.stepped.connect(self._step)
        self._show()

    @property
    def spin(self):  # older name, kept for scripts that drive the field
        return self.field

    def _flush(self):
        if self._typing.isActive() or numbers.read(self.item, self.field.text()) != self.reading:
            self._typing.stop()
            self._judge()

    def _step(self, direction: int) -> None:
        v = numbers.step(self.item, numbers.read(self.item, self.field.text()).value, direction)
        self.field.setText(numbers.shown(self.item, v, self.lang))
        self._judge()

    def _judge(self) -> None:
        before = self.reading.value
        self.reading = numbers.read(self.item, self.field.text())
        self._show()
        if self.reading.value != before or self.reading.problem is not None:
            self._emit()

    def _show(self) -> None:
        r = self.reading
        lines = []
        if r.problem is not None:
            lines.append(("#b3261e", tr("item.number.invalid", self.lang, reason=_sentence(r.problem.text(self.lang)))))
        if r.note is not None:
            lines.append(("#1f5fa8", r.note.text(self.lang)))
        self.message.setText("<br>".join(f"<span style='color:{c}'>{escape(x, quote=False)}</span>" for c, x in lines))
        self.message.setVisible(bool(lines))
        self.field.setStyleSheet("QLineEdit { border: 2px solid #b3261e; }" if r.problem is not None else "")
        self._lines = [x for _, x in lines]
        self._describe()  # Qt sends DescriptionChanged to assistive technology
        self.field.setProperty("invalid", r.problem is not None)

    def own_description(self) -> str:
        return " ".join(getattr(self, "_lines", []) + [self.allowed_text])

    def value(self):
        return self.reading.value

    def _set(self, v):
        self._typing.stop()
        self.field.setText(numbers.shown(self.item, v, self.lang))
        self.reading = numbers.read(self.item, self.field.text())
        self._show()

    def focus_target(self):
        return self.field


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else text


class _Combo(ItemInput):
    def __init__(self, item, lang, parent=None):
        super().__init__(item, lang, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self._name(self.combo)
        self.combo.addItem(tr("item.unanswered", lang), None)
        for o in item.options:
            self.combo.addItem(o.label.get(lang), o.value)
        self.combo.currentIndexChanged.connect(self._emit)
        lay.addWidget(self.combo)
        lay.addStretch(1)

    def value(self):
        return self.combo.currentData()

    def _set(self, v):
        i = self.combo.findData(v)
        self.combo.setCurrentIndex(max(0, i))

    def focus_target(self):
        return self.combo


class _Country(_Combo):
    OTHER = "__other__"

    def __init__(self, item, lang, parent=None):
        super().__init__(item, lang, parent)
        self.combo.addItem(tr("item.other_country", lang), self.OTHER)
        self.code = QLineEdit()
        self.code.setMaxLength(2)
        self.code.setPlaceholderText(tr("item.country_code", lang))
        self.code.setAccessibleName(tr("item.country_code", lang))
        self.code.setVisible(False)
        self.code.textEdited.connect(self._emit)
        self.layout().insertWidget(1, self.code)

    def value(self):
        v = self.combo.currentData()
        if v == self.OTHER:
            code = self.code.text().strip().upper()
            return code if code in ISO_3166_ALPHA2 else None
        return v

    def _emit(self, *a):
        self.code.setVisible(self.combo.currentData() == self.OTHER)
        super()._emit(*a)

    def _set(self, v):
        i = self.combo.findData(v)
        if v is not None and i < 0:
            self.combo.setCurrentIndex(self.combo.findData(self.OTHER))
            self.code.setText(v)
            self.code.setVisible(True)
        else:
            self.combo.setCurrentIndex(max(0, i))
            self.code.setVisible(False)


class _Text(ItemInput):
    def __init__(self, item, lang, parent=None):
        super().__init__(item, lang, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        if item.multiline:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(84)
            self.edit.textChanged.connect(self._emit)
        else:
            self.edit = QLineEdit()
            self.edit.setMaxLength(item.max_length)
            self.edit.textEdited.connect(self._emit)
        self._name(self.edit)
        lay.addWidget(self.edit)

    def value(self):
        text = self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()
        return text[: self.item.max_length] or None

    def _set(self, v):
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(v or "")
        else:
            self.edit.setText(v or "")

    def focus_target(self):
        return self.edit


class _Scale(_Buttons):
    def __init__(self, item, lang, parent=None):
        choices = [(i, str(i)) for i in range(item.min, item.max + 1)]
        super().__init__(item, lang, choices, parent)
        lay = self.layout()
        lay.insertWidget(0, QLabel(item.low_label.get(lang)))
        lay.insertWidget(lay.count() - 1, QLabel(item.high_label.get(lang)))
        for b, (_, label) in zip(self.group.buttons(), choices):
            suffix = label
            if label == str(item.min):
                suffix += f" ({item.low_label.get(lang)})"
            elif label == str(item.max):
                suffix += f" ({item.high_label.get(lang)})"
            self._name(b, suffix)


def make_input(item: Any, lang: str, parent: QWidget | None = None) -> ItemInput:
    if isinstance(item, qmodel.YesNo):
        return _Buttons(item, lang, [(True, tr("item.yes", lang)), (False, tr("item.no", lang))], parent)
    if isinstance(item, qmodel.SingleChoice):
        choices = [(o.value, o.label.get(lang)) for o in item.options]
        if len(choices) <= 6:
            return _Buttons(item, lang, choices, parent, vertical=True)
        return _Combo(item, lang, parent)
    if isinstance(item, qmodel.MultiChoice):
        return _Multi(item, lang, parent)
    if isinstance(item, (qmodel.Number, qmodel.Hours)):
        return _Number(item, lang, parent)
    if isinstance(item, qmodel.Scale):
        return _Scale(item, lang, parent)
    if isinstance(item, qmodel.FreeText):
        return _Text(item, lang, parent)
    if isinstance(item, qmodel.Country):
        return _Country(item, lang, parent)
    raise TypeError(f"no widget for item type {item.type}")


__all__ = ["ItemInput", "make_input"]
