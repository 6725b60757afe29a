"""Picture checks: the presentation picture and images inside the written entry.

A picture that fails is only a warning: the city then picks one from its media
bank. Images in the entry may illustrate but must not carry blocks of text, which
only OCR can see; without Tesseract the check is reported as skipped.
"""

from __future__ import annotations

from bot.entries.documents.analysis import AnalysedFile
from bot.entries.documents.docx import DocxInfo
from bot.entries.documents.filetype import Kind
from bot.entries.documents.findings import (
    CHECK_IMAGES,
    CHECK_PICTURE,
    Finding,
    info,
    warning,
)
from bot.entries.documents.image import REQUIRED_SIZE, PictureInfo, inspect_picture, ocr_words
from bot.entries.documents.model import Limits, Report

_MEDIA_BANK = (
    "Skicka gärna en ny bild; annars väljer staden en bild från stadens mediabank. "
    "Alla som kan identifieras på bilden ska ha gett sitt samtycke till att den "
    "används."
)


def check_document_images(docx: DocxInfo, limits: Limits, ocr: bool, report: Report) -> None:
    """Flag embedded images with substantial text (for the staff), or say OCR was skipped."""
    if not docx.images:
        return
    report.ran(CHECK_IMAGES)
    if not ocr:
        report.add(
            info(
                "ocr-skipped",
                CHECK_IMAGES,
                f"Dokumentet har {len(docx.images)} bilder. Kontrollen av text i bilder hoppades "
                "över (textigenkänning finns inte installerad); granska bilderna manuellt.",
            )
        )
        return
    texty = [
        image.name
        for image in docx.images[: limits.max_ocr_images]
        if ocr_words(image.data, limits.max_pixels) >= limits.ocr_words_in_document_image
    ]
    if texty:
        report.add(
            warning(
                "text-in-image",
                CHECK_IMAGES,
                f"{len(texty)} bild(er) i bidraget verkar innehålla textstycken ("
                + ", ".join(texty)
                + "). Bilder får illustrera men inte innehålla text som "
                "ersätter svar. Skriv texten i dokumentet i stället.",
            )
        )


def check_picture(pictures: list[AnalysedFile], limits: Limits, ocr: bool, report: Report) -> None:
    report.ran(CHECK_PICTURE)
    if not pictures:
        report.add(
            warning(
                "picture-missing",
                CHECK_PICTURE,
                "Vi hittade ingen bild på verksamheten. Bilden ska vara i liggande format, "
                f"1920×1200 pixlar, utan pålagd text (JPEG eller PNG). {_MEDIA_BANK}",
            )
        )
        return
    results = [(p, _picture_findings(p, limits)) for p in pictures]
    # One good picture is enough; otherwise report the problems of the first one.
    chosen, findings = next(((p, f) for p, f in results if not f), results[0])
    report.extend(findings)
    if not findings and ocr and _has_text(chosen, limits):
        report.add(
            warning(
                "text-in-image",
                CHECK_PICTURE,
                f"Bilden {chosen.name} verkar ha pålagd text, vilket inte är tillåtet. "
                f"{_MEDIA_BANK}",
                chosen.name,
            )
        )


def _has_text(picture: AnalysedFile, limits: Limits) -> bool:
    return ocr_words(picture.source.data, limits.max_pixels) >= limits.ocr_words_on_picture


def _picture_findings(picture: AnalysedFile, limits: Limits) -> list[Finding]:
    name = picture.name
    if picture.kind is Kind.HEIC:
        return [
            warning(
                "picture-format",
                CHECK_PICTURE,
                f"Bilden {name} är i formatet HEIC (från iPhone) och ska vara JPEG eller PNG, "
                f"1920×1200 pixlar i liggande format. {_MEDIA_BANK}",
                name,
            )
        ]
    result = inspect_picture(picture.source.data, limits.max_pixels)
    if result.fault is not None:
        return [_fault_finding(name, result)]
    return _size_findings(name, result)


def _fault_finding(name: str, result: PictureInfo) -> Finding:
    if result.fault == "too-large":
        return warning(
            "picture-size",
            CHECK_PICTURE,
            f"Bilden {name} är för stor för att kontrolleras ({result.detail}); den ska vara "
            f"1920×1200 pixlar. {_MEDIA_BANK}",
            name,
        )
    return warning(
        "picture-format",
        CHECK_PICTURE,
        f"Bilden {name} kan inte läsas (skadad eller okänt format); den ska vara JPEG eller "
        f"PNG, 1920×1200 pixlar. {_MEDIA_BANK}",
        name,
    )


def _size_findings(name: str, result: PictureInfo) -> list[Finding]:
    size = f"{result.width}×{result.height}"
    if result.height > result.width:
        return [
            warning(
                "picture-orientation",
                CHECK_PICTURE,
                f"Bilden {name} är i stående format ({size} pixlar); den ska vara i liggande "
                f"format, 1920×1200 pixlar. {_MEDIA_BANK}",
                name,
            )
        ]
    if (result.width, result.height) != REQUIRED_SIZE:
        return [
            warning(
                "picture-size",
                CHECK_PICTURE,
                f"Bilden {name} är {size} pixlar; den ska vara exakt 1920×1200. {_MEDIA_BANK}",
                name,
            )
        ]
    return []
