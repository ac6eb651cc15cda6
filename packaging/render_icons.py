"""Render assets/icons/arbocheck.svg to the sizes each platform needs (PNG, .ico, .icns).

Run: python packaging/render_icons.py   (re-run after changing the SVG)
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ICONS = Path(__file__).resolve().parents[1] / "assets" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICONS / "arbocheck.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data)


def main() -> int:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    pngs = {}
    for size in SIZES:
        pngs[size] = render(size)
        (ICONS / f"arbocheck-{size}.png").write_bytes(pngs[size])
    big = Image.open(io.BytesIO(pngs[256]))
    big.save(ICONS / "arbocheck.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    Image.open(io.BytesIO(pngs[512])).save(ICONS / "arbocheck.icns")
    print(f"wrote {len(SIZES)} PNGs, arbocheck.ico and arbocheck.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
