"""The bookmarks, the document language and the viewer preference the report writes (issue 15)
are accepted exactly as written and within bounds; anything more is refused (forge.py has the
hostile variants, run by test_forged_reports.test_hostile_structure_is_refused)."""

from __future__ import annotations

import pytest
import yaml

import forge
from arbocheck.core.common import reasons
from arbocheck.core.report import claims
from arbocheck.core.trust import keys, pdf_structure
from arbocheck.core.trust.verify import verify
from locations import SCENARIOS


@pytest.fixture(scope="module")
def key():
    return keys.generate("Sanne")


@pytest.fixture(scope="module")
def a(key):
    """A genuine report's assessment.json (signed by `key`); building it also sets reportlab to the
    one stream coding arbocheck writes, for forge.plain_pdf."""
    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.report.assessment import ReportMeta
    from arbocheck.core.report.build import build

    q = qloader.find("thuiswerkplek")
    return build(q, yaml.safe_load((SCENARIOS / "fully_compliant.yaml").read_text())["answers"], {}, key, ReportMeta(signer_name="Sanne", fingerprint=""), lambda i: b"",
                 personal_copy=False).assessment


def test_bookmarks_as_reportlab_writes_them_pass(key, a):
    pdf = forge.report(key, a, forge.rewritten(forge.plain_pdf(), lambda w: forge._outline(w, n=30)))
    claims.check(verify(pdf).assessment)


@pytest.mark.parametrize("edit, name", [
    (forge._bookmarks_thousands, "/Outlines"), (forge._bookmark_long_title, "/Title"),
    (forge._bookmark_named_dest, "/Dest"), (forge._outline_root_extra, "/Outlines"),
    (forge._viewer_preferences_extra, "/ViewerPreferences"),
])
def test_each_bound_names_what_it_refused(key, a, edit, name):
    pdf = forge.report(key, a, forge.rewritten(forge.plain_pdf(), edit))
    with pytest.raises(reasons.Refusal) as e:
        claims.check(verify(pdf).assessment)
    assert e.value.key == "pdf_structure" and name in e.value.text("en"), e.value.text("en")


def test_the_limit_is_above_what_a_full_report_writes():
    # every section of the questionnaire, the front pages and the annex parts: about 30 bookmarks
    assert pdf_structure.MAX_OUTLINE_ITEMS >= 5 * 30
