"""One input widget per questionnaire item type. Views only: they emit `edited`
with the new value (None when cleared) and know nothing of rules.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QTimer, Signal
from PySide6.QtWidgets import (QAbstractSpinBox, QButtonGroup, QCheckBox, QComboBox, QDoubleSpinBox,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QRadioButton, QSpinBox,
                               QVBoxLayout, QWidget)

from arbocheck.core.questionnaire import model as qmodel
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

    def _name(self, w: QWidget, suffix: str = "") -> None:
        w.setAccessibleName(self.item.text.get(self.lang) + (f" — {suffix}" if suffix else ""))


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


def _selecting(cls):
    """A spin box that selects its text on focus, so typing replaces '—' or the old value."""

    class Selecting(cls):
        def focusInEvent(self, e):
            super().focusInEvent(e)
            QTimer.singleShot(0, self.selectAll)

        def keyPressEvent(self, e):
            # Typing a digit into the empty field ('—') starts a new number.
            if e.text()[:1].isdigit() and self.lineEdit().text() == self.specialValueText():
                self.lineEdit().setText(self.suffix())
                self.lineEdit().setCursorPosition(0)
            super().keyPressEvent(e)

    return Selecting


class _FloatSpin(_selecting(QDoubleSpinBox)):
    """Shows 4 rather than 4.0, and a decimal comma in Dutch (6,5 uur)."""

    def textFromValue(self, v: float) -> str:
        text = f"{v:.1f}".removesuffix(".0")
        return text.replace(".", ",") if self.locale().decimalPoint() == "," else text

    def valueFromText(self, text: str) -> float:
        core = text.removesuffix(self.suffix()).strip().replace(",", ".")
        try:
            return float(core)
        except ValueError:
            return self.minimum()


_IntSpin = _selecting(QSpinBox)


class _Spin(ItemInput):
    """Numbers and hours. One step below the minimum means 'not answered' and shows '—'."""

    def __init__(self, item, lang, parent=None):
        super().__init__(item, lang, parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        whole = isinstance(item, qmodel.Number) and item.integer
        self.spin = _IntSpin() if whole else _FloatSpin()
        if not whole:
            self.spin.setDecimals(1)
            self.spin.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands) if lang == "nl"
                                else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        self.blank = item.min - item.step
        self.spin.setRange(self.blank, item.max)
        self.spin.setSingleStep(item.step)
        self.spin.setSpecialValueText(tr("item.unanswered", lang))
        unit = qmodel.unit_text(item, lang)
        self.spin.setSuffix(f" {unit}")
        self.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
        self.spin.setMinimumWidth(140)
        self.spin.setKeyboardTracking(True)
        self._name(self.spin)
        self.spin.setValue(self.blank)
        # While typing "1", "17", "175" the value passes through too-small numbers:
        # report a typed value only after a short pause (or at once on arrows).
        self._typing = QTimer(self, singleShot=True, interval=400)
        self._typing.timeout.connect(self._emit)
        self.spin.valueChanged.connect(lambda *_: self._typing.start())
        self.spin.editingFinished.connect(self._flush)
        lay.addWidget(self.spin)
        lay.addStretch(1)

    def _flush(self):
        if self._typing.isActive():
            self._typing.stop()
            self._emit()

    def value(self):
        v = self.spin.value()
        if v <= self.blank + 1e-9:
            return None
        if isinstance(self.spin, QDoubleSpinBox):
            v = round(float(v), 1)
            return int(v) if v.is_integer() and isinstance(self.item, qmodel.Number) and self.item.integer else v
        return int(v)

    def _set(self, v):
        self.spin.setValue(self.blank if v is None else v)

    def focus_target(self):
        return self.spin


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
        return _Spin(item, lang, parent)
    if isinstance(item, qmodel.Scale):
        return _Scale(item, lang, parent)
    if isinstance(item, qmodel.FreeText):
        return _Text(item, lang, parent)
    if isinstance(item, qmodel.Country):
        return _Country(item, lang, parent)
    raise TypeError(f"no widget for item type {item.type}")


__all__ = ["ItemInput", "make_input"]
