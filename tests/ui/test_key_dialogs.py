"""The first-run choice for the employer's and the expert's key, the passphrase prompt, and
protecting a clear key of an earlier version (issue 11, part 5)."""

from pathlib import Path

import pytest

from arbocheck.core.employer import campaign_setup
from arbocheck.core.expert import queue as expert
from arbocheck.core.expert import identity as expert_identity
from arbocheck.core.common.reasons import say
from arbocheck.core.trust import keyguard, keys
from arbocheck.ui.texts import tr


@pytest.fixture
def first_run(home, monkeypatch):
    monkeypatch.delenv("ARBOCHECK_KEY_PROTECTION", raising=False)
    campaign_setup._unlocked.clear()
    return home


def clear_secret_in(folder: Path) -> bool:
    return any(b"BEGIN PRIVATE KEY" in p.read_bytes() or b"AGE-SECRET-KEY" in p.read_bytes()
               for p in folder.rglob("*") if p.is_file() and p.name != "test-keyring.json")


def open_role(qtbot, role):
    from arbocheck.ui.app import App
    from arbocheck.ui.tasks import SyncRunner

    app = App(lang="nl", runner=SyncRunner())
    w = app.open_employer() if role == "employer" else app.open_expert()
    if w is not None:
        qtbot.addWidget(w)
    return w


def test_employer_first_run_asks_and_then_asks_the_passphrase(first_run, qtbot, monkeypatch):
    from arbocheck.ui import key_dialogs

    asked = []
    monkeypatch.setattr(key_dialogs, "ask_choice", lambda role, lang, clear: asked.append((role, clear)) or (
        "passphrase", "een lange zin"))
    w = open_role(qtbot, "employer")
    assert w is not None and asked == [("employer", False)]
    assert w.register.signer is not None and campaign_setup.employer_key_method() == "passphrase"
    assert not clear_secret_in(first_run)
    # Next time: the passphrase, again after a wrong one, with the reason shown.
    campaign_setup._unlocked.clear()
    typed = iter(["fout", "een lange zin"])
    problems = []
    monkeypatch.setattr(key_dialogs, "ask_passphrase", lambda role, lang, problem: problems.append(problem) or next(
        typed))
    w2 = open_role(qtbot, "employer")
    assert w2 is not None and problems == ["", say("keys.wrong_passphrase", "nl")]
    assert w2.register.signer.fingerprint == w.register.signer.fingerprint
    # Cancelled: no window.
    campaign_setup._unlocked.clear()
    monkeypatch.setattr(key_dialogs, "ask_passphrase", lambda *a: None)
    assert open_role(qtbot, "employer") is None


def test_cancelling_the_first_run_choice_makes_no_key(first_run, qtbot, monkeypatch):
    from arbocheck.ui import key_dialogs

    monkeypatch.setattr(key_dialogs, "ask_choice", lambda *a, **kw: None)
    assert open_role(qtbot, "expert") is None and expert_identity.key_method() is None


def test_a_clear_expert_key_of_an_earlier_version_is_offered_protection(first_run, qtbot, monkeypatch):
    from arbocheck.core.trust import seal
    from arbocheck.core.common.storage import atomic_write
    from arbocheck.ui import key_dialogs

    secret, recipient = seal.new_identity()
    atomic_write(expert_identity.expert_dir() / expert_identity.IDENTITY_FILE, secret.encode() + b"\n", keep_previous=False)
    assert expert_identity.key_method() == "clear"
    offered = []
    monkeypatch.setattr(key_dialogs, "ask_choice", lambda role, lang, clear: offered.append(clear) or ("keyring", None))
    w = open_role(qtbot, "expert")
    assert w is not None and offered == [True]
    assert expert_identity.key_method() == "keyring" and not clear_secret_in(first_run)
    assert expert_identity.load_or_create().recipient == recipient  # the same identity, now protected


def test_the_choice_dialog_has_no_unprotected_option_and_checks_the_passphrase(first_run, qtbot, monkeypatch,
                                                                               tmp_path):
    from PySide6.QtWidgets import QRadioButton

    from arbocheck.ui.key_dialogs import ProtectKeyDialog

    monkeypatch.setattr(keyguard, "keyring_available", lambda: False)
    d = ProtectKeyDialog("expert", "nl")
    qtbot.addWidget(d)
    radios = d.findChildren(QRadioButton)
    assert len(radios) == 2 and not d.use_keyring.isEnabled()
    assert d.choice() is None and d.message.text() == tr("keys.choose_one", "nl")
    d.use_passphrase.setChecked(True)
    assert d.fields.isEnabled()
    d.first.setText("een lange zin")
    d.second.setText("een andere zin")
    assert d.choice() is None and say("keys.passphrase_differs", "nl") in d.message.text().lower()
    d.second.setText("een lange zin")
    assert d.choice() == ("passphrase", "een lange zin")
    d.show()
    d.grab().save(str(tmp_path / "key-choice.png"))
    assert (tmp_path / "key-choice.png").stat().st_size > 0
