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




def signed_report(folder, name: str, key, camp=None, employee=None, code=None, scenario="laptop_only_all_day",
                  created_at=None):
    """A genuine signed report of a scenario, written as `folder/name.pdf`: for a campaign `camp`
    (with an enrolment proof when `code` is given) or without one."""
    import yaml

    from arbocheck.core.questionnaire import loader as qloader
    from arbocheck.core.report.assessment import ReportMeta
    from arbocheck.core.report.build import build
    from arbocheck.core.trust import campaign
    from locations import SCENARIOS

    q = qloader.find("thuiswerkplek")
    answers = yaml.safe_load((SCENARIOS / f"{scenario}.yaml").read_text())["answers"]
    rm = ReportMeta(signer_name=name, fingerprint="", employee_id=employee,
                    campaign_id=camp.campaign_id if camp else None, organisation=camp.organisation if camp else None)
    if created_at:
        rm.created_at = created_at
    if code:
        rm.enrolment_proof = campaign.enrolment_proof(code, camp.campaign_id, employee, key.spki_der)
    path = folder / f"{name}.pdf"
    path.write_bytes(build(q, answers, {}, key, rm, lambda i: b"", personal_copy=False).signed)
    return path
