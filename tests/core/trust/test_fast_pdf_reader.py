"""pdf_structure.fast_object, the structure check's own reader for plain PDF objects, reads what it
reads exactly as pyHanko does, and leaves everything else to pyHanko (returns None)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings, strategies as st
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

import forge
from arbocheck.core.trust import keys, pdf_structure
from arbocheck.core.questionnaire import loader as qloader
from arbocheck.core.report.assessment import ReportMeta
from arbocheck.core.common.reasons import Refusal
from arbocheck.core.report.build import build
from locations import SCENARIOS

SCEN = SCENARIOS


def same(a, b) -> bool:
    """Equal as PDF objects (strings compared by kind: the structure check never reads them)."""
    if isinstance(a, generic.IndirectObject) or isinstance(b, generic.IndirectObject):
        return (isinstance(a, generic.IndirectObject) and isinstance(b, generic.IndirectObject)
                and (a.reference.idnum, a.reference.generation) == (b.reference.idnum, b.reference.generation))
    if isinstance(a, generic.StreamObject) != isinstance(b, generic.StreamObject):
        return False
    if isinstance(a, generic.StreamObject) and a.encoded_data != b.encoded_data:
        return False
    if isinstance(a, generic.DictionaryObject):
        return (isinstance(b, generic.DictionaryObject) and set(a) == set(b)
                and all(same(dict.__getitem__(a, k), dict.__getitem__(b, k)) for k in a))
    if isinstance(a, generic.ArrayObject):
        return (isinstance(b, generic.ArrayObject) and len(a) == len(b)
                and all(same(x, y) for x, y in zip(list.__iter__(a), list.__iter__(b))))
    strings = (generic.TextStringObject, generic.ByteStringObject)
    if isinstance(a, strings) or isinstance(b, strings):
        return isinstance(a, strings) and isinstance(b, strings)
    if isinstance(a, generic.NameObject) or isinstance(b, generic.NameObject):
        return isinstance(a, generic.NameObject) and isinstance(b, generic.NameObject) and str(a) == str(b)
    if isinstance(a, generic.BooleanObject) or isinstance(b, generic.BooleanObject):
        return isinstance(a, generic.BooleanObject) and isinstance(b, generic.BooleanObject) and a.value == b.value
    if isinstance(a, generic.NullObject) or isinstance(b, generic.NullObject):
        return isinstance(a, generic.NullObject) and isinstance(b, generic.NullObject)
    return type(a) is type(b) and a == b


def every_object(data: bytes) -> tuple[int, int]:
    """(objects, read by the fast reader), asserting each one it reads equals pyHanko's reading."""
    r = PdfFileReader(io.BytesIO(data), strict=False)
    total = fast = 0
    for rev in range(r.xrefs.total_revisions):
        history = r.get_historical_resolver(rev)
        for ref in r.xrefs.explicit_refs_in_revision(rev):
            total += 1
            marker = r.xrefs.get_historical_ref(ref, rev)
            mine = pdf_structure.fast_object(data, marker, ref, r) if isinstance(marker, int) else None
            if mine is not None:
                fast += 1
                assert same(mine, history.get_object(ref)), ref
    return total, fast


def test_it_reads_every_object_arbocheck_writes_as_pyhanko_does(tmp_path):
    q = qloader.find("thuiswerkplek")
    key = keys.generate("F")
    files = []
    for path in sorted(SCEN.glob("*.yaml"))[:4]:
        answers = yaml.safe_load(path.read_text())["answers"]
        files.append(build(q, answers, {}, key, ReportMeta(signer_name="F", fingerprint=""), lambda i: b"",
                           personal_copy=True))
    from arbocheck.core.samples.demo import make_demo

    demo = make_demo(tmp_path / "demo")
    blobs = [f.signed for f in files] + [f.personal for f in files] + [p.read_bytes() for p in demo.values()
                                                                      if p.suffix == ".pdf"]
    for data in blobs:
        total, fast = every_object(data)
        assert fast == total  # arbocheck's own PDFs need no fallback: the fast path is what runs


def _handler():
    return PdfFileReader(io.BytesIO(forge.plain_pdf()), strict=False)


def _pyhanko(body: bytes, handler):
    stream = io.BytesIO(body)
    from pyhanko.pdf_utils.reader import read_object_header

    idnum, gen = read_object_header(stream, strict=False)
    return generic.read_object(stream, generic.Reference(idnum, gen, handler))


_names = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=8).map(
    lambda s: generic.NameObject("/" + "".join(c if c not in "()<>[]{}/%#" else "x" for c in s)))
_leaf = st.one_of(st.integers(-10 ** 6, 10 ** 6).map(generic.NumberObject), _names,
                  st.binary(max_size=12).map(generic.ByteStringObject), st.booleans().map(generic.BooleanObject),
                  st.just(generic.NullObject()))
_objects = st.recursive(_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=5).map(generic.ArrayObject),
    st.dictionaries(_names, inner, max_size=5).map(generic.DictionaryObject)), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(obj=_objects)
def test_what_pyhanko_writes_it_reads_as_pyhanko_does(obj):
    handler = _handler()
    out = io.BytesIO()
    out.write(b"7 0 obj\n")
    obj.write_to_stream(out, None)
    out.write(b"\nendobj\n")
    body = out.getvalue()
    mine = pdf_structure.fast_object(body, 0, generic.Reference(7, 0, handler), handler)
    if mine is not None:
        assert same(mine, _pyhanko(body, handler))


@settings(max_examples=500, deadline=None)
@given(obj=_objects, seed=st.integers(0, 2 ** 32))
@example(obj=generic.ArrayObject([generic.NumberObject(0), generic.NumberObject(0)]), seed=2041976)  # "0 0 R"
def test_a_changed_object_is_read_as_pyhanko_reads_it_or_left_to_pyhanko(obj, seed):
    """Random bytes changed, inserted or removed: whatever the fast reader still reads, pyHanko
    reads the same way (it never takes bytes for something pyHanko would not)."""
    handler = _handler()
    out = io.BytesIO()
    obj.write_to_stream(out, None)
    rng = random.Random(seed)
    body = bytearray(out.getvalue())
    alphabet = b" \n()<>[]/%#\\R0123456789.+-abcdefnulltrueobjendstream"
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(body) + 1)
        op = rng.randrange(3)
        if op == 0 and body:
            body[min(at, len(body) - 1)] = rng.choice(alphabet)
        elif op == 1:
            body[at:at] = bytes([rng.choice(alphabet)])
        elif body:
            del body[min(at, len(body) - 1)]
    data = b"7 0 obj\n" + bytes(body) + b"\nendobj\n"
    try:
        mine = pdf_structure.fast_object(data, 0, generic.Reference(7, 0, handler), handler)
    except Refusal:  # a key given twice, or nested too deep: refused, never read differently
        return
    if mine is None:
        return
    theirs = _pyhanko(data, handler)
    assert same(mine, theirs), (bytes(body), mine, theirs)


def test_a_key_given_twice_is_refused():
    handler = _handler()
    data = b"7 0 obj << /Type /Font /Type /Page >> endobj"
    with pytest.raises(Refusal):
        pdf_structure.fast_object(data, 0, generic.Reference(7, 0, handler), handler)


@pytest.mark.parametrize("body", [b"<< /J#53 (x) >>", b"<< /A (a(b)c) >>", b"<< /A 1 % comment\n >>",
                                  b"<< /Length 3 0 R >> stream\nabc\nendstream", b"[1 2",
                                  b"<< /Length 99 >> stream\nabc\nendstream"])
def test_what_it_does_not_know_it_leaves_to_pyhanko(body):
    handler = _handler()
    assert pdf_structure.fast_object(b"7 0 obj " + body + b" endobj", 0, generic.Reference(7, 0, handler),
                                     handler) is None
