"""Photo-like pictures without text, and pictures with text drawn in a real font.

The photos are what a unit sends as its picture or puts in its entry: a sky that
lightens towards the horizon, ground with a coarse texture, buildings, trees and
people as soft shapes, a little blur and sensor noise, saved as JPEG. The pictures
with text are a slide, a caption laid on a photo and a poster, drawn with DejaVu Sans
(it has å, ä and ö) so that Tesseract really reads them.
"""

from __future__ import annotations

import io
import random
from functools import cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

LINES = (
    "Våra mål för året",
    "Trygghet och lärande för alla barn",
    "Uppföljning varje månad med personalen",
    "Analys av resultaten i arbetslaget",
    "Förbättringar som vi genomför tillsammans",
    "Utvärdering av verksamheten i december",
)


def caption_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _jpeg(image: Image.Image, quality: int = 88) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def photo_image(seed: int, width: int = 1920, height: int = 1200) -> Image.Image:
    """A drawn outdoor scene with noise and blur, as a camera would give it."""
    rng = random.Random(seed)
    horizon = int(height * rng.uniform(0.45, 0.7))
    sky = (rng.randint(90, 150), rng.randint(150, 200), rng.randint(200, 240))
    ground = (rng.randint(60, 110), rng.randint(110, 170), rng.randint(50, 90))
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.composite(
        Image.new("RGB", (width, height), (245, 245, 250)),
        Image.new("RGB", (width, height), sky),
        gradient,
    )
    # Ground: a coarse random texture (grass, gravel) upscaled into soft blobs.
    texture = Image.frombytes(
        "L", (width // 24, height // 24), rng.randbytes(width * height // 576)
    )
    texture = texture.resize((width, height), Image.Resampling.BICUBIC)
    ground_layer = Image.merge(
        "RGB", [texture.point(lambda v, c=c: int(c * (0.7 + 0.6 * v / 255))) for c in ground]
    )
    mask = Image.new("L", (width, height), 0)
    ImageDraw.Draw(mask).rectangle((0, horizon, width, height), fill=255)
    image.paste(ground_layer, (0, 0), mask)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(1, 3)):  # buildings
        x, w, h = rng.randint(0, width - 300), rng.randint(250, 600), rng.randint(150, 400)
        colour = (rng.randint(150, 230), rng.randint(90, 160), rng.randint(60, 120))
        draw.rectangle((x, horizon - h, x + w, horizon + 20), fill=colour)
    for _ in range(rng.randint(3, 8)):  # trees
        x, size = rng.randint(0, width), rng.randint(80, 220)
        draw.rectangle((x - 12, horizon - size, x + 12, horizon + 30), fill=(100, 75, 50))
        leaf = (rng.randint(20, 70), rng.randint(90, 150), rng.randint(30, 80))
        draw.ellipse((x - size, horizon - 2 * size, x + size, horizon - size // 3), fill=leaf)
    for _ in range(rng.randint(2, 10)):  # people
        x, y = rng.randint(0, width - 60), rng.randint(horizon + 40, height - 160)
        draw.ellipse((x, y, x + 44, y + 44), fill=(240, 200, 170))
        colour = (rng.randint(40, 240), rng.randint(40, 240), rng.randint(40, 240))
        draw.rounded_rectangle((x - 8, y + 44, x + 52, y + 150), radius=12, fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(1.0, 2.5)))
    noise = Image.effect_noise((width, height), rng.uniform(6, 14)).convert("RGB")
    return Image.blend(image, noise, 0.06)


@cache
def photo(seed: int, width: int = 1920, height: int = 1200) -> bytes:
    """A photo-like JPEG without any text."""
    return _jpeg(photo_image(seed, width, height))


@cache
def slide(lines: int = 5, width: int = 1200, height: int = 750) -> bytes:
    """A slide pasted into the entry as a picture: a title and lines of text (PNG)."""
    image = Image.new("RGB", (width, height), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.text((50, 40), LINES[0], fill=(20, 40, 90), font=caption_font(height // 12))
    for row, line in enumerate(LINES[1 : 1 + lines]):
        draw.text(
            (70, 150 + row * height // 9),
            "• " + line,
            fill="black",
            font=caption_font(height // 20),
        )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@cache
def captioned_photo(seed: int, caption: str = "Välkommen till förskolan Solrosen") -> bytes:
    """A 1920×1200 photo with a caption laid on it in white on a dark band."""
    image = photo_image(seed)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 1000, 1920, 1140), fill=(30, 30, 30))
    draw.text((60, 1020), caption, fill="white", font=caption_font(90))
    return _jpeg(image)


@cache
def poster(seed: int, width: int = 1400, height: int = 1000) -> bytes:
    """A photographed poster: a photo around a light sheet carrying lines of text."""
    image = photo_image(seed, width, height)
    sheet = Image.new("RGB", (width - 300, height - 300), (236, 232, 220))
    draw = ImageDraw.Draw(sheet)
    for row, line in enumerate(LINES):
        draw.text((40, 40 + row * 110), line, fill=(30, 30, 30), font=caption_font(56))
    image.paste(sheet.rotate(1.5, expand=False, fillcolor=(236, 232, 220)), (150, 150))
    return _jpeg(image.filter(ImageFilter.GaussianBlur(0.6)))
