def test_wizard_mnemonics_do_not_collide():
    """Two controls with the same Alt+letter on one page make Qt cycle focus instead of acting."""
    import re

    from arbocheck.core.common.i18n import table

    frame = ["wiz.back", "wiz.next"]
    pages = {"sign": ["sign.name", "sign.clear", "sign.export"], "section": ["photo.add"]}
    for lang in ("nl", "en"):
        for keys in pages.values():
            letters = []
            for key in frame + keys:
                m = re.search(r"&(\w)", table(lang)[key])
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
