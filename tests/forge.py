"""A modified client, built from arbocheck's own functions: reports that are properly signed by
their own worker's key but carry what arbocheck never writes (malformed assessment.json, forged
findings, hostile PDF structure, a tampered signature container).

Everything here is real: pyHanko signatures over reportlab/pypdf PDFs, as signing.py makes them.
"""

from __future__ import annotations

import copy
import io
import json
import re
import zlib
from typing import Any, Callable

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                           NumberObject, StreamObject, TextStringObject)

from arbocheck.core.report.assessment import dumps
from arbocheck.core.trust.signing import attach, sign
from locations import SCENARIOS


def plain_pdf(pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(pages):
        c.drawString(100, 700, f"page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def rewritten(pdf: bytes, edit: Callable[[PdfWriter], None]) -> bytes:
    """One new single-revision PDF after `edit` changed the pypdf writer's objects."""
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    edit(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def signed(key, attachments: dict[str, bytes], pdf: bytes | None = None,
           after_attach: Callable[[bytes], bytes] | None = None) -> bytes:
    """`pdf` (a plain one by default) with these embedded files, signed as signing.py signs."""
    body = attach(pdf if pdf is not None else plain_pdf(), attachments)
    if after_attach is not None:
        body = after_attach(body)
    return sign(body, key, page=0, box=(10, 10, 200, 60), signer_name="x", reason="x", stamp_text="%(ts)s")


def report(key, assessment: dict | bytes, pdf: bytes | None = None, **kw) -> bytes:
    data = assessment if isinstance(assessment, bytes) else dumps(assessment)
    return signed(key, {"assessment.json": data}, pdf, **kw)


def sample_assessment(scenario: str = "many_shortcomings") -> dict:
    """A genuine assessment.json (as JSON data) without building a PDF: for naming test cases."""
    from pathlib import Path

    import yaml

    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.report.assessment import ReportMeta, build

    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCENARIOS / f"{scenario}.yaml").read_text())["answers"]
    a, _ = build(q, answers, {}, ReportMeta(signer_name="S", fingerprint=" ".join(["ABCD"] * 16)), sealed=False)
    return json.loads(dumps(a))


# -- assessment.json gone wrong ------------------------------------------------------------

def _set(a: dict, path: str, value: Any) -> dict:
    b = copy.deepcopy(a)
    node = b
    parts = path.split(".")
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node[p]
    last = parts[-1]
    if value is _DELETE:
        if isinstance(node, list):
            del node[int(last)]
        else:
            del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return b


_DELETE = object()


def malformed(a: dict) -> dict[str, bytes]:
    """assessment.json bytes with wrong types, sizes and encodings, each named for what it does."""
    out: dict[str, bytes] = {}
    cases: dict[str, tuple[str, Any]] = {
        "revision-abc": ("revision", "abc"),
        "revision-float": ("revision", 1.0),
        "revision-bool": ("revision", True),
        "revision-zero": ("revision", 0),
        "revision-2e70": ("revision", 2 ** 70),
        "revision-list": ("revision", [1]),
        "report-id-list": ("report_id", ["a", "b"]),
        "report-id-long": ("report_id", "r" * 65),
        "report-id-dict": ("report_id", {"id": 1}),
        "report-id-missing": ("report_id", _DELETE),
        "report-id-null": ("report_id", None),
        "employee-id-long": ("employee_id", "E" * 65),
        "employee-id-list": ("employee_id", ["E1"]),
        "employee-id-newline": ("employee_id", "E1\nE2"),
        "employee-id-empty": ("employee_id", ""),
        "campaign-id-int": ("campaign_id", 7),
        "campaign-id-space": ("campaign_id", "a b"),
        "lang-xx": ("lang", "xx"),
        "format-version-2": ("format_version", 2),
        "questionnaire-missing": ("questionnaire", _DELETE),
        "questionnaire-id-int": ("questionnaire.id", 5),
        "questionnaire-sha-short": ("questionnaire.sha256", "abc"),
        "signer-name-long": ("signer.name", "n" * 300),
        "answers-list": ("answers", []),
        "answers-bad-key": ("answers", {"../../etc": 1}),
        "answer-dict": ("answers.body_height_cm", {"cm": 180}),
        "answer-huge-text": ("answers.body_height_cm", "x" * 20_000),
        "counts-negative": ("counts.high", -1),
        "counts-string": ("counts.low", "0"),
        "counts-extra": ("counts.critical", 1),
        "findings-dict": ("findings", {}),
        "findings-strings": ("findings", ["x"]),
        "plan-strings": ("action_plan", ["x"]),
        "photos-int": ("photos", 3),
        "confidential-null": ("confidential", None),
        "created-at-not-a-date": ("created_at", "yesterday"),
        "unknown-top-level-key": ("secret_notes", "rugklachten"),
        "format-other": ("format", "arbocheck-advice"),
    }
    for name, (path, value) in cases.items():
        out[name] = json.dumps(_set(a, path, value)).encode()
    good = json.dumps(a)
    out["nan"] = good.replace('"revision": 1', '"revision": NaN').encode()
    out["infinity"] = good.replace('"revision": 1', '"revision": Infinity').encode()
    out["lone-surrogate"] = good.replace('"signer": {"name": "', '"signer": {"name": "\\ud800').encode()
    out["not-utf8"] = good.encode().replace(b'"revision"', b'"revi\xffsion"')
    out["duplicate-key"] = good.replace('"revision": 1', '"revision": 1, "revision": "abc"').encode()
    out["deep-900"] = good.replace('"photos": []', '"photos": ' + "[" * 900 + "]" * 900).encode()
    out["deep-100000"] = good.replace('"photos": []', '"photos": ' + "[" * 100_000 + "]" * 100_000).encode()
    out["number-5000-digits"] = good.replace('"revision": 1', '"revision": 1' + "0" * 5000).encode()
    out["too-many-findings"] = json.dumps(_set(a, "findings", [a["findings"][0]] * 301 if a["findings"] else
                                               [{}] * 301)).encode()
    out["big-300k"] = json.dumps(_set(a, "organisation", "o" * 300_000)).encode()
    out["not-json"] = b"{this is not json"
    out["json-list"] = b"[1, 2, 3]"
    out["empty"] = b""
    return out


# -- forged claims ---------------------------------------------------------------------------

def forged_claims(a: dict) -> dict[str, dict]:
    """Well-formed assessments whose findings or plan do not follow from their answers."""
    assert a["action_plan"] and a["findings"], "needs a report with findings"
    desk = {"measure": "electric_desk", "text": "Elektrisch zit-sta-bureau (EUR 1.400) leveren", "owner": "employer",
            "provision": True, "exemption": None, "priority": "high", "term": "one_month",
            "term_label": "binnen een maand",
            "term_days": 30, "rules": [a["findings"][0]["rule"]], "sections": [a["findings"][0]["section"]],
            "health": False}
    out = {
        "invented-measure": _set(a, "action_plan", [desk] + a["action_plan"]),
        "omitted-measure": _set(a, "action_plan", a["action_plan"][1:]),
        "other-text": _set(a, "action_plan.0.text", "Elektrisch zit-sta-bureau (EUR 1.400) leveren"),
        "other-priority": _set(a, "action_plan.0.priority",
                               "low" if a["action_plan"][0]["priority"] != "low" else "high"),
        "other-owner": _set(a, "action_plan.0.owner",
                            "employer" if a["action_plan"][0]["owner"] != "employer" else "worker"),
        "plan-reordered": _set(a, "action_plan", a["action_plan"][::-1]) if len(a["action_plan"]) > 1 else None,
        "omitted-finding": _set(a, "findings", a["findings"][1:]),
        "finding-other-advice": _set(a, "findings.0.advice", "Koop een nieuwe auto"),
        "counts-inflated": _set(a, "counts.high", a["counts"]["high"] + 5),
        "derived-changed": _set(a, "derived", {**a["derived"], **{k: 999 for k in list(a["derived"])[:1]}}),
        "hidden-answer": _set(a, "answers", {**a["answers"], "desk_height_cm": 70}) if "desk_height_cm" not in
        a["answers"] else None,
        "answer-out-of-range": _set(a, "answers.body_height_cm", 400),
        "unknown-item": _set(a, "answers", {**a["answers"], "favourite_colour": "blue"}),
        "health-answer": _set(a, "answers", {**a["answers"], "complaint_areas": ["back"]}),
        "questionnaire-other-hash": _set(a, "questionnaire.sha256", "0" * 64),
        "questionnaire-unknown-version": _set(a, "questionnaire.version", "9.9"),
        "questionnaire-unknown": _set(a, "questionnaire.id", "nope"),
        "profile-changed": _set(a, "profile", {}),
    }
    return {k: v for k, v in out.items() if v is not None}


# -- hostile PDF structure ------------------------------------------------------------------

def _root(w: PdfWriter) -> DictionaryObject:
    return w._root_object


def _page(w: PdfWriter) -> DictionaryObject:
    return w.pages[0]


def _js(w):
    _root(w)[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")})


def _launch(w):
    _root(w)[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})


def _uri_link(w):
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(600), NumberObject(800)]),
        NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                            NameObject("/URI"): TextStringObject("https://evil.example/")})})
    _page(w)[NameObject("/Annots")] = ArrayObject([w._add_object(link)])


def _embedded_stream(w, data: bytes = b"MZ evil"):
    st = DecodedStreamObject()
    st.set_data(data)
    st[NameObject("/Type")] = NameObject("/EmbeddedFile")
    return w._add_object(st)


def _file_annotation(w):
    spec = DictionaryObject({NameObject("/Type"): NameObject("/Filespec"), NameObject("/F"): TextStringObject("x.exe"),
                             NameObject("/EF"): DictionaryObject({NameObject("/F"): _embedded_stream(w)})})
    annot = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/FileAttachment"),
        NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(20), NumberObject(20)]),
        NameObject("/FS"): w._add_object(spec)})
    _page(w)[NameObject("/Annots")] = ArrayObject([w._add_object(annot)])


def _associated_file(w):
    spec = DictionaryObject({NameObject("/Type"): NameObject("/Filespec"), NameObject("/F"): TextStringObject("x.exe"),
                             NameObject("/EF"): DictionaryObject({NameObject("/F"): _embedded_stream(w)})})
    _root(w)[NameObject("/AF")] = ArrayObject([w._add_object(spec)])


def _hidden_embedded_file(w):
    _root(w)[NameObject("/ArbHidden")] = _embedded_stream(w)


def _page_aa(w):
    _page(w)[NameObject("/AA")] = DictionaryObject({NameObject("/O"): DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")})})


def _names_js(w):
    _root(w)[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("a"), DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")})])})})


def _image(w, width: int, height: int, data: bytes, filters: str):
    st = StreamObject()
    st._data = data
    st.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
               NameObject("/Width"): NumberObject(width), NameObject("/Height"): NumberObject(height),
               NameObject("/ColorSpace"): NameObject("/DeviceRGB"), NameObject("/BitsPerComponent"): NumberObject(8),
               NameObject("/Filter"): NameObject(filters)})
    res = _page(w).setdefault(NameObject("/Resources"), DictionaryObject())
    res[NameObject("/XObject")] = DictionaryObject({NameObject("/Im9"): w._add_object(st)})


def _deflated_zeros(n: int) -> bytes:
    c = zlib.compressobj(9)
    chunk = b"\0" * (1 << 20)
    parts = [c.compress(chunk) for _ in range(n // len(chunk))]
    return b"".join(parts) + c.flush()


def _image_512mb(w):  # 16384 × 10923 RGB: 512 MB once decoded
    _image(w, 16384, 10923, zlib.compress(b"\0" * 1024), "/FlateDecode")


def small_jpeg(size=(64, 48)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (120, 120, 120)).save(buf, "JPEG")
    return buf.getvalue()


def _jpeg_lies(w):  # says 64 × 48 in the PDF, 30000 × 30000 in its own frame header
    data = bytearray(small_jpeg())
    at = next(m.start() for m in re.finditer(rb"\xff[\xc0-\xc2]", bytes(data)))
    data[at + 5:at + 9] = (30000).to_bytes(2, "big") * 2
    _image(w, 64, 48, bytes(data), "/DCTDecode")


def _content_200mb(w):
    st = StreamObject()
    st._data = _deflated_zeros(200 * 1024 * 1024)
    st[NameObject("/Filter")] = NameObject("/FlateDecode")
    _page(w)[NameObject("/Contents")] = w._add_object(st)


def _inline_image(w):
    st = DecodedStreamObject()
    st.set_data(b"q 10 0 0 10 0 0 cm BI /W 30000 /H 30000 /BPC 8 /CS /RGB /F /Fl ID " + zlib.compress(b"\0" * 99)
                + b" EI Q")
    _page(w)[NameObject("/Contents")] = w._add_object(st)


def _lzw_stream(w):
    st = StreamObject()
    st._data = b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"
    st[NameObject("/Filter")] = NameObject("/LZWDecode")
    _root(w)[NameObject("/ArbData")] = w._add_object(st)


def _deep_dicts(w):  # 40 levels: beyond the walker's limit, well within Python's
    d = DictionaryObject()
    top = d
    for _ in range(40):
        inner = DictionaryObject()
        d[NameObject("/K")] = inner
        d = inner
    _root(w)[NameObject("/ArbDeep")] = w._add_object(top)


def _many_pages(w):
    for _ in range(120):
        w.add_blank_page(width=595, height=842)


def _extra_field(w):
    field = DictionaryObject({NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("x"),
                              NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
                              NameObject("/Rect"): ArrayObject([FloatObject(0)] * 4)})
    ref = w._add_object(field)
    _root(w)[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([ref])})


def _outline(w, n: int = 2, item: dict | None = None, dest=None, root: dict | None = None):
    """Bookmarks as reportlab writes them (title, parent, siblings, a page destination), with `item`
    added to each, `dest` in place of the destination and `root` added to the outline root."""
    top = DictionaryObject({NameObject("/Type"): NameObject("/Outlines"), NameObject("/Count"): NumberObject(n)})
    top.update(root or {})
    top_ref = w._add_object(top)
    page = w.pages[0].indirect_reference
    refs = []
    for i in range(n):
        d = DictionaryObject({NameObject("/Title"): TextStringObject(f"Kop {i}"), NameObject("/Parent"): top_ref,
                              NameObject("/Dest"): dest if dest is not None else ArrayObject(
                                  [page, NameObject("/XYZ"), NumberObject(0), NumberObject(800), NumberObject(0)])})
        d.update(item or {})
        refs.append(w._add_object(d))
    for a, b in zip(refs, refs[1:]):
        a.get_object()[NameObject("/Next")] = b
        b.get_object()[NameObject("/Prev")] = a
    top[NameObject("/First")], top[NameObject("/Last")] = refs[0], refs[-1]
    _root(w)[NameObject("/Outlines")] = top_ref


def _bookmark_action(w):  # a bookmark that opens a web address instead of a page
    _outline(w, item={NameObject("/A"): DictionaryObject({NameObject("/S"): NameObject("/URI"),
                                                          NameObject("/URI"): TextStringObject("https://evil.example/")})})


def _bookmark_javascript_dest(w):  # a destination that is no page and fit but a script
    _outline(w, dest=ArrayObject([DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                                    NameObject("/JS"): TextStringObject("1")}), NameObject("/XYZ")]))


def _bookmark_named_dest(w):  # a named destination: looked up in a name tree arbocheck never writes
    _outline(w, dest=TextStringObject("elsewhere"))


def _bookmarks_thousands(w):
    _outline(w, n=1000)


def _bookmark_long_title(w):
    _outline(w, item={NameObject("/Title"): TextStringObject("x" * 5000)})


def _outline_root_extra(w):
    _outline(w, root={NameObject("/ArbHidden"): _embedded_stream(w)})


def _viewer_preferences_extra(w):
    _root(w)[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): NameObject("/true"), NameObject("/ArbHidden"): _embedded_stream(w)})


def _lang_long(w):  # a "language" that is a place to hide data
    _root(w)[NameObject("/Lang")] = TextStringObject("nl-" + "x" * 10_000)


def _page_mode_full_screen(w):  # a viewer taken over on opening
    _root(w)[NameObject("/PageMode")] = NameObject("/FullScreen")


STRUCTURE_EDITS: dict[str, Callable[[PdfWriter], None]] = {
    "lang-10000-characters": _lang_long, "page-mode-full-screen": _page_mode_full_screen,
    "bookmark-action": _bookmark_action, "bookmark-javascript-destination": _bookmark_javascript_dest,
    "bookmark-named-destination": _bookmark_named_dest, "bookmarks-1000": _bookmarks_thousands,
    "bookmark-long-title": _bookmark_long_title, "outline-root-extra-key": _outline_root_extra,
    "viewer-preferences-extra-key": _viewer_preferences_extra,
    "javascript-openaction": _js, "launch-openaction": _launch, "uri-link": _uri_link,
    "file-attachment-annotation": _file_annotation, "associated-file": _associated_file,
    "hidden-embedded-file": _hidden_embedded_file, "page-additional-action": _page_aa, "javascript-names": _names_js,
    "image-512mb": _image_512mb, "jpeg-lies-about-size": _jpeg_lies, "content-200mb": _content_200mb,
    "inline-image": _inline_image, "lzw-stream": _lzw_stream, "deep-dicts": _deep_dicts, "120-pages": _many_pages,
    "extra-form-field": _extra_field,
}


def deep_nesting(pdf: bytes, depth: int = 100_000) -> bytes:
    """`pdf` with an object nested `depth` arrays deep, written in place of a same-length string
    so the cross-reference table stays right (pypdf itself could not write it)."""
    marker = "N" * (2 * depth)

    def edit(w):
        _root(w)[NameObject("/ArbNest")] = w._add_object(ArrayObject([TextStringObject(marker)]))

    body = rewritten(pdf, edit)
    old = b"[ (" + marker.encode() + b") ]"
    new = b"[" * (depth + 1) + b"    " + b"]" * (depth + 1)
    assert body.count(old) == 1 and len(old) == len(new)
    return body.replace(old, new)


# -- the signature container ---------------------------------------------------------------

def _gap(pdf: bytes) -> tuple[int, int]:
    m = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    return int(m.group(2)), int(m.group(3))


def with_contents(pdf: bytes, transform: Callable[[bytes], bytes]) -> bytes:
    """The signed file with its /Contents string (hex, between < and >) replaced by `transform`
    of it; the signature's byte range is untouched, so the signed bytes stay the same."""
    start, end = _gap(pdf)
    new = transform(pdf[start:end])
    assert len(new) == end - start, "the signature field has a fixed size"
    return pdf[:start] + new + pdf[end:]


def container(pdf: bytes) -> tuple[bytes, int]:
    """(the CMS DER, the size of the field in bytes)."""
    start, end = _gap(pdf)
    raw = bytes.fromhex(pdf[start + 1:end - 1].decode())
    from asn1crypto import cms

    der = cms.ContentInfo.load(raw, strict=False).dump()
    return der, len(raw)


def with_container(pdf: bytes, der: bytes, pad: bytes = b"\0") -> bytes:
    _, size = container(pdf)
    assert len(der) <= size
    raw = der + pad * (size - len(der))
    return with_contents(pdf, lambda old: b"<" + raw.hex().upper().encode() + b">")


def cms_variants(pdf: bytes) -> dict[str, bytes]:
    """Changes to the signature container that leave the signature itself valid."""
    from asn1crypto import algos, cms, crl, core

    der, size = container(pdf)
    out: dict[str, bytes] = {}

    def edited(change) -> bytes:
        info = cms.ContentInfo.load(der)
        change(info["content"])
        return info.dump(force=True)

    def unsigned(sd):
        si = sd["signer_infos"][0]
        si["unsigned_attrs"] = cms.CMSAttributes([cms.CMSAttribute(
            {"type": "signing_time", "values": [cms.Time({"utc_time": core.UTCTime(
                __import__("datetime").datetime(2020, 1, 1, tzinfo=__import__("datetime").timezone.utc))})]})])

    def second_cert(sd):
        cert = sd["certificates"][0]
        sd["certificates"] = cms.CertificateSet([cert, cert])

    def crls(sd):
        sd["crls"] = cms.RevocationInfoChoices([cms.RevocationInfoChoice(
            name="other", value=cms.OtherRevocationInfoFormat({"other_rev_info_format": "1.2.3.4",
                                                              "other_rev_info": core.Null()}))])

    def high_s(sd):
        si = sd["signer_infos"][0]
        sig = algos.DSASignature.load(si["signature"].native)
        n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
        si["signature"] = algos.DSASignature({"r": sig["r"].native, "s": n - sig["s"].native}).dump()

    for name, change in {"unsigned-attribute": unsigned, "second-certificate": second_cert, "crl": crls,
                         "high-s": high_s}.items():
        try:
            out["cms-" + name] = with_container(pdf, edited(change))
        except (ValueError, AssertionError, TypeError):
            pass
    out["cms-padding-not-zero"] = with_container(pdf, der, pad=b"\x01")
    out["cms-hex-lower-case"] = with_contents(pdf, lambda old: old.lower())
    # A non-minimal length: the outer SEQUENCE's length written with one byte more.
    assert der[1] == 0x82
    longer = der[:1] + b"\x83\x00" + der[2:]
    out["cms-long-length"] = with_container(pdf, longer)
    # Trailing bytes inside the field but after the container, not zero.
    out["cms-trailing-garbage"] = with_container(pdf, der + b"\x30\x00", pad=b"\0")
    return out
