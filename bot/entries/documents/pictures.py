"""Picture checks: the presentation picture and images inside the written entry.

A picture that fails is only a warning: the city then picks one from its media
bank. Images in the entry may illustrate but must not carry blocks of text, which
only OCR can see; without Tesseract the check is reported as skipped.

Every picture an entry's checks will read is read first, together (`read_pictures`):
each reading is a single-threaded Tesseract process, so an entry's pictures go in
parallel, one per processor this process may use.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from itertools import repeat

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


# Confident words in each picture read, by the picture's bytes; None when OCR is off.
WordCounts = Mapping[bytes, int]


def ocr_workers() -> int:
    """How many pictures may be read at once: the processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def pictures_to_read(
    docx: DocxInfo | None, pictures: list[AnalysedFile], limits: Limits
) -> list[bytes]:
    """The pictures the checks will ask OCR about: the document's first `max_ocr_images`
    images, and the entry's picture when it is the one chosen and has the right size."""
    targets = [image.data for image in docx.images[: limits.max_ocr_images]] if docx else []
    chosen = _choose(pictures, limits)
    if chosen is not None and not chosen[1]:
        targets.append(chosen[0].source.data)
    return targets


def read_pictures(
    targets: Sequence[bytes], limits: Limits, pool: Executor | None = None
) -> dict[bytes, int]:
    """Count the confident words in each picture; in parallel on ``pool``, or on a pool
    of `ocr_workers` threads when there is more than one picture and processor."""
    unique = list(dict.fromkeys(targets))
    workers = min(len(unique), ocr_workers())
    if pool is None and workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as own:
            return read_pictures(unique, limits, own)
    if pool is None:
        return {data: ocr_words(data, limits.max_pixels) for data in unique}
    return dict(zip(unique, pool.map(ocr_words, unique, repeat(limits.max_pixels)), strict=True))


def check_document_images(
    docx: DocxInfo, limits: Limits, words: WordCounts | None, report: Report
) -> None:
    """Flag embedded images with substantial text (for the staff), or say OCR was skipped."""
    if not docx.images:
        return
    report.ran(CHECK_IMAGES)
    if words is None:
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
        if words.get(image.data, 0) >= limits.ocr_words_in_document_image
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


def check_picture(
    pictures: list[AnalysedFile], limits: Limits, words: WordCounts | None, report: Report
) -> None:
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
    chosen, findings = _choose(pictures, limits) or (pictures[0], [])
    report.extend(findings)
    if not findings and words is not None and _has_text(chosen, limits, words):
        report.add(
            warning(
                "text-in-image",
                CHECK_PICTURE,
                f"Bilden {chosen.name} verkar ha pålagd text, vilket inte är tillåtet. "
                f"{_MEDIA_BANK}",
                chosen.name,
            )
        )


def _choose(
    pictures: list[AnalysedFile], limits: Limits
) -> tuple[AnalysedFile, list[Finding]] | None:
    """One good picture is enough; otherwise the first one, with its problems."""
    results = [(p, _picture_findings(p, limits)) for p in pictures]
    return next(((p, f) for p, f in results if not f), results[0] if results else None)


def _has_text(picture: AnalysedFile, limits: Limits, words: WordCounts) -> bool:
    return words.get(picture.source.data, 0) >= limits.ocr_words_on_picture


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
