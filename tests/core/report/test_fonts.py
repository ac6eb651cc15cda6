"""Every character a report can print exists in the embedded Noto Sans (no blank boxes)."""

from pathlib import Path

from fontTools.ttLib import TTFont

from arbocheck.core.common import i18n, paths
from locations import ROOT



def test_questionnaire_and_report_texts_are_covered_by_the_font():
    cmap = TTFont(str(paths.font("Regular"))).getBestCmap()
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "questionnaires").glob("*.yaml")]
    texts += [v for lang in i18n.LANGS for v in i18n.table(lang).values()]
    missing = sorted({ch for text in texts for ch in text if ch >= " " and ord(ch) not in cmap})
    assert missing == [], f"characters Noto Sans lacks: {missing}"


def test_latin_stamp_subset_covers_what_it_claims():
    from arbocheck.core.trust.signing import _LATIN

    cmap = TTFont(str(paths.assets_dir() / "fonts" / "NotoSans-Regular-Latin.ttf")).getBestCmap()
    assert [hex(c) for c in sorted(_LATIN - {0x0A}) if c not in cmap] == []
