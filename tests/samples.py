"""Test images built in code (no binary fixtures): photos with everything that must not leak."""

from __future__ import annotations

import io

from PIL import Image, ImageCms

RED, GREEN, BLUE = (230, 20, 20), (20, 200, 20), (20, 20, 230)
XMP = (b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
       b"<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator>Jan Jansen"
       b"</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")


def tell_tale_exif(orientation: int = 1) -> Image.Exif:
    """Camera, date, GPS (Amsterdam) and an orientation: everything that must not leak."""
    exif = Image.Exif()
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPhone 15 Pro"  # Model
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    exif[0x0131] = "secret-editor 1.0"  # Software
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (52.0, 22.0, 12.5)  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (4.0, 53.0, 0.0)  # GPSLongitudeRef, GPSLongitude
    return exif


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def marked(size: tuple[int, int], corner: tuple[int, int, int] = RED) -> Image.Image:
    """A grey image with a coloured block in its stored top-left corner."""
    w, h = size
    im = Image.new("RGB", size, (128, 128, 128))
    im.paste(corner, (0, 0, max(1, w // 4), max(1, h // 4)))
    return im


def jpeg(im: Image.Image, **params) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, **params)
    return buf.getvalue()


def photo_like(size: tuple[int, int]) -> Image.Image:
    """Gradients with noise: compresses (and decodes) like a real photo."""
    w, h = size
    grad = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 40)
    return Image.merge("RGB", (grad, noise, grad.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def tagged_jpeg(size=(400, 300), orientation=1) -> bytes:
    return jpeg(marked(size), exif=tell_tale_exif(orientation), icc_profile=srgb_icc(), xmp=XMP,
                comment=b"home address: Keizersgracht 1")


