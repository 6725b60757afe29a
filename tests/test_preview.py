"""``make preview``: every mail kind rendered to .eml and .html (and .png with Chromium)."""

from __future__ import annotations

import importlib.util
from email import message_from_bytes, policy
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO
from tests.receipt_variants import VARIANTS


def _preview() -> ModuleType:
    spec = importlib.util.spec_from_file_location("preview", REPO / "scripts" / "preview.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_kind_is_rendered_as_eml_and_html(tmp_path: Path) -> None:
    preview = _preview()
    pages = preview.render_all(tmp_path)
    kinds = {
        p.name.removesuffix(".subject.txt") for p in (REPO / "templates").glob("*.subject.txt")
    }
    # Every kind, and the sign-up receipt's variants (inferred, English, correction).
    assert {page.stem for page in pages} == kinds | set(VARIANTS)
    for kind in kinds:
        mail = message_from_bytes((tmp_path / f"{kind}.eml").read_bytes(), policy=policy.default)
        assert mail["X-Kvalitetsbot-Kind"] == kind
        html = (tmp_path / f"{kind}.html").read_text(encoding="utf-8")
        assert "Ämne:" in html and "Med vänliga hälsningar" in html


def test_a_picture_where_chromium_is_installed(tmp_path: Path) -> None:
    preview = _preview()
    chromium = preview.browser()
    if chromium is None:
        pytest.skip("Chromium is not installed; make preview skips the pictures too")
    [page] = [p for p in preview.render_all(tmp_path) if p.stem == "withdrawal-receipt"]
    picture = preview.screenshot(chromium, page)
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
