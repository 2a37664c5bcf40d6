"""QR codes of check-in links, as SVG for pages and PNG for e-mails (made locally by segno)."""

from __future__ import annotations

import io

import segno


def qr_svg(content: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(content, error="m").save(buffer, kind="svg", scale=6, border=2, xmldecl=True)
    return buffer.getvalue()


def qr_png(content: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(content, error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()
