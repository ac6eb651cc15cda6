"""The photo pipeline (DESIGN.md §4 rule 4): upright, small, and without any metadata.

All test images are generated here; no binary fixtures.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import struct
import subprocess
import sys
import time
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, JpegImagePlugin, PngImagePlugin

from arbocheck.core.check import photos
from arbocheck.core.check.photos import Photo, PhotoError, process

from samples import RED, XMP, jpeg, marked, photo_like, srgb_icc, tagged_jpeg, tell_tale_exif

# -- building test images ---------------------------------------------------


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_with_declared_size(w: int, h: int) -> bytes:
    """A tiny PNG whose IHDR claims w x h (correct CRC): a decompression bomb's header."""
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
            + png_chunk(b"IDAT", zlib.compress(b"\x00" * 16)) + png_chunk(b"IEND", b""))


def jpeg_with_declared_size(w: int, h: int) -> bytes:
    """A small valid JPEG with its SOF0 dimensions patched."""
    data = bytearray(jpeg(Image.new("RGB", (16, 16))))
    sof = data.index(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, h, w)
    return bytes(data)


def jpeg_markers(data: bytes) -> list[int]:
    """The marker codes before the image data (SOS), read independently of Pillow."""
    assert data[:2] == b"\xff\xd8"
    pos, found = 2, []
    while pos < len(data):
        assert data[pos] == 0xFF, f"no marker at {pos}"
        code = data[pos + 1]
        found.append(code)
        if code == 0xDA:  # SOS: entropy-coded data follows
            return found
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        pos += 2 + length
    raise AssertionError("no SOS marker")


def assert_clean(data: bytes) -> None:
    """No metadata in a processed photo, checked with Pillow and by reading the markers."""
    im = Image.open(io.BytesIO(data))
    assert im.format == "JPEG" and im.mode == "RGB"
    assert dict(im.getexif()) == {}
    for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "adobe"):
        assert key not in im.info, key
    # Only APP0 (JFIF), DQT, SOF0 (baseline), DHT and SOS: no APP1 (EXIF/XMP), APP2 (ICC), COM.
    assert set(jpeg_markers(data)) <= {0xE0, 0xDB, 0xC0, 0xC4, 0xDA}


def corner_colour(im: Image.Image, x: int, y: int) -> tuple[int, int, int]:
    return im.convert("RGB").getpixel((x, y))


def close(c1, c2, tol=40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c1, c2))


def open_photo(p: Photo) -> Image.Image:
    im = Image.open(io.BytesIO(p.data))
    im.load()
    return im


# -- metadata ---------------------------------------------------------------


def test_jpeg_with_exif_gps_xmp_icc_and_comment_comes_out_clean(tmp_path):
    src = tmp_path / "IMG_0001.jpg"
    src.write_bytes(tagged_jpeg())
    # the input really carries all of it
    info = Image.open(src).info
    assert {"exif", "icc_profile", "xmp", "comment"} <= set(info)

    p = process(src)
    assert_clean(p.data)
    assert p.sha256 == hashlib.sha256(p.data).hexdigest()
    assert (p.width, p.height) == open_photo(p).size


def test_png_with_text_chunks_exif_icc_and_transparency(tmp_path):
    im = Image.new("RGBA", (200, 100), (0, 0, 0, 0))  # fully transparent ...
    im.paste((20, 20, 230, 255), (100, 0, 200, 100))  # ... except an opaque blue right half
    meta = PngImagePlugin.PngInfo()
    meta.add_text("Author", "Jan Jansen")
    meta.add_itxt("Description", "thuiswerkplek, Keizersgracht 1", lang="nl")
    meta.add_text("XML:com.adobe.xmp", XMP.decode())
    buf = io.BytesIO()
    im.save(buf, "PNG", pnginfo=meta, exif=tell_tale_exif(), icc_profile=srgb_icc())
    assert {"Author", "Description", "exif", "icc_profile"} <= set(Image.open(io.BytesIO(buf.getvalue())).info)

    p = process(buf.getvalue())
    assert_clean(p.data)
    out = open_photo(p)
    assert out.size == (200, 100)
    assert close(corner_colour(out, 10, 50), (255, 255, 255), 6), "transparency flattened onto white"
    assert close(corner_colour(out, 190, 50), (20, 20, 230))


@pytest.mark.parametrize("mode", ["P", "LA", "L", "1", "CMYK", "I;16"])
def test_other_modes_become_plain_rgb(mode):
    base = Image.new("RGB", (64, 48), (200, 120, 40))
    if mode == "P":
        im = base.convert("P")
        im.info["transparency"] = 0
    elif mode == "I;16":
        im = Image.new("I;16", (64, 48), 40000)
    else:
        im = base.convert(mode)
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    buf = io.BytesIO()
    im.save(buf, fmt)
    p = process(buf.getvalue())
    assert_clean(p.data)
    out = open_photo(p)
    assert out.mode == "RGB" and out.size == (64, 48)
    if mode == "I;16":  # 16-bit grey is scaled to 8 bits, not clipped to white
        assert close(corner_colour(out, 5, 5), (156, 156, 156), 3)


def test_rgb_colours_survive_the_profile_conversion():
    p = process(jpeg(Image.new("RGB", (32, 32), (200, 120, 40)), icc_profile=srgb_icc()))
    assert close(corner_colour(open_photo(p), 16, 16), (200, 120, 40), 6)


def test_a_broken_icc_profile_is_ignored_not_fatal():
    p = process(jpeg(Image.new("RGB", (32, 32), (200, 120, 40)), icc_profile=b"not a profile at all"))
    assert_clean(p.data)


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is not installed (Debian: libimage-exiftool-perl)")
def test_exiftool_finds_no_metadata_in_the_output(tmp_path):
    src = tmp_path / "in.jpg"
    src.write_bytes(tagged_jpeg(orientation=6))
    out = tmp_path / "out.jpg"
    out.write_bytes(process(src).data)

    def tags(path):
        res = subprocess.run(["exiftool", "-j", "-G1", "-a", "-s", str(path)], capture_output=True, text=True,
                             check=True)
        return json.loads(res.stdout)[0]

    before = tags(src)  # exiftool does see everything in the input ...
    assert any(k.startswith("GPS:") for k in before) and any(k.startswith("XMP") for k in before)
    assert any(k.startswith("ICC") for k in before) and "IFD0:Make" in before and "File:Comment" in before

    after = tags(out)  # ... and nothing in the output
    groups = {k.split(":", 1)[0] for k in after if ":" in k}
    assert groups <= {"ExifTool", "System", "File", "JFIF", "Composite"}, groups
    for key in after:
        if key.startswith(("ExifTool:", "System:")):  # the tool itself, and the file system's attributes
            continue
        for bad in ("GPS", "Exif", "XMP", "ICC", "IFD", "Comment", "Make", "Model", "Software", "Date"):
            assert bad.lower() not in key.lower(), key


# -- orientation and size ---------------------------------------------------


@pytest.mark.parametrize("orientation, size, where", [
    (1, (400, 300), "top-left"),
    (3, (400, 300), "bottom-right"),
    (6, (300, 400), "top-right"),  # rotate 90° clockwise to display
    (8, (300, 400), "bottom-left"),  # rotate 90° counter-clockwise
])
def test_orientation_is_applied(orientation, size, where):
    p = process(tagged_jpeg((400, 300), orientation))
    out = open_photo(p)
    assert out.size == size == (p.width, p.height)
    w, h = size
    x = 5 if "left" in where else w - 6
    y = 5 if "top" in where else h - 6
    assert close(corner_colour(out, x, y), RED), (where, corner_colour(out, x, y))
    assert close(corner_colour(out, w // 2, h // 2), (128, 128, 128))
    assert_clean(p.data)


def test_large_rotated_jpeg_is_downscaled_upright_via_draft(monkeypatch):
    calls = []
    real = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        result = real(self, mode, size)
        calls.append((self.size, size))
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    p = process(jpeg(marked((4000, 3000)), exif=tell_tale_exif(6)), max_side=1600)
    assert (p.width, p.height) == (1200, 1600)
    # draft got the target in the *stored* (landscape) orientation and decoded at 1/2 scale
    assert calls == [((2000, 1500), (1600, 1200))]
    out = open_photo(p)
    assert close(corner_colour(out, 1190, 10), RED)


@pytest.mark.parametrize("size, max_side, expected", [
    ((3000, 2000), 1600, (1600, 1067)),
    ((2000, 3000), 1600, (1067, 1600)),
    ((1000, 1000), 300, (300, 300)),
    ((5000, 40), 1000, (1000, 8)),
])
def test_downscaled_to_max_side_keeping_aspect_ratio(size, max_side, expected):
    p = process(jpeg(photo_like(size)), max_side=max_side)
    assert (p.width, p.height) == expected
    assert open_photo(p).size == expected


def test_small_images_are_not_upscaled():
    p = process(jpeg(marked((120, 80))))
    assert (p.width, p.height) == (120, 80)


def test_png_is_downscaled_too():
    buf = io.BytesIO()
    photo_like((2400, 1200)).save(buf, "PNG")
    p = process(buf.getvalue(), max_side=800)
    assert (p.width, p.height) == (800, 400)


def test_thumbnail_and_determinism():
    data = tagged_jpeg((800, 600), orientation=6)
    p = process(data)
    assert p == process(data), "same input, same bytes (photos are stored by hash)"
    thumb = Image.open(io.BytesIO(p.thumbnail(100)))
    assert thumb.size == (75, 100)
    assert_clean(p.thumbnail(100))


# -- refusals ---------------------------------------------------------------


def refused(source, code: str, **kw) -> PhotoError:
    with pytest.raises(PhotoError) as info:
        process(source, **kw)
    e = info.value
    assert e.code == code, (e.code, e.message_en)
    assert e.message_nl and e.message_en and e.message_nl != e.message_en
    assert e.message("nl") == e.message_nl and e.message("en") == e.message_en == str(e)
    return e


@pytest.mark.parametrize("make", [
    lambda: png_with_declared_size(100_000, 100_000),  # 10 gigapixels: Pillow's own limit
    lambda: jpeg_with_declared_size(65_000, 65_000),  # 4.2 gigapixels
    lambda: png_with_declared_size(12_000, 10_000),  # 120 MP: over our PNG limit, under Pillow's
])
def test_decompression_bombs_are_refused_without_decoding(make):
    data = make()
    assert len(data) < 2000
    start = time.perf_counter()
    e = refused(data, "too_many_pixels")
    assert time.perf_counter() - start < 0.5
    assert "te groot om veilig te openen" in e.message_nl and "megapixel" in e.message_nl


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_jpeg_just_over_our_limit_is_refused():
    refused(jpeg_with_declared_size(20_000, 10_001), "too_many_pixels")


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_bomb_warning_turned_into_an_error_is_still_a_photo_error():
    refused(jpeg_with_declared_size(20_000, 10_001), "too_many_pixels")


def test_a_180_megapixel_jpeg_is_accepted_and_decoded_small():
    # Pillow's default limit (~179 MP) would refuse it; ours accepts it. The
    # patched file ends in a proper EOI, so libjpeg fills the missing rows
    # instead of failing; thanks to draft() only 1/8 of it is decoded.
    start = time.perf_counter()
    p = process(jpeg_with_declared_size(15_000, 12_000))
    assert (p.width, p.height) == (1600, 1280)
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("size", [(300, 200), (3000, 2000)])
def test_truncated_jpeg(size):
    data = jpeg(photo_like(size))
    e = refused(data[: len(data) // 2], "damaged")
    assert "beschadigd of onvolledig" in e.message_nl


def test_text_file_renamed_to_jpg(tmp_path):
    f = tmp_path / "foto.jpg"
    f.write_text("Dit is geen foto.\n")
    e = refused(f, "unsupported")
    assert e.message_nl == "Dit bestand is geen foto die arbocheck kan lezen (JPEG of PNG)."


@pytest.mark.parametrize("fmt", ["GIF", "TIFF", "BMP", "WEBP"])
def test_other_image_formats_are_unsupported(fmt):
    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buf, fmt)
    refused(buf.getvalue(), "unsupported")


def test_empty_input():
    refused(b"", "unsupported")


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path):
    big = tmp_path / "huge.jpg"
    with big.open("wb") as f:  # sparse: costs no disk space
        f.truncate(photos.MAX_FILE_BYTES + 1)
    e = refused(big, "file_too_large")
    assert "te groot" in e.message_nl and "50 MB" in e.message_nl
    refused(b"\xff\xd8" + bytes(photos.MAX_FILE_BYTES), "file_too_large")


def test_missing_file_and_directory(tmp_path):
    refused(tmp_path / "nope.jpg", "unreadable")
    refused(tmp_path, "unreadable")


def test_heic_without_pillow_heif_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # makes `import pillow_heif` fail
    monkeypatch.delitem(Image.OPEN, "HEIF", raising=False)
    heic = struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic" + bytes(64)
    e = refused(heic, "heic_needs_extra")
    assert "arbocheck[heic]" in e.message_nl and "arbocheck[heic]" in e.message_en
    assert "HEIC" in e.message_nl


def test_bad_arguments_are_programming_errors():
    with pytest.raises(ValueError):
        process(jpeg(marked((10, 10))), max_side=0)


# -- properties -------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(w=st.integers(1, 1800), h=st.integers(1, 1800), orientation=st.integers(1, 8),
       max_side=st.integers(16, 1000))
def test_any_size_and_orientation_fits_and_is_clean(w, h, orientation, max_side):
    p = process(jpeg(marked((w, h)), exif=tell_tale_exif(orientation)), max_side=max_side)
    dw, dh = (h, w) if orientation >= 5 else (w, h)  # display orientation
    assert max(p.width, p.height) <= max_side
    assert max(p.width, p.height) == min(max(dw, dh), max_side)
    # aspect ratio kept (within rounding) and the right way round
    assert (p.width >= p.height) == (dw >= dh) or abs(p.width - p.height) <= 1
    assert_clean(p.data)


def _valid_samples() -> list[bytes]:
    buf = io.BytesIO()
    photo_like((90, 60)).save(buf, "PNG")
    return [jpeg(photo_like((90, 60)), exif=tell_tale_exif(6)), buf.getvalue()]


SAMPLES = _valid_samples()


@settings(max_examples=150, deadline=None)
@given(which=st.sampled_from(range(len(SAMPLES))), cut=st.floats(0, 1), pos=st.floats(0, 1),
       junk=st.binary(min_size=1, max_size=8))
def test_damaged_files_give_a_photo_or_a_photo_error_never_another_exception(which, cut, pos, junk):
    data = SAMPLES[which]
    damaged = bytearray(data[: int(len(data) * cut)])
    at = int(len(damaged) * pos)
    damaged[at:at + len(junk)] = junk
    try:
        p = process(bytes(damaged), max_side=64)
    except PhotoError:
        return
    assert_clean(p.data)


# -- a byte budget (the expert-only photos in the sealed part) ----------------------------------

def _noise_jpeg(size=(2400, 1800)) -> bytes:
    im = Image.merge("RGB", [Image.effect_noise(size, 80 + 10 * i) for i in range(3)])
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=95, exif=tell_tale_exif(6))
    return buf.getvalue()


def test_within_fits_a_budget_as_large_as_it_can_and_clean():
    src = _noise_jpeg()
    sides = {}
    for budget in (48 * 1024, 192 * 1024):
        assert len(photos.process(src).data) > budget  # the normal pipeline would not fit
        p = photos.within(src, budget)
        assert len(p.data) <= budget and p.sha256 == hashlib.sha256(p.data).hexdigest()
        im = Image.open(io.BytesIO(p.data))
        assert im.size == (p.width, p.height) and p.height > p.width  # turned upright (orientation 6)
        assert not im.getexif() and not {"exif", "icc_profile", "xmp", "comment"} & set(im.info)
        sides[budget] = max(p.width, p.height)
    # pure noise is the worst case for JPEG; a larger budget still keeps a larger photo
    assert sides[192 * 1024] > sides[48 * 1024] and sides[192 * 1024] in {s for s, _ in photos.BUDGET_STEPS}


def test_within_keeps_a_photo_that_fits_at_full_size():
    p = photos.within(tagged_jpeg((1200, 900)), 192 * 1024)
    assert (p.width, p.height) == (1200, 900)


def test_within_refuses_what_process_refuses():
    with pytest.raises(PhotoError):
        photos.within(b"not a photo", 192 * 1024)
    with pytest.raises(ValueError):
        photos.within(tagged_jpeg((100, 100)), 1000)
