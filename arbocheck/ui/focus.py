"""A focus ring anyone can see: 2 px, #1a5fb4 on white is 6.4:1 (WCAG 2.4.7/2.4.11 ask for 3:1).

Set once on a window (`window.setStyleSheet(FOCUS_RING)`); widgets with their own style sheet keep it."""

FOCUS = "#1a5fb4"

FOCUS_RING = f"""
QPushButton:focus, QToolButton:focus {{ border: 2px solid {FOCUS}; border-radius: 3px; padding: 3px 10px;
    background: #eef3fb; }}
QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QListWidget:focus, QTableView:focus,
QTableWidget:focus, QTreeView:focus {{ border: 2px solid {FOCUS}; }}
QRadioButton:focus, QCheckBox:focus {{ border: 2px solid {FOCUS}; border-radius: 3px; }}
QLabel:focus {{ border: 2px solid {FOCUS}; border-radius: 2px; }}
"""
