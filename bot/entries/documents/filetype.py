"""Decide what a file is from its bytes, never from its name.

Units rename files, mail clients invent content types, and a macro document
renamed to .docx must still be caught, so the sniffing looks at magic numbers and,
for zip and OLE containers, at what is inside.
"""

from __future__ import annotations

import io
from enum import StrEnum

import olefile  # type: ignore[import-untyped]

from bot.entries.documents.safezip import SafeZip, ZipRejected


class Kind(StrEnum):
    """What a file turned out to be."""

    DOCX = "docx"
    DOCM = "docm"  # macro-enabled Word document, whatever its name says
    DOC = "doc"  # Word 97-2003 binary
    ENCRYPTED = "encrypted"  # password-protected Office file (OLE with EncryptionInfo)
    ODT = "odt"
    PAGES = "pages"
    RTF = "rtf"
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    HEIC = "heic"
    ZIP = "zip"
    BROKEN_ZIP = "broken-zip"
    ZIP_BOMB = "zip-bomb"
    OLE = "ole"  # another OLE file (old Excel, PowerPoint, ...)
    TEXT = "text"
    EMPTY = "empty"
    UNKNOWN = "unknown"


WORD_LIKE = frozenset(
    {Kind.DOCX, Kind.DOCM, Kind.DOC, Kind.ENCRYPTED, Kind.ODT, Kind.PAGES, Kind.RTF}
)
PICTURES = frozenset({Kind.JPEG, Kind.PNG, Kind.HEIC})

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_MAIN_DOCX = b"wordprocessingml.document.main+xml"
_MAIN_DOCM = b"ms-word.document.macroEnabled.main+xml"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


def sniff(data: bytes) -> Kind:
    """Return the kind of `data` by content."""
    if not data:
        return Kind.EMPTY
    simple = _sniff_magic(data)
    if simple is not None:
        return simple
    if data.startswith(_OLE_MAGIC):
        return _sniff_ole(data)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    return Kind.TEXT if _looks_like_text(data) else Kind.UNKNOWN


def _sniff_magic(data: bytes) -> Kind | None:
    # PDF readers accept the header anywhere in the first kilobyte, so we do too.
    if b"%PDF-" in data[:1024]:
        return Kind.PDF
    if data.startswith(b"\xff\xd8\xff"):
        return Kind.JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Kind.PNG
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return Kind.HEIC
    if data.startswith(b"{\\rtf"):
        return Kind.RTF
    return None


def _sniff_ole(data: bytes) -> Kind:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            # An encrypted .docx is an OLE file holding the encrypted package
            # (MS-OFFCRYPTO); Word 97-2003 files carry a WordDocument stream.
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                return Kind.ENCRYPTED
            if ole.exists("WordDocument"):
                return Kind.DOC
    except (OSError, ValueError, IndexError, TypeError):
        return Kind.UNKNOWN
    return Kind.OLE


def _sniff_zip(data: bytes) -> Kind:
    try:
        archive = SafeZip(data)
    except ZipRejected as exc:
        return Kind.ZIP_BOMB if exc.code == "zip-bomb" else Kind.BROKEN_ZIP
    names = archive.names()
    try:
        return _zip_kind(archive, names)
    except ZipRejected:
        return Kind.BROKEN_ZIP


def _zip_kind(archive: SafeZip, names: list[str]) -> Kind:
    if "[Content_Types].xml" in names and archive.size("[Content_Types].xml") < 1_000_000:
        types = archive.read("[Content_Types].xml")
        if _MAIN_DOCM in types or any(n.lower().endswith("vbaproject.bin") for n in names):
            return Kind.DOCM
        if _MAIN_DOCX in types:
            return Kind.DOCX
    if (
        "mimetype" in names
        and archive.size("mimetype") < 200
        and archive.read("mimetype").strip() == _ODT_MIME
    ):
        return Kind.ODT
    if "Index/Document.iwa" in names or (
        "index.xml" in names and "QuickLook/Thumbnail.jpg" in names
    ):
        return Kind.PAGES
    return Kind.ZIP


def _looks_like_text(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
        return printable >= 0.95 * max(len(text), 1)
    return False


def decode_text(data: bytes) -> str:
    """Decode a plain-text attachment; Windows users still send cp1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")
