"""Fixtures for the document checks: generated entries, LibreOffice conversions."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.documents.docfactory import DOCS, build_entry, docx_text, make_pdf, soffice_convert


@pytest.fixture(scope="session")
def full_entry() -> bytes:
    return build_entry()


@pytest.fixture(scope="session")
def entry_pdf(full_entry: bytes) -> bytes:
    return make_pdf(docx_text(full_entry))


@pytest.fixture(scope="session")
def soffice_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("soffice")


@pytest.fixture(scope="session")
def soffice_pdf(full_entry: bytes, soffice_dir: Path) -> bytes:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return soffice_convert(soffice_dir / "pdf", full_entry, ".docx", "pdf")


@pytest.fixture(scope="session")
def soffice_docx(full_entry: bytes, soffice_dir: Path) -> bytes:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    # A direct docx->docx conversion leaves app.xml's counts at 0; going through ODT makes
    # LibreOffice lay the document out and count, and the counts are carried into app.xml.
    odt = soffice_convert(soffice_dir / "odt", full_entry, ".docx", "odt")
    return soffice_convert(soffice_dir / "docx", odt, ".odt", "docx:MS Word 2007 XML")


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    return lambda name: (DOCS / name).read_bytes()
