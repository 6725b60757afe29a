"""The demo entry's picture: a drawn 1920x1200 landscape JPEG without text."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw


@cache
def picture_jpeg() -> bytes:
    """A drawn landscape scene, 1920x1200 JPEG, with no text on it."""
    width, height, sky = 1920, 1200, (120, 180, 230)
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    horizon = 780
    for row in range(horizon):  # a sky that lightens towards the horizon
        mix = row / horizon
        colour = tuple(int(c + (250 - c) * mix * 0.6) for c in sky)
        draw.line([(0, row), (width, row)], fill=colour)
    draw.ellipse((1560, 110, 1760, 310), fill=(255, 214, 90))
    draw.rectangle((0, horizon, width, height), fill=(96, 160, 72))
    draw.polygon([(0, horizon), (520, 600), (1100, horizon)], fill=(80, 140, 70))
    # The preschool building with a red roof and windows.
    draw.rectangle((260, 560, 900, 860), fill=(214, 120, 70))
    draw.polygon([(230, 560), (580, 380), (930, 560)], fill=(150, 40, 40))
    for x in (320, 520, 720):
        draw.rectangle((x, 620, x + 120, 720), fill=(235, 240, 250))
    draw.rectangle((540, 760, 640, 860), fill=(90, 60, 40))
    for x, size in ((1150, 160), (1400, 200), (1700, 150)):  # trees
        draw.rectangle((x - 18, 860 - size // 2, x + 18, 900), fill=(110, 80, 50))
        draw.ellipse((x - size, 860 - 2 * size, x + size, 880 - size // 2), fill=(40, 120, 60))
    for index, x in enumerate(range(980, 1500, 130)):  # children playing
        colour = ((230, 80, 80), (250, 200, 60), (80, 120, 220), (200, 90, 200))[index % 4]
        draw.ellipse((x, 900, x + 50, 950), fill=(245, 205, 170))
        draw.rectangle((x - 5, 950, x + 55, 1050), fill=colour)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()
