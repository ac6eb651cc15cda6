"""The thin PySide6 layer (role chooser, worker wizard, employer and expert windows)."""
