"""Domain logic without Qt: questionnaires, rules, answers, storage.

Nothing under arbocheck.core may import PySide6 (tests/core/test_no_qt.py).
"""
