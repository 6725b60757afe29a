"""OCR only where it can matter: plain photos skip Tesseract, text is still read, and an
entry's pictures are read together on one pool."""

from __future__ import annotations

import io
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PIL import Image, ImageDraw

from bot.demo.picture import picture_jpeg
from bot.entries.documents import InputFile, check_entry
from bot.entries.documents import image as image_module
from bot.entries.documents.findings import CHECK_IMAGES
from bot.entries.documents.image import OCR_MAX_SIDE, ocr_available, ocr_text, ocr_words
from bot.entries.documents.textlike import likely_text
from tests.backlog import _photo
from tests.documents.docfactory import build_entry, docx_text, make_pdf, picture
from tests.documents.photos import caption_font, captioned_photo, photo, poster, slide

T = TypeVar("T")
requires_ocr = pytest.mark.skipif(not ocr_available(), reason="tesseract with Swedish is missing")
BODY = "Presentationstext:\nFörskolan Solrosen i Bagarmossen.\n"


class CountingPool(ThreadPoolExecutor):
    """A real two-thread pool that remembers what it was given."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.tasks: list[tuple[Any, ...]] = []

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        self.tasks.append(args)
        return super().submit(fn, *args, **kwargs)


def test_photos_without_text_are_not_given_to_tesseract(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[bytes] = []
    monkeypatch.setattr(image_module, "run_tesseract", lambda png, _t: calls.append(png) or "")
    plain = [photo(seed) for seed in range(6)] + [_photo(1), picture_jpeg(), picture()]
    assert [likely_text(data) for data in plain] == [False] * len(plain)
    assert [ocr_words(data) for data in plain] == [0] * len(plain)
    assert calls == []
    # The same scene with a caption on it is handed over.
    ocr_words(captioned_photo(2))
    assert len(calls) == 1


def test_pictures_with_text_pass_the_pre_check() -> None:
    texty = [
        slide(),
        slide(lines=2, width=640, height=400),
        captioned_photo(1),
        poster(3),
        picture(960, 600, "PNG", text="Välkommen till förskolan\nVåra värdeord och mål"),
    ]
    assert [likely_text(data) for data in texty] == [True] * len(texty)


def test_an_unreadable_picture_is_left_to_ocr_to_judge() -> None:
    assert likely_text(b"not a picture at all")


def test_large_pictures_go_to_tesseract_scaled_down(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[tuple[int, int]] = []

    def fake(png: bytes, _timeout: float) -> str:
        sizes.append(Image.open(io.BytesIO(png)).size)
        return ""

    monkeypatch.setattr(image_module, "run_tesseract", fake)
    ocr_text(poster(4, 3000, 2000))
    assert len(sizes) == 1 and max(sizes[0]) == OCR_MAX_SIDE


@requires_ocr
def test_text_is_still_read_at_the_smaller_size() -> None:
    assert "Solrosen" in ocr_text(captioned_photo(5))
    assert ocr_words(slide()) >= 15
    assert ocr_words(poster(6, 3000, 2000)) >= 15


def _entry_with_pictures(images: list[bytes], picture_data: bytes) -> list[InputFile]:
    word = build_entry(images=images)
    return [
        InputFile("bidrag.docx", "", word),
        InputFile("bidrag.pdf", "", make_pdf(docx_text(word))),
        InputFile("bild.jpg", "image/jpeg", picture_data),
    ]


@requires_ocr
def test_an_entrys_pictures_are_read_together_on_the_pool() -> None:
    files = _entry_with_pictures([photo(7), slide(), photo(8)], photo(9))
    pool = CountingPool()
    with pool:
        result = check_entry(files, BODY, ocr=True, ocr_pool=pool)
    # The three images in the document and the picture: four readings, one pool.
    assert len(pool.tasks) == 4
    texty = [f for f in result.findings if f.code == "text-in-image"]
    # One finding, for the document's images, naming one image (the slide): no photo.
    assert [f.check for f in texty] == [CHECK_IMAGES]
    assert "1 bild(er)" in texty[0].message


def test_a_picture_of_the_wrong_size_is_not_read() -> None:
    files = _entry_with_pictures([], photo(10, 1600, 1000))
    pool = CountingPool()
    with pool:
        result = check_entry(files, BODY, ocr=True, ocr_pool=pool)
    assert pool.tasks == []
    assert "picture-size" in result.codes()


REAL_PHOTOS = sorted((Path(__file__).parent / "realphotos").glob("*.jpg"))


def _as_sent(path: Path, caption: str | None = None) -> bytes:
    """A real photograph at the award's 1920×1200, optionally with a caption laid on it."""
    image = Image.open(path).convert("RGB").resize((1920, 1200))
    if caption:
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 1000, 1920, 1140), fill=(30, 30, 30))
        draw.text((60, 1020), caption, fill="white", font=caption_font(90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


@pytest.mark.parametrize("path", REAL_PHOTOS, ids=lambda p: p.stem)
def test_real_photographs_skip_tesseract_until_a_caption_is_laid_on_them(path: Path) -> None:
    # Drawn scenes are what the pre-check was built on; these are real photographs (cat,
    # coffee, rocket launch, portrait; licences in realphotos/LICENSES.md).
    assert likely_text(_as_sent(path)) is False
    assert likely_text(_as_sent(path, "Välkommen till förskolan Solrosen")) is True
