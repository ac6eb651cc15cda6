"""Opening the employer's or the expert's protected key: the first-run choice, the passphrase prompt.

The choice has two answers, a passphrase or the system keyring; "unprotected" is not one of
them. A key of an earlier version that is still in clear opens, and the same choice is then
offered to protect it. All key handling is in core (keyguard.py, campaign_setup, expert).
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox,
                               QRadioButton, QVBoxLayout, QWidget)

from arbocheck.core.trust import keyguard
from arbocheck.core.common.reasons import text_of
from arbocheck.ui.texts import tr
from arbocheck.core.common.environment import environment


def _sentence(text: str) -> str:
    """A reason (a lower-case clause) shown on its own."""
    return text[:1].upper() + text[1:] + ("." if text and not text.endswith(".") else "")


class ProtectKeyDialog(QDialog):
    """How to protect a new key (or a clear one of an earlier version): passphrase or keyring."""

    def __init__(self, role: str, lang: str, clear: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr("keys.title." + role, lang))
        lay = QVBoxLayout(self)
        intro = QLabel(tr("keys.clear_intro" if clear else "keys.new_intro", lang,
                          what=tr("keys.what." + role, lang)))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.group = QButtonGroup(self)
        self.use_passphrase = QRadioButton(tr("keys.use_passphrase", lang))
        self.use_keyring = QRadioButton(tr("keys.use_keyring", lang))
        available = keyguard.keyring_available()
        self.use_keyring.setEnabled(available)
        for b in (self.use_passphrase, self.use_keyring):
            self.group.addButton(b)
            lay.addWidget(b)
        if not available:
            note = QLabel(tr("keys.keyring_unavailable", lang))
            note.setWordWrap(True)
            lay.addWidget(note)
        form = QFormLayout()
        self.first, self.second = QLineEdit(), QLineEdit()
        for edit, key in ((self.first, "keys.passphrase"), (self.second, "keys.passphrase_again")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(tr(key, lang).replace("&", ""))
            label = QLabel(tr(key, lang))
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.fields = QWidget()
        self.fields.setLayout(form)
        lay.addWidget(self.fields)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("keys.protect", lang))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            tr("keys.later" if clear else "keys.cancel", lang))
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.group.buttonToggled.connect(lambda *_: self.fields.setEnabled(self.use_passphrase.isChecked()))
        self.fields.setEnabled(False)

    def choice(self) -> tuple[str, str | None] | None:
        """(method, passphrase) as filled in, or None with the reason shown."""
        from arbocheck.core.trust.keyguard import KeyLocked, check_new_passphrase

        if self.use_keyring.isChecked():
            return "keyring", None
        if not self.use_passphrase.isChecked():
            self.message.setText(escape(tr("keys.choose_one", self.lang)))
            return None
        try:
            check_new_passphrase(self.first.text())
            if self.first.text() != self.second.text():
                raise KeyLocked("keys.passphrase_differs")
        except KeyLocked as e:
            self.message.setText(escape(_sentence(e.text(self.lang))))
            return None
        return "passphrase", self.first.text()

    def check(self) -> None:
        if self.choice() is not None:
            self.accept()


class PassphraseDialog(QDialog):
    """The passphrase of a protected key."""

    def __init__(self, role: str, lang: str, problem: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("keys.title." + role, lang))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(tr("keys.enter", lang, what=tr("keys.what." + role, lang))))
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(tr("keys.passphrase", lang).replace("&", ""))
        lay.addWidget(self.edit)
        self.message = QLabel(escape(_sentence(problem)))
        self.message.setStyleSheet("color: #b3261e;")
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("keys.cancel", lang))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)


def ask_choice(role: str, lang: str, clear: bool) -> tuple[str, str | None] | None:
    """The first-run (or protect-now) choice; None when cancelled. Tests replace this."""
    d = ProtectKeyDialog(role, lang, clear)
    return d.choice() if d.exec() == QDialog.DialogCode.Accepted else None


def ask_passphrase(role: str, lang: str, problem: str) -> str | None:
    """The passphrase, or None when cancelled. Tests replace this."""
    d = PassphraseDialog(role, lang, problem)
    return d.edit.text() if d.exec() == QDialog.DialogCode.Accepted else None


def unlock(role: str, lang: str, open_key, method_of, protect):
    """Open the role's key: made on first use after the choice, a passphrase asked for (again
    after a wrong one), a clear one offered protection. None when the user cancels or it fails
    (then a message says why).

    open_key(passphrase, method) opens or makes it; method_of() says how it is kept;
    protect(method, passphrase, old_passphrase) keeps it another way."""
    
    method = method_of()
    try:
        if method is None and environment().key_protection is None:
            chosen = ask_choice(role, lang, clear=False)
            if chosen is None:
                return None
            return open_key(chosen[1], chosen[0])
        if method in (None, "keyring", "clear"):
            key = open_key(None, None)
            if method == "clear":
                chosen = ask_choice(role, lang, clear=True)
                if chosen is not None:
                    protect(chosen[0], chosen[1], None)
            return key
        problem = ""
        while True:
            try:
                return open_key(None, None)  # a passphrase given to the program for scripts (environment)
            except keyguard.KeyLocked as e:
                if e.key != "keys.needs_passphrase":
                    raise
            typed = ask_passphrase(role, lang, problem)
            if typed is None:
                return None
            try:
                return open_key(typed, None)
            except keyguard.KeyLocked as e:
                if e.key != "keys.wrong_passphrase":
                    raise
                problem = e.text(lang)
    except keyguard.KeyLocked as e:
        QMessageBox.critical(None, tr("error.title", lang), tr("keys.failed", lang, what=tr("keys.what." + role, lang),
                                                               reason=text_of(e, lang)))
        return None


def unlock_employer(lang: str):
    from arbocheck.core.employer import campaign_setup

    return unlock("employer", lang, lambda pw, method: campaign_setup.employer_key(passphrase=pw, method=method),
                  campaign_setup.employer_key_method,
                  lambda method, pw, old: campaign_setup.protect_employer_key(method, pw, old))


def unlock_expert(lang: str):
    from arbocheck.core.expert import queue as expert
    from arbocheck.core.expert import identity as expert_identity

    state: dict = {}

    def open_key(pw, method):
        ident = expert_identity.load_or_create(passphrase=pw, method=method)
        state["pw"] = pw
        return ident

    return unlock("expert", lang, open_key, expert_identity.key_method,
                  lambda method, pw, old: expert_identity.protect(method, pw, old or state.get("pw")))
