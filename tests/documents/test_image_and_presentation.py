"""Pictures (size, orientation, bombs, OCR) and the presentation text."""

from __future__ import annotations

import pytest

from bot.entries.documents.image import inspect_picture, ocr_available, ocr_words
from bot.entries.documents.presentation import count_no_spaces, presentation_from_body
from tests.documents.docfactory import picture, png_header_only


def test_correct_picture_passes() -> None:
    result = inspect_picture(picture())
    assert (result.fault, result.width, result.height) == (None, 1920, 1200)


def test_exif_orientation_is_applied() -> None:
    stored_portrait = picture(1200, 1920, exif_orientation=6)
    result = inspect_picture(stored_portrait)
    assert (result.width, result.height) == (1920, 1200)
    turned = inspect_picture(picture(1920, 1200, exif_orientation=8))
    assert (turned.width, turned.height) == (1200, 1920)


def test_twenty_thousand_square_png_is_refused_without_decoding() -> None:
    result = inspect_picture(png_header_only(20_000, 20_000))
    assert result.fault == "too-large"


def test_truncated_jpeg_is_corrupt() -> None:
    data = picture()
    assert inspect_picture(data[: len(data) // 2]).fault == "corrupt"


def test_other_formats_are_not_pictures() -> None:
    assert inspect_picture(picture(fmt="GIF")).fault == "format"
    assert inspect_picture(b"not an image").fault == "format"


@pytest.mark.skipif(not ocr_available(), reason="tesseract with Swedish is not installed")
def test_ocr_sees_text_and_not_a_plain_photo() -> None:
    texty = picture(960, 600, "PNG", text="Välkommen till förskolan\nVåra värdeord och mål")
    assert ocr_words(texty) >= 3
    assert ocr_words(picture(960, 600)) == 0


def test_presentation_text_is_taken_from_a_marked_section_of_the_mail() -> None:
    body = (
        "Hej!\n\nHär kommer vårt bidrag.\n\nPresentationstext:\nFörskolan Solrosen är en "
        "förskola i Bagarmossen.\nHög kvalitet för oss är trygga barn.\n\nMed vänlig "
        "hälsning\nAnna"
    )
    text = presentation_from_body(body)
    assert text == (
        "Förskolan Solrosen är en förskola i Bagarmossen.\nHög kvalitet för oss är trygga barn."
    )


def test_presentation_on_the_marker_line_and_quoted_replies_stop_it() -> None:
    body = "Presentation: Vi är ett äldreboende.\n> tidigare mejl\n> mer"
    assert presentation_from_body(body) == "Vi är ett äldreboende."
    assert presentation_from_body("Hej, här är bidraget.") is None


def test_count_excludes_spaces_tabs_and_newlines() -> None:
    assert count_no_spaces("a b\tc\nd\u00a0e") == 5
