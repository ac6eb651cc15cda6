"""The photo pipeline: any photo in, a small, clean JPEG out (DESIGN.md §4 rule 4).

Photos end up in a PDF that the employer keeps, so what leaves this module
carries no metadata at all: no EXIF (GPS, camera, date), no XMP, no ICC
profile, no comment. Pixels are turned upright first (EXIF orientation),
colours are converted to sRGB before the profile is dropped, transparency is
flattened onto white, and the long side is brought down to `max_side`.

Every input is treated as hostile: the file size is capped before parsing,
the pixel count is checked from the header before decoding (decompression
bombs), and every failure becomes a `PhotoError` with a plain-language
message in Dutch and English, never another exception type.

`within` fits a photo into a byte budget (stepping quality, then size down):
the arbo expert's photos travel in the sealed part, where each has a fixed
budget so that their sizes tell nothing (see `sealed_size`).

HEIC/HEIF (iPhone) is read only when the optional extra `arbocheck[heic]`
(pillow-heif, GPL wheels, DESIGN.md §7) is installed.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, ImageOps

from arbocheck.core.common.errors import Refusal

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Larger files are refused before any parsing."""

MAX_PIXELS = 200_000_000
"""JPEGs up to this many pixels are accepted (200 MP phone photos exist). They
are decoded at reduced size through `Image.draft`, so memory stays small."""

MAX_PIXELS_FULL_DECODE = 100_000_000
"""PNG and HEIC have no reduced decoding: every pixel is decoded (100 MP RGBA is
400 MB), so their limit is lower."""

DEFAULT_MAX_SIDE = 1600
DEFAULT_QUALITY = 85

SUPPORTED_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".heic", ".heif")
"""Offered in the file dialog. HEIC is listed even without the extra, so that
the user gets the message that explains how to read it."""

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}

# Pillow's own bomb check runs inside Image.open: it warns above
# MAX_IMAGE_PIXELS and refuses above twice that. Its default (~89 MP) would
# warn on a 108 MP photo and refuse a 200 MP one, so it is raised (never
# lowered) deliberately here; our own, exact limits are checked in `_open`.
if Image.MAX_IMAGE_PIXELS is not None and Image.MAX_IMAGE_PIXELS < MAX_PIXELS:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class PhotoError(Refusal, ValueError):
    """A photo that cannot be used: a key photo.refused.<code> (arbocheck/texts) and its values."""

    @property
    def code(self) -> str:
        """unreadable | unsupported | damaged | file_too_large | too_many_pixels | heic_needs_extra"""
        return self.key.split(".")[2]

    def message(self, lang: str = "nl") -> str:
        return self.text(lang)

    @property
    def message_nl(self) -> str:
        return self.text("nl")

    @property
    def message_en(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Photo:
    """A processed photo: a fresh baseline JPEG without any metadata."""

    data: bytes
    width: int
    height: int
    sha256: str  # hex digest of `data`

    def thumbnail(self, max_side: int = 256) -> bytes:
        """A smaller JPEG of the same photo, just as clean."""
        return process(self.data, max_side=max_side).data


def process(source: bytes | bytearray | str | os.PathLike, *, max_side: int = DEFAULT_MAX_SIDE,
            quality: int = DEFAULT_QUALITY) -> Photo:
    """Read a photo (file path or bytes) and return it upright, downscaled and clean.

    The long side of the result is at most `max_side`; smaller photos keep
    their size. Raises `PhotoError` for anything that is not a usable photo.
    """
    if max_side < 1 or not 1 <= quality <= 100:
        raise ValueError("max_side must be >= 1 and quality 1..100")
    data = _read(source)
    try:
        im = _decode(_open(data), max_side)
        im = _to_rgb(im)
        im = _fit(im, max_side)
        im = _to_srgb(im)
        jpeg = _encode(im, quality)
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise _too_many_pixels(None) from e
    except MemoryError as e:
        raise _too_many_pixels(None) from e
    except Exception as e:  # truncated or corrupt data: OSError, SyntaxError, struct.error, ...
        raise PhotoError("photo.refused.damaged") from e
    return Photo(jpeg, im.width, im.height, hashlib.sha256(jpeg).hexdigest())


BUDGET_STEPS = ((1600, 85), (1600, 75), (1600, 65), (1280, 70), (1024, 70), (800, 65), (640, 60))
"""(long side, JPEG quality) tried in turn by `within` until the photo fits; below the
last step the long side is halved (down to 32 px) until it does."""


def within(source: bytes | bytearray | str | os.PathLike, max_bytes: int) -> Photo:
    """The photo as a clean JPEG of at most `max_bytes` bytes, as large and sharp as fits.

    Decoded once, then encoded at each of `BUDGET_STEPS` until it fits. Raises
    `PhotoError` like `process`.
    """
    if max_bytes < 16 * 1024:
        raise ValueError("a photo budget under 16 KiB holds no useful photo")
    data = _read(source)
    first_side = BUDGET_STEPS[0][0]
    try:
        im = _to_srgb(_fit(_to_rgb(_decode(_open(data), first_side)), first_side))
        steps = list(BUDGET_STEPS)
        side = steps[-1][0]
        while side > 32:
            side //= 2
            steps.append((side, steps[-1][1]))
        for side, quality in steps:
            small = _fit(im, side)
            jpeg = _encode(small, quality)
            if len(jpeg) <= max_bytes:
                return Photo(jpeg, small.width, small.height, hashlib.sha256(jpeg).hexdigest())
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, MemoryError) as e:
        raise _too_many_pixels(None) from e
    except Exception as e:
        raise PhotoError("photo.refused.damaged") from e
    raise AssertionError("a 32 px JPEG is smaller than any budget within() accepts")  # pragma: no cover


# -- steps -------------------------------------------------------------------


def _read(source: bytes | bytearray | str | os.PathLike) -> bytes:
    """The file's bytes, refusing oversized files before reading them whole."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        try:
            path = Path(source)
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):
                raise IsADirectoryError(str(path))
            if st.st_size > MAX_FILE_BYTES:
                raise _file_too_large(st.st_size)
            with path.open("rb") as f:
                data = f.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat()
        except PhotoError:
            raise
        except (OSError, TypeError, ValueError) as e:
            raise PhotoError("photo.refused.unreadable") from e
    if len(data) > MAX_FILE_BYTES:
        raise _file_too_large(len(data))
    return data


def _open(data: bytes) -> ImageFile.ImageFile:
    """Identify the image from its header (nothing decoded yet) and check its size."""
    formats = ["JPEG", "PNG"]
    if _is_heif(data):
        if not _register_heif():
            raise PhotoError("photo.refused.heic_needs_extra")
        formats = ["HEIF"]
    try:
        im = Image.open(io.BytesIO(data), formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise _too_many_pixels(None) from e
    except Exception as e:
        raise PhotoError("photo.refused.unsupported") from e
    limit = MAX_PIXELS if im.format in ("JPEG", "MPO") else MAX_PIXELS_FULL_DECODE
    w, h = im.size
    if w * h > limit:
        im.close()
        raise _too_many_pixels((w, h), limit)
    return im


def _decode(im: ImageFile.ImageFile, max_side: int) -> Image.Image:
    """Decode the pixels (JPEG at reduced size when possible) and turn them upright."""
    w, h = im.size
    if im.format in ("JPEG", "MPO") and max(w, h) > max_side:
        # draft() picks a DCT scale (1/2, 1/4, 1/8) that still covers the
        # requested size. The target is computed from the *stored* size, which
        # is what draft() needs: a target computed after EXIF rotation would
        # have to be swapped for orientations 5-8.
        im.draft("RGB", _fitted((w, h), max_side))
    im.load()
    ImageOps.exif_transpose(im, in_place=True)  # in place: no copy of a large PNG
    return im


def _to_rgb(im: Image.Image) -> Image.Image:
    """RGB pixels; transparency is flattened onto white."""
    if im.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N"):  # 16-bit grey: scale, don't clip to white
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if "transparency" in im.info or im.mode in ("RGBA", "LA", "La", "RGBa", "PA"):
        rgba = im.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        white.info = dict(im.info)  # keep icc_profile for _to_srgb; dropped in _encode
        return white.convert("RGB")
    return im if im.mode == "RGB" else im.convert("RGB")


def _fit(im: Image.Image, max_side: int) -> Image.Image:
    """Downscale so the long side is at most `max_side`; never upscale."""
    size = _fitted(im.size, max_side)
    if size == im.size:
        return im
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _to_srgb(im: Image.Image) -> Image.Image:
    """Convert from an embedded RGB colour profile to sRGB, so that dropping the
    profile keeps the colours (iPhones embed Display P3). A broken profile is ignored."""
    icc = im.info.get("icc_profile")
    if not icc:
        return im
    try:
        from PIL import ImageCms

        src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if src.profile.xcolor_space.strip() != "RGB":
            return im
        return ImageCms.profileToProfile(im, src, ImageCms.createProfile("sRGB"), outputMode="RGB") or im
    except Exception:
        return im


def _encode(im: Image.Image, quality: int) -> bytes:
    """A fresh baseline JPEG from the pixels alone.

    Copying into a new image leaves `info` behind: Pillow's JPEG writer would
    otherwise carry over `info["comment"]` on its own, and exif/icc/xmp only
    ever get in when passed, which is never done here.
    """
    clean = Image.new("RGB", im.size)
    clean.paste(im)
    buf = io.BytesIO()
    clean.save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()


# -- helpers -----------------------------------------------------------------


def _fitted(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    w, h = size
    if max(w, h) <= max_side:
        return w, h
    f = max_side / max(w, h)
    return max(1, min(max_side, round(w * f))), max(1, min(max_side, round(h * f)))


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def _register_heif() -> bool:
    """Register pillow-heif's opener with Pillow, once; False when not installed."""
    if "HEIF" in Image.OPEN:
        return True
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return "HEIF" in Image.OPEN


def _file_too_large(size: int) -> PhotoError:
    mb, limit = size / 1024 / 1024, MAX_FILE_BYTES // 1024 // 1024
    return PhotoError("photo.refused.file_too_large", mb=f"{mb:.0f}", limit=limit)


def _too_many_pixels(size: tuple[int, int] | None, limit: int = MAX_PIXELS) -> PhotoError:
    mp = limit // 1_000_000
    if size is None:
        return PhotoError("photo.refused.too_many_pixels", mp=mp)
    return PhotoError("photo.refused.too_many_pixels.sized", mp=mp, width=size[0], height=size[1])
