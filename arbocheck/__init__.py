"""arbocheck: a home-workplace arbo self-assessment (offline, account-free)."""

__version__ = "0.1.0"
