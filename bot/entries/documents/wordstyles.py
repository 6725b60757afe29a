"""Paragraph styles: which paragraphs are headings, and at which level.

Word names built-in heading styles "heading 1" but gives them localised ids
(`Rubrik1` in Swedish Word); custom styles inherit through basedOn, and any
style or paragraph can set an outline level. All three count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from bot.entries.documents.ooxml import int_or_none, is_w, w_attr, w_child

_HEADING_NAME = re.compile(r"^(?:heading|rubrik|überschrift|titre)\s*([1-9])$", re.IGNORECASE)


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    outline_level: int | None
    numbered: bool


def parse_styles(root: Element | None) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    if root is None:
        return styles
    for style in root:
        if not is_w(style, "style") or w_attr(style, "type") not in (None, "paragraph"):
            continue
        style_id = w_attr(style, "styleId") or ""
        name_el, based_el = w_child(style, "name"), w_child(style, "basedOn")
        ppr = w_child(style, "pPr")
        outline_el = w_child(ppr, "outlineLvl")
        styles[style_id] = Style(
            name=(w_attr(name_el, "val") or "") if name_el is not None else "",
            based_on=w_attr(based_el, "val") if based_el is not None else None,
            outline_level=int_or_none(w_attr(outline_el, "val"))
            if outline_el is not None
            else None,
            numbered=w_child(ppr, "numPr") is not None,
        )
    return styles


def _style_chain(style_id: str | None, styles: dict[str, Style]) -> Iterator[str]:
    seen: set[str] = set()
    while style_id and style_id not in seen:  # basedOn loops exist in the wild
        seen.add(style_id)
        yield style_id
        style = styles.get(style_id)
        style_id = style.based_on if style else None


def heading_level(
    style_id: str | None, own_outline: int | None, styles: dict[str, Style]
) -> int | None:
    if own_outline is not None:
        return own_outline + 1 if own_outline < 9 else None  # 9 means body text
    for sid in _style_chain(style_id, styles):
        style = styles.get(sid)
        for candidate in (style.name if style else "", sid):
            match = _HEADING_NAME.match(candidate.replace("_", " "))
            if match:
                return int(match.group(1))
        if style and style.outline_level is not None:
            return style.outline_level + 1 if style.outline_level < 9 else None
    return None


def style_numbered(style_id: str | None, styles: dict[str, Style]) -> bool:
    return any(styles[s].numbered for s in _style_chain(style_id, styles) if s in styles)
