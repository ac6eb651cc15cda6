"""Only arbocheck's own PDF structure is accepted (DESIGN.md §4.5).

A report is signed by its own worker, so a modified client can sign anything: a
valid signature says who sent the file, not that it is harmless. After the signature
check, on the same bytes, `check_document` walks every object of every revision
(iteratively, with depth and count limits) and refuses what arbocheck never writes:
JavaScript, actions (OpenAction, Launch, URI, additional actions), annotations other
than the signature widget (file attachments above all), associated files (/AF),
embedded files other than the known ones, encryption, other stream codings, and pages,
images and streams beyond the limits below. What the report adds for assistive technology is
accepted exactly as report/pdf.py writes it and bounded: bookmarks (title, place in the outline,
a page destination; no action), /Lang, /ViewerPreferences with /DisplayDocTitle only, and
/PageMode /UseOutlines. `check_signature` then holds the CMS
container to the one form signing.py writes, so that no byte of the file can change
while the signature still verifies ("any change is rejected"): canonical DER, zero
padding, exactly the signer's certificate, the three signed attributes, no unsigned
attributes or CRLs, ECDSA P-256 with SHA-256, and the low-s form of the signature value.

Limits, from what arbocheck writes (measured: every finding of the questionnaire and 20
photos make 22 pages and 96 objects in 2.9 MB; photos are printed at most 800 px on the
long side, the draft keeps at most 1600 px; a page's content stream is a few tens of KB,
the largest font program ~0.6 MB), with a wide margin:
"""

from __future__ import annotations

import re
import zlib
from typing import Any

from pyhanko.pdf_utils import generic  # only imported by verify(), which has loaded pyHanko

from arbocheck.core.common.reasons import Refusal
from arbocheck.core.common.shown import shown

MAX_OBJECTS = 5_000  # objects in all revisions; a report has ~50 plus ~5 per page and photo
MAX_ELEMENTS = 500_000  # values inside all objects (array items, dictionary entries)
MAX_DEPTH = 32  # nesting of arrays and dictionaries within one object (arbocheck: 5)
MAX_PAGES = 100
MAX_IMAGE_SIDE = 4_000  # pixels
MAX_IMAGE_PIXELS = 12_000_000
MAX_STREAM = 16 * 1024 * 1024  # one stream, unpacked
MAX_STREAMS = 96 * 1024 * 1024  # all streams together, unpacked (attachments not included)
MAX_CONTENTS = 32 * 1024  # the signature container; arbocheck's is ~1.4 KB in a 2 KB field
MAX_OUTLINE_ITEMS = 200  # bookmarks: one per heading of the report (~30), all topics and annex parts
MAX_TITLE = 300  # characters of one bookmark's title
MAX_LANG = 35  # the catalog's /Lang: a language tag ("nl-NL")

# A bookmark as report/pdf.py (reportlab) writes it: a title, its place in the outline tree
# and a destination on a page; nothing else (an action /A, a colour, a style is refused).
_OUTLINE_ITEM_KEYS = {"/Title", "/Parent", "/Dest", "/First", "/Last", "/Prev", "/Next", "/Count"}
_OUTLINE_ROOT_KEYS = {"/Type", "/First", "/Last", "/Count"}
_DEST_FITS = {"/XYZ", "/Fit", "/FitH", "/FitV", "/FitR", "/FitB", "/FitBH", "/FitBV"}
_VIEWER_PREFERENCES = {"/DisplayDocTitle"}
_PAGE_MODES = {"/UseNone", "/UseOutlines"}

# Keys that only appear in what arbocheck never writes.
_SCRIPT_KEYS = {"/JS", "/JavaScript"}
_ACTION_KEYS = {"/OpenAction", "/AA", "/A", "/URI", "/Launch", "/Next"}
_OTHER_KEYS = {"/XFA", "/RichMediaContent", "/RichMediaSettings", "/Encrypt", "/Collection", "/Threads",
               "/SubmitForm", "/ImportData", "/GoToE", "/Win", "/Mac", "/Unix"}
_ACTIONS = {"/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide",
            "/Named", "/SubmitForm", "/ResetForm", "/ImportData", "/JavaScript", "/SetOCGState", "/Rendition",
            "/Trans", "/GoTo3DView", "/RichMediaExecute"}
_ANNOTATIONS = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine", "/Highlight",
                "/Underline", "/Squiggly", "/StrikeOut", "/Caret", "/Stamp", "/Ink", "/Popup", "/FileAttachment",
                "/Sound", "/Movie", "/Screen", "/PrinterMark", "/TrapNet", "/Watermark", "/3D", "/Redact",
                "/Projection", "/RichMedia"}
_NAME_TREES = {"/EmbeddedFiles"}
_FORBIDDEN = _SCRIPT_KEYS | _ACTION_KEYS | _OTHER_KEYS | {"/AF"}
# A dictionary with none of these keys needs no further look (most of a PDF's dictionaries).
_NOTED = {"/Type", "/Subtype", "/S", "/EF", "/Parent", "/Annots"}


class _Stop(Exception):
    def __init__(self, refusal: Refusal):
        self.refusal = refusal


def _no(key: str, **params: Any) -> _Stop:
    return _Stop(Refusal(key, **params))


def _name(v: Any) -> str | None:
    """A name value, following one indirect reference (a /Type can be written as one)."""
    if isinstance(v, generic.IndirectObject):
        v = v.get_object()
    return str(v) if isinstance(v, generic.NameObject) else None


def _filters(stream) -> list[str]:
    f = stream.raw_get("/Filter") if "/Filter" in stream else None
    if isinstance(f, generic.IndirectObject):
        f = f.get_object()
    if f is None:
        return []
    items = [f] if isinstance(f, generic.NameObject) else list(f) if isinstance(f, generic.ArrayObject) else [f]
    out = []
    for x in items:
        n = _name(x)
        out.append(n if n is not None else "?")
    return out


def _int(d, key: str) -> int | None:
    v = d.raw_get(key) if key in d else None
    if isinstance(v, generic.IndirectObject):
        v = v.get_object()
    return int(v) if isinstance(v, int) and not isinstance(v, bool) else None


def inflated(raw: bytes, limit: int) -> bytes:
    """Flate-decode with a limit on the output (a small stream can unpack to gigabytes)."""
    d = zlib.decompressobj()
    try:
        out = d.decompress(raw, limit + 1)
        if len(out) > limit or d.unconsumed_tail:
            raise _no("pdf_structure", what=Refusal("pdf.stream_too_large", mb=limit // (1024 * 1024)))
        return out + d.flush(limit + 1 - len(out))
    except zlib.error as e:
        raise _no("pdf_structure", what=Refusal("pdf.stream_damaged")) from e


def _inflated_size(raw: bytes, limit: int) -> int:
    """The unpacked size of a Flate stream, in steps of 1 MB (nothing big is kept)."""
    d = zlib.decompressobj()
    n, todo = 0, raw
    try:
        while True:
            n += len(d.decompress(todo, 1 << 20))
            if n > limit:
                raise _no("pdf_structure", what=Refusal("pdf.stream_too_large", mb=limit // (1024 * 1024)))
            todo = d.unconsumed_tail
            if not todo:
                break
        while True:
            chunk = d.flush(1 << 20) if not d.eof else b""
            n += len(chunk)
            if n > limit:
                raise _no("pdf_structure", what=Refusal("pdf.stream_too_large", mb=limit // (1024 * 1024)))
            if not chunk:
                return n
    except zlib.error as e:
        raise _no("pdf_structure", what=Refusal("pdf.stream_damaged")) from e


_SOF = set(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a JPEG's frame header, or None when there is none."""
    if data[:2] != b"\xff\xd8":
        return None
    i, n = 2, len(data)
    while i + 4 <= n:
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker in _SOF:
            if i + 9 > n:
                return None
            return int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
        if length < 2:
            return None
        i += 2 + length
    return None


# An inline image (BI … ID … EI) in a content stream: only looked for when "BI" stands alone
# somewhere, and then with a tokenizer that skips strings, names and comments.
_BI_CANDIDATE = re.compile(rb"(?<![^\s\[\]()<>{}/%])BI(?![^\s\[\]()<>{}/%])")
_TOKENS = re.compile(rb"%[^\r\n]*|\((?:[^()\\]|\\.)*\)|<[^<>]*>|/[^\s\[\]()<>{}/%]*|[^\s\[\]()<>{}/%]+", re.S)


def has_inline_image(content: bytes) -> bool:
    if b"BI" not in content or not _BI_CANDIDATE.search(content):
        return False
    return any(m.group() == b"BI" for m in _TOKENS.finditer(content))


# -- a fast, strict reader for the objects arbocheck's writers produce -------------------
#
# pyHanko's reader reads one character at a time: reading every object of a report costs
# more than checking its signature. This reader takes one object from its offset with one
# regular expression per token, for the plain grammar reportlab, pypdf and pyHanko write
# (numbers, references, names without #-escapes, literal strings with escaped brackets,
# hex strings, arrays, dictionaries, a stream with a direct /Length). Anything else (a
# comment, an escaped name, nested brackets in a string, an indirect /Length, an object
# stream, a missing endstream) returns None, and pyHanko reads that object instead; so for
# any object both readers take the same bytes the same way. A key given twice is refused:
# readers disagree on which one counts.

_WS = rb"\x00\t\n\x0c\r "
_DELIM = rb"()<>\[\]{}/%"
_END = rb"(?=[" + _WS + _DELIM + rb"]|\Z)"
_TOKEN = re.compile(
    rb"(?P<ws>[" + _WS + rb"]+)"
    rb"|(?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+))" + _END +
    rb"|(?P<name>/[^" + _WS + _DELIM + rb"#]*)" + _END +
    rb"|(?P<open><<|\[)"
    rb"|(?P<close>>>|\])"
    rb"|(?P<str>\((?:[^()\\]|\\.)*\))"
    rb"|(?P<hex><[0-9A-Fa-f" + _WS + rb"]*>)"
    rb"|(?P<kw>true|false|null|R|endobj|stream)" + _END, re.S)
_NUM = rb"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
# An array of numbers only (widths, boxes, matrices: most of a report's values), read in one go.
_NUMBERS = re.compile(rb"\[[" + _WS + rb"]*(?:" + _NUM + rb"(?:[" + _WS + rb"]+" + _NUM + rb")*)?[" + _WS + rb"]*\]")
_NUMBER = re.compile(_NUM)
_HEADER = re.compile(rb"(\d+)[" + _WS + rb"]+(\d+)[" + _WS + rb"]+obj" + _END)
_AFTER_STREAM = re.compile(rb"[" + _WS + rb"]*endstream[" + _WS + rb"]*endobj" + _END)


class _Fallback(Exception):
    """Not in the plain grammar: let pyHanko read this object."""


def fast_object(data: bytes, offset: int, ref, reader):
    """The object at `offset` as pyHanko objects, or None when pyHanko must read it. Raises
    Refusal for a key given twice or nesting beyond MAX_DEPTH."""
    try:
        return _fast_or_none(data, offset, ref, reader)
    except _Stop as e:
        raise e.refusal from None


def _fast_or_none(data: bytes, offset: int, ref, reader):
    try:
        return _fast_object(data, offset, ref, reader)
    except _Fallback:
        return None


def _fast_object(data: bytes, offset: int, ref, reader):
    m = _HEADER.match(data, offset)
    if not m or int(m.group(1)) != ref.idnum or int(m.group(2)) != ref.generation:
        raise _Fallback
    pos = m.end()
    match = _TOKEN.match
    stack: list[tuple[str, list]] = []  # ("[" or "<<", items so far)
    value = None
    while True:
        t = match(data, pos)
        if t is None:
            raise _Fallback
        pos = t.end()
        kind = t.lastgroup
        if kind == "ws":
            continue
        if kind == "num":
            text = t.group()
            v = generic.FloatObject(text.decode()) if b"." in text else generic.NumberObject(int(text))
        elif kind == "name":
            v = generic.NameObject(t.group().decode("latin-1"))
        elif kind == "str" or kind == "hex":
            v = generic.ByteStringObject(t.group())
        elif kind == "open":
            if len(stack) >= MAX_DEPTH:
                raise _no("pdf_structure", what=Refusal("pdf.too_deep", n=MAX_DEPTH))
            numbers = _NUMBERS.match(data, t.start()) if t.group() == b"[" else None
            if numbers is None:
                stack.append((t.group().decode(), []))
                continue
            pos = numbers.end()
            v = generic.ArrayObject(
                generic.FloatObject(x.decode()) if b"." in x else generic.NumberObject(int(x))
                for x in _NUMBER.findall(data, t.end(), pos))
        elif kind == "close":
            if not stack or (stack[-1][0] == "[") != (t.group() == b"]"):
                raise _Fallback
            opener, items = stack.pop()
            if opener == "[":
                v = generic.ArrayObject(items)
            else:
                if len(items) % 2 or not all(isinstance(k, generic.NameObject) for k in items[::2]):
                    raise _Fallback
                v = generic.DictionaryObject(dict(zip(items[::2], items[1::2])))
                if len(v) != len(items) // 2:  # a key given twice
                    raise _no("pdf_structure", what=Refusal("pdf.object_unreadable",
                                                            ref=f"{ref.idnum} {ref.generation}"))
        else:  # keyword
            word = t.group()
            if word == b"R":
                items = stack[-1][1] if stack else None
                if not items or len(items) < 2 or not all(type(x) is generic.NumberObject and x >= 0
                                                          for x in items[-2:]):
                    raise _Fallback
                if items[-2] == 0:  # object 0 heads the free list: pyHanko refuses a reference to it
                    raise _Fallback
                gen, num = items.pop(), items.pop()
                v = generic.IndirectObject(int(num), int(gen), reader)
            elif word in (b"true", b"false"):
                v = generic.BooleanObject(word == b"true")
            elif word == b"null":
                v = generic.NullObject()
            else:
                raise _Fallback  # endobj or stream before the object is complete
        if stack:
            stack[-1][1].append(v)
            continue
        value = v
        break
    t = match(data, pos)
    while t is not None and t.lastgroup == "ws":
        pos = t.end()
        t = match(data, pos)
    if t is None or t.lastgroup != "kw":
        raise _Fallback
    if t.group() == b"endobj":
        return value
    if t.group() != b"stream" or not isinstance(value, generic.DictionaryObject):
        raise _Fallback
    length = dict.get(value, "/Length")
    if type(length) is not generic.NumberObject or length < 0:
        raise _Fallback
    pos = t.end()
    if data.startswith(b"\r\n", pos):
        pos += 2
    elif data.startswith(b"\n", pos):
        pos += 1
    else:
        raise _Fallback
    end = pos + length
    if end > len(data) or not _AFTER_STREAM.match(data, end):
        raise _Fallback
    return generic.StreamObject(value, encoded_data=data[pos:end])


class _Walk:
    def __init__(self, reader, attachment_refs: set, n_attachments: int):
        self.reader = reader
        self.skip_streams = attachment_refs  # already unpacked, with their own limits, by verify._attachments
        self.n_attachments = n_attachments
        self.elements = 0
        self.unpacked = 0
        self.pages = 0
        self.filespecs = 0
        self.embedded = 0
        self.widgets = 0
        self.annot_refs: list = []
        self.content_refs: list = []
        self.searched: set[tuple[int, int]] = set()  # streams already searched for inline images
        self.fields: int | None = None
        self.parsed: dict[tuple[int, int], Any] = {}  # current objects as the walk read them
        self.outline_items = 0

    def get(self, x):
        """`x`, or the object it refers to (as the walk read it, else as pyHanko reads it)."""
        if isinstance(x, generic.IndirectObject):
            found = self.parsed.get((x.reference.idnum, x.reference.generation))
            return found if found is not None else x.get_object()
        return x

    def object(self, obj, ref, current: bool) -> None:
        """Check one object (not following references: every object is visited from the xref)."""
        ArrayObject, DictionaryObject = generic.ArrayObject, generic.DictionaryObject
        containers = (DictionaryObject, ArrayObject)
        if not isinstance(obj, containers):
            return
        stack = [(obj, 0)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise _no("pdf_structure", what=Refusal("pdf.too_deep", n=MAX_DEPTH))
            self.elements += len(node)
            if self.elements > MAX_ELEMENTS:
                raise _no("pdf_structure", what=Refusal("pdf.too_many_elements", n=MAX_ELEMENTS))
            if isinstance(node, DictionaryObject):
                self._dict(node, ref, current, depth == 0)
                children = dict.values(node)
            else:
                children = list.__iter__(node)
            stack.extend((v, depth + 1) for v in children if isinstance(v, containers))

    def _dict(self, d, ref, current: bool, top: bool) -> None:
        keys = dict.keys(d)
        if top and "/Title" in keys and "/Parent" in keys and keys <= _OUTLINE_ITEM_KEYS:
            self._outline_item(d)  # its /Next is the next bookmark, not an action
            return
        if not keys.isdisjoint(_FORBIDDEN):
            self._forbidden(keys)
        stream = top and isinstance(d, generic.StreamObject)
        if not stream and keys.isdisjoint(_NOTED):
            return
        typ = _name(d.raw_get("/Type")) if "/Type" in keys else None
        sub = _name(d.raw_get("/Subtype")) if "/Subtype" in keys else None
        s = _name(d.raw_get("/S")) if "/S" in keys else None
        if typ == "/Action" or s in _ACTIONS:
            raise _no("pdf_structure", what=Refusal("pdf.action", name=shown(s or typ, 32)))
        if sub in _ANNOTATIONS or (typ == "/Annot" and sub != "/Widget"):
            raise _no("pdf_structure", what=Refusal("pdf.annotation", name=shown(sub, 32)))
        if typ == "/Font" and sub == "/Type3":
            raise _no("pdf_structure", what=Refusal("pdf.key", name="/Type3"))
        if sub == "/PS" or typ == "/Filespec" and "/EF" not in keys:
            raise _no("pdf_structure", what=Refusal("pdf.key", name=shown(sub or typ, 32)))
        if not current:
            return
        if "/EF" in keys:
            self.filespecs += 1
        if typ == "/EmbeddedFile":
            self.embedded += 1
        if sub == "/Widget":
            self.widgets += 1
        # A page is what a viewer takes for one: /Type /Page, or a leaf of the page tree without it.
        if typ == "/Page" or ("/Parent" in keys and "/Kids" not in keys and typ is None and sub is None):
            self.pages += 1
            if self.pages > MAX_PAGES:
                raise _no("pdf_structure", what=Refusal("pdf.too_many_pages", n=MAX_PAGES))
            self._refs_in(d, "/Contents", self.content_refs)
        if "/Annots" in keys:
            self._refs_in(d, "/Annots", self.annot_refs)
        if stream:
            self._stream(d, ref, typ, sub)

    def _outline_item(self, d) -> None:
        """One bookmark: a short title and a destination that is a page and a way to fit it, with
        numbers only. Counted, so that no file hides thousands of them."""
        self.outline_items += 1
        if self.outline_items > MAX_OUTLINE_ITEMS:
            raise _no("pdf_structure", what=Refusal("pdf.key", name="/Outlines"))
        title = self.get(d.raw_get("/Title"))
        if not isinstance(title, (generic.TextStringObject, generic.ByteStringObject)) or len(title) > MAX_TITLE:
            raise _no("pdf_structure", what=Refusal("pdf.key", name="/Title"))
        dest = self.get(d.raw_get("/Dest")) if "/Dest" in d else None
        if not (isinstance(dest, generic.ArrayObject) and 2 <= len(dest) <= 6
                and isinstance(list.__getitem__(dest, 0), generic.IndirectObject)
                and _name(list.__getitem__(dest, 1)) in _DEST_FITS
                and all(isinstance(x, (generic.NumberObject, generic.FloatObject, generic.NullObject))
                        for x in list(list.__iter__(dest))[2:])):
            raise _no("pdf_structure", what=Refusal("pdf.key", name="/Dest"))

    @staticmethod
    def _forbidden(keys) -> None:
        if not keys.isdisjoint(_SCRIPT_KEYS):
            raise _no("pdf_structure", what=Refusal("pdf.javascript"))
        if not keys.isdisjoint(_ACTION_KEYS):
            raise _no("pdf_structure", what=Refusal("pdf.action", name=sorted(keys & _ACTION_KEYS)[0]))
        if "/AF" in keys:
            raise _no("pdf_structure", what=Refusal("pdf.associated_files"))
        raise _no("pdf_structure", what=Refusal("pdf.key", name=sorted(keys & _OTHER_KEYS)[0]))

    @staticmethod
    def _refs_in(d, key: str, out: list) -> None:
        """Collect what `key` points to (a reference, or an array of them) for a later check."""
        v = d.raw_get(key) if key in d else None
        if isinstance(v, generic.ArrayObject):
            out.extend(list.__iter__(v))
        elif v is not None:
            out.append(v)  # a reference may point to an array of them: finish() looks

    def catalog(self, d) -> None:
        """The document catalog (the trailer's /Root, whatever its /Type says)."""
        names = self.get(d.raw_get("/Names")) if "/Names" in d else None
        if isinstance(names, generic.DictionaryObject):
            other = set(names.keys()) - _NAME_TREES
            if other:
                raise _no("pdf_structure", what=Refusal("pdf.names", name=shown(sorted(other)[0], 32)))
        form = self.get(d.raw_get("/AcroForm")) if "/AcroForm" in d else None
        if isinstance(form, generic.DictionaryObject):
            fields = self.get(form.raw_get("/Fields")) if "/Fields" in form else None
            self.fields = len(fields) if isinstance(fields, generic.ArrayObject) else -1
        outlines = self.get(d.raw_get("/Outlines")) if "/Outlines" in d else None
        if outlines is not None and not (isinstance(outlines, generic.DictionaryObject)
                                         and set(outlines.keys()) <= _OUTLINE_ROOT_KEYS):
            raise _no("pdf_structure", what=Refusal("pdf.key", name="/Outlines"))
        prefs = self.get(d.raw_get("/ViewerPreferences")) if "/ViewerPreferences" in d else None
        if prefs is not None and not (isinstance(prefs, generic.DictionaryObject)
                                      and set(prefs.keys()) <= _VIEWER_PREFERENCES):
            raise _no("pdf_structure", what=Refusal("pdf.key", name="/ViewerPreferences"))
        if "/PageMode" in d and _name(d.raw_get("/PageMode")) not in _PAGE_MODES:
            raise _no("pdf_structure", what=Refusal("pdf.key", name="/PageMode"))
        lang = self.get(d.raw_get("/Lang")) if "/Lang" in d else None
        if lang is not None and not (isinstance(lang, (generic.TextStringObject, generic.ByteStringObject))
                                     and len(lang) <= MAX_LANG):
            raise _no("pdf_structure", what=Refusal("pdf.key", name="/Lang"))
        pages = self.get(d.raw_get("/Pages")) if "/Pages" in d else None
        count = _int(pages, "/Count") if isinstance(pages, generic.DictionaryObject) else None
        if count is None or not 1 <= count <= MAX_PAGES:
            raise _no("pdf_structure", what=Refusal("pdf.too_many_pages", n=MAX_PAGES))

    def _stream(self, st, ref, typ: str | None, sub: str | None) -> None:
        filters = _filters(st)
        image = sub == "/Image"
        if filters not in ([], ["/FlateDecode"]) and not (image and filters == ["/DCTDecode"]):
            raise _no("pdf_structure", what=Refusal("pdf.filter", name=shown(" ".join(filters), 40)))
        if image:
            w, h = _int(st, "/Width"), _int(st, "/Height")
            if w is None or h is None or w < 1 or h < 1:
                raise _no("pdf_structure", what=Refusal("pdf.image_damaged"))
            if max(w, h) > MAX_IMAGE_SIDE or w * h > MAX_IMAGE_PIXELS:
                raise _no("pdf_structure", what=Refusal("pdf.image_too_large", px=f"{MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE}"))
            if filters == ["/DCTDecode"]:
                if jpeg_size(st.encoded_data) != (w, h):  # the JPEG's own size is what a viewer decodes
                    raise _no("pdf_structure", what=Refusal("pdf.image_damaged"))
                return
        if ref is not None and (ref.idnum, ref.generation) in self.skip_streams:
            return
        raw = st.encoded_data
        # What could be drawn as content (no /Subtype, or a form or pattern; not a font program)
        # is unpacked whole and searched for inline images; the rest is only measured.
        content = (sub in (None, "/Form") and not ({"/Length1", "/Length2", "/Length3"} & st.keys())
                   or "/PatternType" in st)
        if content and filters and len(raw) < MAX_STREAM // 64:
            data = inflated(raw, MAX_STREAM)
            size = len(data)
        elif content and not filters:
            data, size = raw, len(raw)
        else:
            data, size = None, (_inflated_size(raw, MAX_STREAM) if filters else len(raw))
        if size > MAX_STREAM:
            raise _no("pdf_structure", what=Refusal("pdf.stream_too_large", mb=MAX_STREAM // (1024 * 1024)))
        self.unpacked += size
        if self.unpacked > MAX_STREAMS:
            raise _no("pdf_structure", what=Refusal("pdf.streams_too_large", mb=MAX_STREAMS // (1024 * 1024)))
        if data is not None:
            if has_inline_image(data):
                raise _no("pdf_structure", what=Refusal("pdf.inline_image"))
            if ref is not None:
                self.searched.add((ref.idnum, ref.generation))
        elif sub == "/Form" or "/PatternType" in st:
            self.content_refs.append(st)  # drawn, but too large to unpack whole here: searched at the end

    def _flat(self, refs: list) -> list:
        """References and objects, with a referenced array replaced by its elements (one level,
        as the PDF format allows for /Annots and /Contents)."""
        out = []
        for r in refs:
            if isinstance(r, generic.IndirectObject) and (r.reference.idnum, r.reference.generation) not in self.searched:
                target = self.get(r)
                if isinstance(target, generic.ArrayObject):
                    out.extend(list.__iter__(target))
                    continue
            out.append(r)
        return out

    def finish(self) -> None:
        for a in self._flat(self.annot_refs):
            d = self.get(a)
            if not isinstance(d, generic.DictionaryObject) or _name(d.raw_get("/Subtype")) != "/Widget":
                raise _no("pdf_structure", what=Refusal("pdf.annotation", name=shown(
                    _name(d.raw_get("/Subtype")) if isinstance(d, generic.DictionaryObject) else "?", 32)))
        if self.widgets > 1 or (self.fields is not None and self.fields != 1):
            raise _no("pdf_structure", what=Refusal("pdf.form_fields"))
        if self.filespecs != self.n_attachments or self.embedded != self.n_attachments:
            raise _no("pdf_structure", what=Refusal("pdf.embedded_file"))
        for c in self._flat(self.content_refs):
            if isinstance(c, generic.IndirectObject):
                if (c.reference.idnum, c.reference.generation) in self.searched:
                    continue
                c = self.get(c)
            st = c
            if not isinstance(st, generic.StreamObject):
                continue
            raw = st.encoded_data
            data = inflated(raw, MAX_STREAM) if _filters(st) == ["/FlateDecode"] else bytes(raw)
            if has_inline_image(data):
                raise _no("pdf_structure", what=Refusal("pdf.inline_image"))


def check_document(reader, attachment_refs: set, n_attachments: int, data: bytes) -> None:
    """Refuse (Refusal) any structure arbocheck does not write in `data` (read by `reader`).
    `attachment_refs`: the (idnum, generation) of the embedded-file streams
    verify._attachments has read."""
    try:
        _check_document(reader, attachment_refs, n_attachments, data)
    except _Stop as e:
        raise e.refusal from None
    except RecursionError:
        raise Refusal("pdf_structure", what=Refusal("pdf.too_deep", n=MAX_DEPTH)) from None
    except Exception:  # noqa: BLE001 - a damaged or hostile structure: one reason
        raise Refusal("pdf_structure", what=Refusal("pdf.object_unreadable", ref="?")) from None


def _current(reader, xrefs, ref, rev: int, data: bytes):
    """The object as it is now: pyHanko's copy if it has read it already, else the fast reader's,
    else pyHanko's."""
    obj = reader.cache_get_indirect_object(ref.generation, ref.idnum)
    if obj is None:
        marker = xrefs.get_historical_ref(ref, rev)
        if isinstance(marker, int):
            obj = _fast_or_none(data, marker, ref, reader)
    return obj if obj is not None else reader.get_object(ref)


def _check_document(reader, attachment_refs: set, n_attachments: int, data: bytes) -> None:
    if "/Encrypt" in reader.trailer_view:
        raise _no("pdf_structure", what=Refusal("pdf.encrypted"))
    xrefs = reader.xrefs
    revisions = xrefs.total_revisions
    if revisions != 2:  # the document, and the signature's incremental update
        raise _no("pdf_structure", what=Refusal("pdf.revisions", n=revisions))
    per_rev = [sorted(xrefs.explicit_refs_in_revision(r), key=lambda x: (x.idnum, x.generation))
               for r in range(revisions)]
    if sum(map(len, per_rev)) > MAX_OBJECTS:
        raise _no("pdf_structure", what=Refusal("pdf.too_many_objects", n=MAX_OBJECTS))
    walk = _Walk(reader, attachment_refs, n_attachments)
    later: set = set()
    for rev in range(revisions - 1, -1, -1):  # newest first: an object's latest version is the current one
        history = reader.get_historical_resolver(rev) if rev < revisions - 1 else reader
        for ref in per_rev[rev]:
            current = (ref.idnum, ref.generation) not in later
            try:  # an object a later revision replaced is read as it was in its own revision
                obj = _current(reader, xrefs, ref, rev, data) if current else history.get_object(ref)
                if current:
                    walk.parsed[(ref.idnum, ref.generation)] = obj
                walk.object(obj, ref, current=current)
            except _Stop:
                raise
            except RecursionError:
                raise _no("pdf_structure", what=Refusal("pdf.too_deep", n=MAX_DEPTH)) from None
            except Exception:  # noqa: BLE001 - a damaged or hostile object: one reason
                raise _no("pdf_structure", what=Refusal("pdf.object_unreadable", ref=f"{ref.idnum} {ref.generation}"))
        later |= {(r.idnum, r.generation) for r in per_rev[rev]}
    try:
        walk.catalog(reader.root)
        walk.finish()
    except _Stop:
        raise
    except RecursionError:
        raise _no("pdf_structure", what=Refusal("pdf.too_deep", n=MAX_DEPTH)) from None
    except Exception:  # noqa: BLE001
        raise _no("pdf_structure", what=Refusal("pdf.object_unreadable", ref="?"))


# -- the signature container -------------------------------------------------------------

P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
SIGNED_ATTRIBUTES = {"content_type", "message_digest", "signing_certificate_v2"}


def _der_length(b: bytes) -> int:
    """The length of the DER SEQUENCE at the start of `b` (header included)."""
    if len(b) < 2 or b[0] != 0x30:
        raise _no("signature_form", what=Refusal("cms.encoding"))
    first = b[1]
    if first < 0x80:
        return 2 + first
    n = first & 0x7F
    if n == 0 or n > 3 or len(b) < 2 + n or b[2] == 0:  # indefinite, oversized or not minimal
        raise _no("signature_form", what=Refusal("cms.encoding"))
    length = int.from_bytes(b[2:2 + n], "big")
    if length < 0x80 or (n > 1 and length < 1 << (8 * (n - 1))):
        raise _no("signature_form", what=Refusal("cms.encoding"))
    return 2 + n + length


# Universal types that DER writes in primitive form only (BER may split them into pieces).
_PRIMITIVE_ONLY = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0A, 0x0C, 0x12, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1A, 0x1E}


def strict_der(b: bytes) -> bool:
    """Whether every element of `b` is in its one DER form: definite, minimal lengths; string
    types unsplit; booleans 00/FF; integers without redundant leading bytes (iterative)."""
    todo = [(0, len(b))]
    while todo:
        i, end = todo.pop()
        while i < end:
            tag = b[i]
            if tag & 0x1F == 0x1F or i + 1 >= end:
                return False
            first = b[i + 1]
            i += 2
            if first & 0x80:
                n = first & 0x7F
                if n == 0 or n > 3 or i + n > end or b[i] == 0:
                    return False
                length = int.from_bytes(b[i:i + n], "big")
                if length < 0x80:
                    return False
                i += n
            else:
                length = first
            if i + length > end:
                return False
            if tag & 0x20:
                if tag & 0xC0 == 0 and tag & 0x1F in _PRIMITIVE_ONLY:
                    return False
                todo.append((i, i + length))
            elif tag == 0x01 and (length != 1 or b[i] not in (0x00, 0xFF)):
                return False
            elif tag == 0x02 and (length == 0 or length > 1 and (b[i] == 0 and b[i + 1] < 0x80
                                                               or b[i] == 0xFF and b[i + 1] >= 0x80)):
                return False
            elif tag == 0x05 and length:
                return False
            i += length
    return True


def check_signature(sig, data: bytes) -> None:
    """The CMS container of the one signature, held to what signing.py writes (Refusal)."""
    try:
        _check_signature(sig, data)
    except _Stop as e:
        raise e.refusal from None
    except Exception:  # noqa: BLE001 - whatever else is wrong with it: not the form arbocheck writes
        raise Refusal("signature_form", what=Refusal("cms.encoding")) from None


def _check_signature(sig, data: bytes) -> None:
    from asn1crypto import algos, cms
    contents = sig.sig_object.raw_get("/Contents")
    if not isinstance(contents, generic.ByteStringObject) or len(contents) > MAX_CONTENTS:
        raise _no("signature_form", what=Refusal("cms.size"))
    contents = bytes(contents)
    br = [int(x) for x in sig.sig_object["/ByteRange"]]
    # The gap the signature leaves is exactly "<" + the container in upper-case hex + ">":
    # no spaces, no other case, nothing else — one way to write it.
    if data[br[1]:br[2]] != b"<" + contents.hex().upper().encode("ascii") + b">":
        raise _no("signature_form", what=Refusal("cms.encoding"))
    end = _der_length(contents)
    if end > len(contents):
        raise _no("signature_form", what=Refusal("cms.encoding"))
    if contents[end:].strip(b"\0"):
        raise _no("signature_form", what=Refusal("cms.padding"))
    der = contents[:end]
    if not strict_der(der):
        raise _no("signature_form", what=Refusal("cms.encoding"))
    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            raise _no("signature_form", what=Refusal("cms.encoding"))
        sd = info["content"]
        if sd["version"].native != "v1" or sd["encap_content_info"]["content_type"].native != "data" \
                or sd["encap_content_info"]["content"].native is not None:
            raise _no("signature_form", what=Refusal("cms.encoding"))
        if [a.native for a in sd["digest_algorithms"]] != [{"algorithm": "sha256", "parameters": None}]:
            raise _no("signature_form", what=Refusal("cms.algorithms"))
        certs = sd["certificates"]
        if len(certs) != 1 or certs[0].name != "certificate" or certs[0].chosen.dump() != sig.signer_cert.dump():
            raise _no("signature_form", what=Refusal("cms.certificates"))
        key = sig.signer_cert.public_key
        if key.algorithm != "ec" or key["algorithm"]["parameters"].chosen.native != "secp256r1":
            raise _no("signature_form", what=Refusal("cms.algorithms"))
        if sd["crls"].native is not None:
            raise _no("signature_form", what=Refusal("cms.crls"))
        if len(sd["signer_infos"]) != 1:
            raise _no("signature_form", what=Refusal("cms.signers"))
        si = sd["signer_infos"][0]
        sid = si["sid"]
        if si["version"].native != "v1" or sid.name != "issuer_and_serial_number" \
                or sid.chosen["serial_number"].native != sig.signer_cert.serial_number \
                or sid.chosen["issuer"].dump() != sig.signer_cert.issuer.dump():
            raise _no("signature_form", what=Refusal("cms.signers"))
        if si["digest_algorithm"].native != {"algorithm": "sha256", "parameters": None} \
                or si["signature_algorithm"].native != {"algorithm": "sha256_ecdsa", "parameters": None}:
            raise _no("signature_form", what=Refusal("cms.algorithms"))
        attrs = si["signed_attrs"]
        types = [a["type"].native for a in attrs]
        if sorted(types) != sorted(SIGNED_ATTRIBUTES) or any(len(a["values"]) != 1 for a in attrs):
            raise _no("signature_form", what=Refusal("cms.attributes"))
        if si["unsigned_attrs"].native is not None:
            raise _no("signature_form", what=Refusal("cms.unsigned"))
        value = si["signature"].native
        if not strict_der(value):
            raise _no("signature_form", what=Refusal("cms.encoding"))
        ecdsa = algos.DSASignature.load(value, strict=True)
        if ecdsa["s"].native > P256_ORDER // 2:
            raise _no("signature_form", what=Refusal("cms.high_s"))
    except _Stop:
        raise
    except Exception:  # noqa: BLE001 - an unparsable container: one reason
        raise _no("signature_form", what=Refusal("cms.encoding")) from None
