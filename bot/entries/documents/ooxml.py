"""Safe XML parsing and WordprocessingML helpers shared by the .docx reader.

Elements are matched by namespace and local name so that both Transitional and
Strict OOXML documents are read, and DrawingML text (charts, SmartArt) is not
mistaken for document text.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

W_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict OOXML
    }
)
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MAX_XML_BYTES = 64 * 1024 * 1024


class DocxError(Exception):
    """The document cannot be checked; `code` is a Finding code."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def split_tag(tag: object) -> tuple[str, str]:
    text = tag if isinstance(tag, str) else ""
    if text.startswith("{"):
        ns, _, local = text[1:].partition("}")
        return ns, local
    return "", text


def is_w(elem: Element, local: str) -> bool:
    ns, name = split_tag(elem.tag)
    return name == local and ns in W_NAMESPACES


def w_attr(elem: Element, local: str) -> str | None:
    for key, value in elem.attrib.items():
        if split_tag(key)[1] == local:
            return value
    return None


def w_child(elem: Element | None, local: str) -> Element | None:
    if elem is None:
        return None
    return next((c for c in elem if is_w(c, local)), None)


def parse_xml(data: bytes) -> Element:
    """Parse untrusted XML; DTDs, entities and external references are refused."""
    if len(data) > _MAX_XML_BYTES:
        raise DocxError("zip-bomb", "en XML-del i dokumentet är orimligt stor")
    try:
        root: Element = fromstring(data)
    except DefusedXmlException as exc:
        raise DocxError("corrupt", f"dokumentet innehåller otillåten XML ({exc})") from exc
    except (ParseError, ValueError) as exc:
        raise DocxError("corrupt", f"dokumentets XML är trasig ({exc})") from exc
    return root


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
