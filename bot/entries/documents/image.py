"""Check pictures: the entry's presentation picture and images inside the document.

Pillow only reads the header before we check the pixel count, and its
decompression-bomb warning is raised as an error, so a 20 000 x 20 000 PNG costs
nothing. OCR uses the Tesseract program with Swedish where it is installed; where
it is not, the caller reports the check as skipped instead of guessing.

OCR is the slow part of an entry, so it is spent only where it can matter: a picture
is scaled down to `OCR_MAX_SIDE` first, and a picture with no text-like detail (see
`likely_text`) is not given to Tesseract at all when the question is whether text is
laid on it.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, UnidentifiedImageError

from bot.entries.documents.textlike import likely_text

REQUIRED_SIZE = (1920, 1200)
DEFAULT_MAX_PIXELS = 64_000_000
_EXIF_ORIENTATION = 0x0112
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
# Tesseract reads text of ordinary size as well at 1600 px as at full size, and a
# 1920×1200 photo costs about a fifth less; text small enough to be lost here is no
# "block of text" on the picture.
OCR_MAX_SIDE = 1600


@dataclass(frozen=True)
class PictureInfo:
    fault: str | None  # None, 'too-large' (pixels), 'corrupt' or 'format'
    detail: str = ""
    width: int = 0  # as displayed, after EXIF orientation
    height: int = 0
    format: str = ""


def inspect_picture(data: bytes, max_pixels: int = DEFAULT_MAX_PIXELS) -> PictureInfo:
    """Read a JPEG or PNG safely and return its displayed size."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _inspect(data, max_pixels)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        # Pillow's own message is English and goes into a Swedish receipt: say it ourselves.
        limit = f"{max_pixels:,}".replace(",", "\u00a0")
        return PictureInfo("too-large", f"fler än {limit} pixlar")
    except UnidentifiedImageError:
        return PictureInfo("format", "okänt bildformat")
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        return PictureInfo("corrupt", str(exc))


def _inspect(data: bytes, max_pixels: int) -> PictureInfo:
    with Image.open(io.BytesIO(data)) as img:
        width, height = img.size  # header only; nothing decoded yet
        if width * height > max_pixels:
            return PictureInfo(
                "too-large", f"{width}×{height} pixlar", width, height, img.format or ""
            )
        if img.format not in ("JPEG", "PNG"):
            return PictureInfo("format", img.format or "", width, height, img.format or "")
        img.load()  # a truncated file fails here rather than later at the examiner
        if img.getexif().get(_EXIF_ORIENTATION) in _ROTATED:
            width, height = height, width
        return PictureInfo(None, "", width, height, img.format)


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """True when the tesseract program with Swedish language data is installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        done = subprocess.run(
            [binary, "--list-langs"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return b"swe" in done.stdout.split()


def ocr_words(data: bytes, max_pixels: int = DEFAULT_MAX_PIXELS, timeout: float = 30.0) -> int:
    """Count confidently recognised words of four or more letters in a picture.

    Photos give Tesseract noise; requiring confidence and real word length keeps
    "text laid on the picture" from firing on a brick wall. A picture in which
    `likely_text` sees no text has none to count, and Tesseract is not started for it.
    """
    text = _read(data, max_pixels, timeout, skip_plain=True)
    words = (w.strip(".,:;!?()\"'«»–-") for w in text.split())
    return sum(1 for w in words if len(w) >= 4 and w.isalpha())


def ocr_text(data: bytes, max_pixels: int = DEFAULT_MAX_PIXELS, timeout: float = 30.0) -> str:
    """The words Tesseract (Swedish) reads with confidence; '' when it cannot run."""
    return _read(data, max_pixels, timeout, skip_plain=False)


def _read(data: bytes, max_pixels: int, timeout: float, skip_plain: bool) -> str:
    if inspect_picture(data, max_pixels).fault is not None:
        return ""
    if skip_plain and not likely_text(data):
        return ""
    return " ".join(_confident_words(run_tesseract(_ocr_png(data), timeout)))


def run_tesseract(png: bytes, timeout: float) -> str:
    """Tesseract's TSV for one picture; '' when it fails or overruns ``timeout``."""
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "swe", "tsv"],
            input=png,
            capture_output=True,
            timeout=timeout,
            check=False,
            # Tesseract's own threads (OpenMP) cost more than they give on a picture this
            # size, on a busy machine several times more: one thread each, and an entry's
            # pictures are read in parallel instead.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.decode("utf-8", errors="replace")


def _ocr_png(data: bytes) -> bytes:
    """The picture as a PNG of at most OCR_MAX_SIDE pixels a side (checked before)."""
    with Image.open(io.BytesIO(data)) as img:
        rgb = img.convert("RGB")
    rgb.thumbnail((OCR_MAX_SIDE, OCR_MAX_SIDE))
    out = io.BytesIO()
    rgb.save(out, "PNG")
    return out.getvalue()


def _confident_words(tsv: str) -> list[str]:
    words = []
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or not cols[11].strip():
            continue
        try:
            confidence = float(cols[10])
        except ValueError:
            continue
        if confidence >= 70:
            words.append(cols[11].strip())
    return words
