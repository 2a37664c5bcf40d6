"""Simple generated pictures for the demo (drawn with Pillow; nothing comes from the internet)."""

from __future__ import annotations

import io
import random

PALETTES = [
    ("#0b4f6c", "#f2a541", "#e8f1f2"),
    ("#2a9d8f", "#e76f51", "#f4f1de"),
    ("#6d597a", "#eaac8b", "#fdf0d5"),
    ("#264653", "#e9c46a", "#eef4ed"),
]


def demo_png(seed: int, *, width: int = 640, height: int = 420) -> bytes:
    """An abstract picture (soft background, a few shapes), the same for the same seed."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)  # noqa: S311 - the same picture for the same seed
    dark, accent, light = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(image)
    for _i in range(3):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(height // 6, height // 2)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=accent if rng.random() < 0.5 else dark)
    left = rng.randrange(width // 6, width // 3)
    top = rng.randrange(height // 6, height // 3)
    draw.rounded_rectangle(
        (left, top, width - left, height - top), radius=24, outline=dark, width=8
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
