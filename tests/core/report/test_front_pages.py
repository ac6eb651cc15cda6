"""The report as its readers need it (issue 15): page 1 for the employer, the account for an
inspector, a signature a reader can check, Dutch local time, and what assistive technology reads."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
import yaml
from pypdf import PdfReader

from arbocheck.core.check.sharing import audience, split
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report import dates
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.report.pdf import ReportInput, build_pdf
from locations import ROOT, SCENARIOS

Q = qloader.load(ROOT / "questionnaires" / "thuiswerkplek.yaml")
ANSWERS = yaml.safe_load((SCENARIOS / "kitchen_table_laptop.yaml").read_text())["answers"]
CREATED = "2026-11-30T23:30:00+00:00"  # 1 December 2026, 00:30 in Amsterdam


def _meta(**kw) -> ReportMeta:
    base = dict(signer_name="Sanne de Vries", fingerprint="AB12 " * 15 + "CD34", created_at=CREATED, lang="nl")
    return ReportMeta(**(base | kw))


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def no_campaign() -> bytes:
    return build_pdf(ReportInput(Q, ANSWERS, {}, _meta(), lambda pid: b"", sealed=True))


@pytest.fixture(scope="module")
def with_campaign() -> bytes:
    rm = _meta(organisation="Gemeente Voorbeeld", campaign_id="thuis-2026", employee_id="E042",
               expert_fingerprint="EF01 " * 16)
    return build_pdf(ReportInput(Q, ANSWERS, {}, rm, lambda pid: b"", sealed=True))


def test_page_one_tells_the_employer_what_to_arrange_and_by_when(no_campaign):
    page1 = " ".join(_pages(no_campaign)[0].split())
    plan = split(Q, ANSWERS, {}, "nl").employer_plan
    assert page1.index("Wat de werkgever regelt") < page1.index("Wat de medewerker zelf doet") \
        < page1.index("Totaalbeeld")
    employer = [p for p in plan if p.owner in ("employer", "both")]
    assert employer and [p for p in plan if p.owner == "worker"]
    for p in plan:
        assert " ".join(p.text.split()) in page1, p.text
    for p in employer:  # the due date is the report's Dutch day plus the term
        assert dates.due(CREATED, p.term_days, "nl") in page1
    assert "31 december 2026" in page1  # 1 December (Amsterdam) + a month of 30 days, not 30 November + 30
    # third person: the advice in the worker's own words ("je") waits in the annex; the measures'
    # texts are written so (tests/core/questionnaire/test_content.py)
    assert not re.search(r"\b(je|jij|jouw)\b", page1, re.I), page1
    assert "Sanne de Vries heeft op 1 december 2026" in page1


def test_without_a_campaign_no_field_is_shown_empty(no_campaign, with_campaign):
    text = "\n".join(_pages(no_campaign))
    assert "—" not in text
    assert "Organisatie" not in text and "Personeelsnummer" not in text
    full = "\n".join(_pages(with_campaign))
    assert "Gemeente Voorbeeld" in full and "E042" in full and "Personeelsnummer" in full


def test_the_account_names_questionnaire_version_norms_and_what_was_sealed(with_campaign):
    text = " ".join("\n".join(_pages(with_campaign)).split())
    account = text[text.index("Verantwoording"):text.index("Bijlage: antwoorden")]
    assert f"id {Q.id}, versie {Q.version}" in account and Q.sha256 in account
    findings = split(Q, ANSWERS, {}, "nl").employer_findings
    for f in findings:
        for n in f.norms:
            for s in n.sources:
                assert " ".join((s["reference"] or s["title"]).split()) in account, s
    assert "de arbodeskundige met sleutel EF01" in account
    # The topics with questions that do not reach the employer: from sharing.audience, the split's own flag.
    health = [sec.title.get("nl") for sec in Q.data.sections
              if any(audience(Q, it.id, True) != "employer" for it in sec.items)]
    assert health
    for title in health:
        n = sum(audience(Q, it.id, True) != "employer" for it in Q.sections[[s.id for s in Q.data.sections
                                                                             if s.title.get("nl") == title][0]].items)
        assert f"{title} ({n})" in account


def test_dutch_local_time_in_winter_and_summer():
    assert dates.day(CREATED, "nl") == "1 december 2026"
    assert dates.day_and_time(CREATED, "nl") == "1 december 2026, 00:30 Nederlandse tijd"
    assert dates.day_and_time("2026-07-01T10:00:00+00:00", "en") == "1 July 2026, 12:00 Dutch time"
    assert dates.due("2026-03-28T23:30:00+00:00", 1, "nl") == "30 maart 2026"  # summer time begins on the 29th


def test_the_stamp_shows_dutch_local_time_and_the_fingerprint():
    from arbocheck.core.report.build import _stamp_text
    from arbocheck.core.trust import keys

    key = keys.generate("Sanne")
    text = _stamp_text(_meta(), key)
    assert "1 december 2026, 00:30 Nederlandse tijd" in text and "UTC" not in text and "%(ts)s" not in text
    assert key.fingerprint[:39] in text


def test_the_signature_page_explains_validity_unknown_and_how_to_check(no_campaign):
    last = " ".join(_pages(no_campaign)[-1].split())
    assert "geldigheid onbekend" in last and "arbocheck report verify" in last
    assert "AB12 AB12" in last and "register van de werkgever" in last


def test_language_title_and_bookmarks_for_assistive_technology(no_campaign):
    r = PdfReader(io.BytesIO(no_campaign))
    root = r.trailer["/Root"]
    assert root["/Lang"] == "nl-NL" and root["/PageMode"] == "/UseOutlines"
    assert repr(root["/ViewerPreferences"]["/DisplayDocTitle"]) == "True"  # the PDF boolean, not a name
    assert r.metadata.title == "RI&E-bijdrage thuiswerkplek"

    def titles(items):
        for it in items:
            if isinstance(it, list):
                yield from titles(it)
            else:
                yield it.title
    marks = list(titles(r.outline))
    assert marks[:4] == ["RI&E-bijdrage thuiswerkplek", "Wat de werkgever regelt", "Wat de medewerker zelf doet",
                         "Totaalbeeld"]
    assert "Verantwoording" in marks and "Verklaring en ondertekening" in marks
    assert [s.title.get("nl") for s in Q.data.sections if s.title.get("nl") in marks]  # one per topic
    assert all(s.title.get("nl") in marks for s in Q.data.sections if any(not it.health for it in s.items))


def test_english_report_says_en_gb():
    pdf = build_pdf(ReportInput(Q, ANSWERS, {}, _meta(lang="en"), lambda pid: b""))
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en-GB"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_reads_page_one_in_reading_order(no_campaign, tmp_path):
    path = tmp_path / "r.pdf"
    path.write_bytes(no_campaign)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                          text=True).stdout
    order = ["RI&E-bijdrage thuiswerkplek", "Sanne de Vries heeft", "Wat de werkgever regelt", "Maatregel",
             "Wat de medewerker zelf doet", "Totaalbeeld"]
    at = [text.index(x) for x in order]
    assert at == sorted(at), text


def test_the_personal_copy_is_also_accessible_html(tmp_path):
    from html import escape
    from html.parser import HTMLParser

    from arbocheck.core.check import photos
    from arbocheck.core.check.draft_photos import PhotoRef
    from arbocheck.core.report.build import export_report, html_path
    from arbocheck.core.trust import keys
    from samples import tagged_jpeg

    shot = photos.process(tagged_jpeg((1200, 900)))
    meta = {"photos": [PhotoRef(shot.sha256, "desk", "bureau van opzij").to_json()]}
    health = yaml.safe_load((SCENARIOS / "complaints_and_stress.yaml").read_text())["answers"]
    answers = dict(ANSWERS, **{k: v for k, v in health.items() if k in Q.health_items()})
    health_q = next(Q.items[k] for k in answers if k in Q.health_items())
    out, personal = tmp_path / "r.pdf", tmp_path / "kopie.pdf"
    export_report(Q, answers, meta, {shot.sha256: shot.data}.__getitem__, out, personal, key=keys.generate("Sanne"),
                  signer_name="Sanne de Vries", organisation="Bakkerij Jansen")
    assert "Bakkerij Jansen" in " ".join(_pages(out.read_bytes())[0].split())  # asked in the wizard, no campaign
    html = html_path(personal).read_text(encoding="utf-8")
    assert html_path(personal).stat().st_mode & 0o077 == 0  # like the personal PDF: the owner's only

    class Check(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open, self.headings, self.alts, self.scoped, self.lang = [], [], [], 0, None
            self._in = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "html":
                self.lang = a.get("lang")
            if tag == "img":
                self.alts.append(a.get("alt"))
                return
            if tag == "th" and a.get("scope") in ("col", "row"):
                self.scoped += 1
            if tag in ("h1", "h2", "h3", "h4"):
                self._in = [tag, ""]
            if tag not in ("meta",):
                self.open.append(tag)

        def handle_endtag(self, tag):
            assert self.open and self.open.pop() == tag, (tag, self.open)
            if self._in and tag == self._in[0]:
                self.headings.append(tuple(self._in))
                self._in = None

        def handle_data(self, data):
            if self._in:
                self._in[1] += data

    c = Check()
    c.feed(html)
    assert c.open == [] and c.lang == "nl" and c.scoped > 10
    levels = [int(h[0][1]) for h in c.headings]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))  # no level skipped
    assert ("h2", "Wat de werkgever regelt") in c.headings
    assert c.alts == ["Foto 1: bureau van opzij"]
    assert "Gemeten en aanbevolen" in html  # the recommended heights, as in the PDF
    assert escape(health_q.text.get("nl")) in html  # the personal copy keeps the health answers
    assert "<script" not in html and "http" not in html.split("<main>")[1].split("Verantwoording")[0]


def test_the_personal_copy_marks_the_measures_the_employer_never_sees():
    answers = yaml.safe_load((SCENARIOS / "complaints_and_stress.yaml").read_text())["answers"]
    s = split(Q, answers, {}, "nl")
    health = [p for p in s.evaluation.plan if p.health]
    assert health, "the scenario asks for a measure from health answers only"
    personal = build_pdf(ReportInput(Q, answers, {}, _meta(), lambda pid: b"", personal=True))
    page1 = " ".join(_pages(personal)[0].split())
    for p in health:
        assert re.search(re.escape(" ".join(p.text.split())) + r"( samen met de medewerker)? \(gezondheidsgegeven\)",
                         page1), p.text
    signed = " ".join("\n".join(_pages(build_pdf(ReportInput(Q, answers, {}, _meta(), lambda pid: b"",
                                                             sealed=True)))).split())
    assert "(gezondheidsgegeven)" not in signed and not any(" ".join(p.text.split()) in signed for p in health)


def test_the_account_says_whether_the_instruction_was_read():
    """Arbowet art. 8: the inspector's account says when the worker confirmed the instruction, and which version."""
    read = build_pdf(ReportInput(Q, ANSWERS, {}, _meta(instruction={"date": "2026-11-28", "version": "1"}),
                                 lambda pid: b"", sealed=True))
    text = " ".join(" ".join(_pages(read)).split())
    assert "Uitleg gelezen op 28 november 2026 (versie 1)." in text
    unread = " ".join(" ".join(_pages(build_pdf(ReportInput(Q, ANSWERS, {}, _meta(), lambda pid: b"",
                                                             sealed=True)))).split())
    assert "niet bevestigd dat hij of zij de uitleg heeft gelezen" in unread and "Uitleg gelezen op" not in unread
