"""Read a .docx safely: text, character count, headings, images, macros, templates.

The count follows Word's "Tecken (utan blanksteg)" / "characters (no spaces)": the
main text with tables, text boxes, footnotes and endnotes, but not headers, footers
or comments, and no whitespace of any kind. Deleted tracked changes and field codes
are not text, so they are skipped as Word skips them. All XML goes through
defusedxml, and the container through SafeZip, because the file is untrusted.
"""

from __future__ import annotations

import base64
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from bot.entries.documents.ooxml import (
    MC,
    W_NAMESPACES,
    DocxError,
    int_or_none,
    is_w,
    parse_xml,
    split_tag,
    w_attr,
    w_child,
)
from bot.entries.documents.safezip import SafeZip, ZipLimits, ZipRejected
from bot.entries.documents.wordstyles import Style, heading_level, parse_styles, style_numbered

_SIMPLE_TEXT = {"tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}


@dataclass(frozen=True)
class Paragraph:
    text: str
    style_id: str | None = None
    heading_level: int | None = None  # 1 = top level; None = body text
    numbered: bool = False  # carries list numbering, so "1." may not be in the text


@dataclass(frozen=True)
class ExternalRef:
    part: str
    rel_type: str  # last path segment of the relationship type, e.g. 'attachedTemplate'
    target: str


@dataclass(frozen=True)
class EmbeddedImage:
    name: str
    data: bytes


@dataclass(frozen=True)
class DocxInfo:
    paragraphs: tuple[Paragraph, ...]
    notes: tuple[str, ...]  # footnote and endnote paragraphs
    characters: int
    characters_with_spaces: int
    app_characters: int | None  # Word's own count from docProps/app.xml
    app_characters_with_spaces: int | None
    images: tuple[EmbeddedImage, ...]
    has_macros: bool
    external_refs: tuple[ExternalRef, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n".join([p.text for p in self.paragraphs] + list(self.notes))


# -- text and paragraphs ---------------------------------------------------------------


def _run_text(elem: Element, parts: list[str], boxes: list[Element]) -> None:
    for child in elem:
        if child.tag == MC + "Fallback":
            continue  # the same content as mc:Choice, in an older format
        ns, local = split_tag(child.tag)
        if ns not in W_NAMESPACES:
            _run_text(child, parts, boxes)
        elif local == "t":
            parts.append(child.text or "")
        elif local in _SIMPLE_TEXT:
            parts.append(_SIMPLE_TEXT[local])
        elif local == "sym":
            parts.append("\u25a1")  # a symbol-font glyph counts as one character
        elif local == "txbxContent":
            boxes.append(child)  # text boxes are paragraphs of their own
        else:
            _run_text(child, parts, boxes)


def _paragraph(elem: Element, styles: dict[str, Style]) -> tuple[Paragraph, list[Element]]:
    parts: list[str] = []
    boxes: list[Element] = []
    _run_text(elem, parts, boxes)
    ppr = w_child(elem, "pPr")
    style_el = w_child(ppr, "pStyle")
    style_id = w_attr(style_el, "val") if style_el is not None else None
    outline_el = w_child(ppr, "outlineLvl")
    own_outline = int_or_none(w_attr(outline_el, "val")) if outline_el is not None else None
    level = heading_level(style_id, own_outline, styles)
    numbered = w_child(ppr, "numPr") is not None or style_numbered(style_id, styles)
    return Paragraph("".join(parts), style_id, level, numbered), boxes


def collect_paragraphs(root: Element, styles: dict[str, Style]) -> list[Paragraph]:
    """All paragraphs in document order, tables (nested too) and text boxes included."""
    out: list[Paragraph] = []
    _collect(root, styles, out)
    return out


def _collect(elem: Element, styles: dict[str, Style], out: list[Paragraph]) -> None:
    for child in elem:
        if child.tag == MC + "Fallback":
            continue
        if is_w(child, "p"):
            para, boxes = _paragraph(child, styles)
            out.append(para)
            for box in boxes:
                _collect(box, styles, out)
        else:
            _collect(child, styles, out)


def count_characters(texts: Iterator[str] | list[str]) -> tuple[int, int]:
    """(characters without any whitespace, characters with spaces) over paragraphs."""
    no_space = with_space = 0
    for text in texts:
        # Same counts as a per-character isspace() loop (str.split() splits on exactly
        # those characters), without the per-character Python overhead.
        no_space += len("".join(text.split()))
        with_space += len(text) - text.count("\n") - text.count("\r")
    return no_space, with_space


# -- package parts ---------------------------------------------------------------------


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _relationships(archive: SafeZip, rels_name: str) -> list[tuple[str, str, str | None]]:
    """(type, target, target mode) for each relationship in one .rels part."""
    data = archive.read_optional(rels_name)
    if data is None:
        return []
    root = parse_xml(data)
    return [
        (rel.get("Type", ""), rel.get("Target", ""), rel.get("TargetMode"))
        for rel in root
        if split_tag(rel.tag)[1] == "Relationship"
    ]


def _resolve(source_part: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def _main_part(archive: SafeZip) -> str:
    for rel_type, target, _mode in _relationships(archive, "_rels/.rels"):
        if rel_type.endswith("/officeDocument"):
            return _resolve("", target)
    return "word/document.xml"


def _related_parts(archive: SafeZip, main: str, kind: str) -> list[str]:
    return [
        _resolve(main, target)
        for rel_type, target, mode in _relationships(archive, _rels_path(main))
        if rel_type.rsplit("/", 1)[-1] == kind and mode != "External"
    ]


def external_refs(archive: SafeZip) -> list[ExternalRef]:
    """External targets in ANY .rels part; Word keeps templates in settings.xml.rels."""
    refs = []
    for name in archive.names():
        if not name.endswith(".rels"):
            continue
        for rel_type, target, mode in _relationships(archive, name):
            if mode == "External":
                refs.append(ExternalRef(name, rel_type.rsplit("/", 1)[-1], target))
    return refs


def has_macros(archive: SafeZip) -> bool:
    names = [n.lower() for n in archive.names()]
    if any(n.endswith(("vbaproject.bin", "vbadata.xml")) for n in names):
        return True
    types = archive.read_optional("[Content_Types].xml") or b""
    return b"macroEnabled" in types or b"vbaProject" in types


def _app_counts(archive: SafeZip) -> tuple[int | None, int | None]:
    data = archive.read_optional("docProps/app.xml")
    if data is None:
        return None, None
    values = {split_tag(el.tag)[1]: (el.text or "").strip() for el in parse_xml(data)}
    return (int_or_none(values.get("Characters")), int_or_none(values.get("CharactersWithSpaces")))


def _note_paragraphs(archive: SafeZip, main: str, styles: dict[str, Style]) -> list[str]:
    texts: list[str] = []
    for kind in ("footnotes", "endnotes"):
        for part in _related_parts(archive, main, kind):
            data = archive.read_optional(part)
            if data is not None:
                texts += [p.text for p in collect_paragraphs(parse_xml(data), styles)]
    return texts


def _images(archive: SafeZip, main: str) -> list[EmbeddedImage]:
    images = []
    for part in dict.fromkeys(_related_parts(archive, main, "image")):
        data = archive.read_optional(part)
        if data is not None:
            images.append(EmbeddedImage(posixpath.basename(part), data))
    return images


def analyse_docx(data: bytes, limits: ZipLimits | None = None) -> DocxInfo:
    """Analyse one .docx; raise DocxError with a Finding code when it cannot be read."""
    try:
        archive = SafeZip(data, limits)
        return _analyse(archive)
    except ZipRejected as exc:
        raise DocxError(exc.code, exc.detail) from exc


def _analyse(archive: SafeZip) -> DocxInfo:
    main = _main_part(archive)
    body = archive.read_optional(main)
    if body is None:
        raise DocxError("corrupt", "dokumentet saknar huvuddelen word/document.xml")
    style_parts = _related_parts(archive, main, "styles")
    style_data = archive.read_optional(style_parts[0]) if style_parts else None
    styles = parse_styles(parse_xml(style_data) if style_data else None)
    paragraphs = collect_paragraphs(parse_xml(body), styles)
    notes = _note_paragraphs(archive, main, styles)
    chars, chars_spaces = count_characters([p.text for p in paragraphs] + notes)
    app_chars, app_spaces = _app_counts(archive)
    return DocxInfo(
        paragraphs=tuple(paragraphs),
        notes=tuple(notes),
        characters=chars,
        characters_with_spaces=chars_spaces,
        app_characters=app_chars,
        app_characters_with_spaces=app_spaces,
        images=tuple(_images(archive, main)),
        has_macros=has_macros(archive),
        external_refs=tuple(external_refs(archive)),
    )


def form_text(data: bytes, limits: ZipLimits | None = None) -> str:
    """The main text with each table row on one line, its cells joined by tabs.

    A sign-up form is a table: label and value side by side, or one unit per row under a
    heading row. Read a paragraph at a time, an empty cell vanishes and the rows no longer
    line up with their headings, so a form is read row by row instead.
    """
    try:
        archive = SafeZip(data, limits)
        body = archive.read_optional(_main_part(archive))
    except ZipRejected as exc:
        raise DocxError(exc.code, exc.detail) from exc
    if body is None:
        raise DocxError("corrupt", "dokumentet saknar huvuddelen word/document.xml")
    lines: list[str] = []
    _form_lines(parse_xml(body), lines)
    return "\n".join(lines)


def _form_lines(elem: Element, lines: list[str]) -> None:
    for child in elem:
        if child.tag == MC + "Fallback":
            continue
        if is_w(child, "p"):
            lines.append(_paragraph(child, {})[0].text)
        elif is_w(child, "tr"):
            cells = [_cell_text(cell) for cell in child if is_w(cell, "tc")]
            lines.append("\t".join(cells))
        else:
            _form_lines(child, lines)


def _cell_text(cell: Element) -> str:
    parts: list[str] = []
    _form_lines(cell, parts)
    return " ".join(" ".join(p.split()) for p in parts if p.strip())


# -- across the worker's pipe (see docx_sandbox.py) --------------------------------------


def docx_to_json(info: DocxInfo) -> dict[str, Any]:
    return {
        "paragraphs": [[p.text, p.style_id, p.heading_level, p.numbered] for p in info.paragraphs],
        "notes": list(info.notes),
        "counts": [info.characters, info.characters_with_spaces],
        "app_counts": [info.app_characters, info.app_characters_with_spaces],
        "images": [[i.name, base64.b64encode(i.data).decode("ascii")] for i in info.images],
        "has_macros": info.has_macros,
        "external_refs": [[r.part, r.rel_type, r.target] for r in info.external_refs],
    }


def docx_from_json(value: dict[str, Any]) -> DocxInfo:
    return DocxInfo(
        paragraphs=tuple(Paragraph(*p) for p in value["paragraphs"]),
        notes=tuple(value["notes"]),
        characters=value["counts"][0],
        characters_with_spaces=value["counts"][1],
        app_characters=value["app_counts"][0],
        app_characters_with_spaces=value["app_counts"][1],
        images=tuple(EmbeddedImage(n, base64.b64decode(d)) for n, d in value["images"]),
        has_macros=bool(value["has_macros"]),
        external_refs=tuple(ExternalRef(*r) for r in value["external_refs"]),
    )
