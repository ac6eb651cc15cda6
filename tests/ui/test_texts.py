import string

from arbocheck.ui.texts import UI


def _fields(text):
    return sorted(f for _, f, _, _ in string.Formatter().parse(text) if f)


def test_every_interface_string_is_translated():
    for key, texts in UI.items():
        assert set(texts) == {"nl", "en"}, key
        assert texts["nl"].strip() and texts["en"].strip(), key
        assert _fields(texts["nl"]) == _fields(texts["en"]), f"{key}: placeholders differ"


def test_no_english_left_in_dutch():
    # A cheap check for untranslated copies: long texts must differ between languages.
    for key, texts in UI.items():
        if len(texts["nl"]) > 25:
            assert texts["nl"] != texts["en"], key


def test_wizard_mnemonics_do_not_collide():
    """Two controls with the same Alt+letter on one page make Qt cycle focus instead of acting."""
    import re

    from arbocheck.ui.texts import UI

    frame = ["wiz.back", "wiz.next"]
    pages = {"sign": ["sign.name", "sign.clear", "sign.export"], "section": ["photo.add"]}
    for lang in ("nl", "en"):
        for keys in pages.values():
            letters = []
            for key in frame + keys:
                m = re.search(r"&(\w)", UI[key][lang])
                if m:
                    letters.append(m.group(1).lower())
            assert len(letters) == len(set(letters)), (lang, keys, letters)


def test_background_tasks_deliver_progress_on_the_gui_thread(qtbot):
    import threading

    from arbocheck.ui.tasks import TaskRunner

    runner = TaskRunner()
    seen, main = [], threading.get_ident()

    def job(progress):
        for pct in (10, 50, 100):
            progress(pct, "step")
        return "ok"

    done = []
    runner.run(job, on_done=done.append, on_progress=lambda pct, what: seen.append((pct, threading.get_ident())))
    qtbot.waitUntil(lambda: done == ["ok"], timeout=5000)
    assert [p for p, _ in seen] == [10, 50, 100] and {t for _, t in seen} == {main}
