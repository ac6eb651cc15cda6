"""Every word of the graphical interface, in Dutch and English: `tr(key, lang, **values)`.

The texts are data (arbocheck/texts/<lang>.yaml) looked up by core/common/i18n.py; `tr` is
its name in the widgets. Widgets never hold literal text.
"""

from __future__ import annotations

from arbocheck.core.common import i18n

tr = i18n.t
count = i18n.count
has = i18n.has
