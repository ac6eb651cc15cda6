"""Imported once by the importer's fork server (importer._context), never elsewhere: the
questionnaires are loaded and validated here, so every worker forked from the server starts
with them in qloader's cache instead of loading them again for its first report; the texts
of the refusals (core/common/i18n.py) likewise.

A questionnaire file that changes later is loaded again (the cache is keyed on its size and
modification time); one that cannot be loaded is left to the report that names it.
"""

from __future__ import annotations

from arbocheck.core.common import i18n
from arbocheck.core.questionnaire import loader as qloader

for _path in qloader.questionnaire_files():
    try:
        qloader._load_cached(_path)
    except (OSError, qloader.QuestionnaireError):
        pass
i18n.preload()
