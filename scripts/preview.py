"""Render every mail kind with realistic data, to look at before a template is called done.

    make preview        (or: .venv/bin/python scripts/preview.py [--out var/preview] [--no-png])

Writes ``<kind>.eml`` (the complete message) and ``<kind>.html`` (its HTML part) for every
template trio in ``templates/``, with the sample data the template tests use
(``tests/test_templates.py``). Where Chromium is installed, each HTML part is also shot
to ``<kind>.png`` with headless Chromium; without it that step is skipped with a note.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.clock import STOCKHOLM  # noqa: E402
from bot.mail.render import Envelope, OutgoingAttachment, Sender, make_message  # noqa: E402
from tests.receipt_variants import VARIANTS  # noqa: E402
from tests.test_templates import COMMON, SAMPLES, kinds  # noqa: E402

NOW = datetime(2027, 5, 7, 8, 0, tzinfo=STOCKHOLM)
SENDER = Sender("kvalitetsutmarkelsen@stockholm.se", "Kvalitetsutmärkelsen", REPO / "templates")
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
WIDTH = 900


def render_all(out: Path) -> list[Path]:
    """Write every kind's .eml and .html to ``out``, and each variant's (a receipt with
    inferred values, in English, for a correction); return the .html files."""
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    cases = [(kind, kind, SAMPLES[kind]) for kind in kinds()]
    cases += [(name, kind, data) for name, (kind, data) in VARIANTS.items()]
    for name, kind, data in cases:
        message = make_message(SENDER, kind, _envelope(kind), {**COMMON, **data}, NOW)
        (out / f"{name}.eml").write_bytes(message.as_bytes())
        page = out / f"{name}.html"
        page.write_text(_page(message), encoding="utf-8")
        pages.append(page)
    return pages


def _envelope(kind: str) -> Envelope:
    if kind.startswith("team-") and kind != "team-assignment-unit":
        name = SAMPLES[kind]["recipient"]["name"]
        address = name.lower().replace(" ", ".").replace("å", "a").replace("ö", "o")
        return Envelope(to=f"{address}@stockholm.se", to_name=name)
    if kind in ("digest", "staff-reply"):
        return Envelope(to="kvalitetsenheten@stockholm.se", to_name="Kvalitetsenheten")
    calendar = OutgoingAttachment("kalender.ics", "text/calendar", b"BEGIN:VCALENDAR\r\n")
    attachments = (calendar,) if kind.startswith(("reminder-", "info-", "workshop-")) else ()
    return Envelope(
        to="anna.berg@edu.stockholm.se",
        to_name="Anna Berg",
        reference="KU-2027-014",
        attachments=attachments,
    )


def _page(message: EmailMessage) -> str:
    """The HTML part with the headers a reader sees above it, as a mail client shows them."""
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    names = ", ".join(part.get_filename() or "" for part in message.iter_attachments())
    head = (
        f'<div style="font-family: Arial, sans-serif; font-size: 13px; color: #555; '
        f'border-bottom: 1px solid #ccc; padding: 8px 0; margin-bottom: 12px;">'
        f"<b>Från:</b> {_escape(str(message['From']))}<br><b>Till:</b> "
        f"{_escape(str(message['To']))}<br><b>Ämne:</b> {_escape(str(message['Subject']))}"
        + (f"<br><b>Bilagor:</b> {_escape(names)}" if names else "")
        + "</div>"
    )
    return html.replace("<body>", f"<body>{head}", 1) if "<body>" in html else head + html


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def screenshot(chromium: str, page: Path) -> Path:
    """``page`` shot to a .png next to it, tall enough for its text."""
    target = page.with_suffix(".png")
    height = 260 + 26 * page.read_text(encoding="utf-8").count("<") // 3
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--screenshot={target}",
                f"--window-size={WIDTH},{min(height, 4000)}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "var" / "preview")
    parser.add_argument("--no-png", action="store_true", help="Skip the Chromium pictures.")
    args = parser.parse_args()
    pages = render_all(args.out)
    print(f"{len(pages)} mejlsorter renderade till {args.out} (.eml och .html).")
    chromium = None if args.no_png else browser()
    if chromium is None:
        print("Chromium saknas (eller --no-png): inga .png-bilder.")
        return
    for page in pages:
        screenshot(chromium, page)
    print(f"{len(pages)} bilder (.png) tagna med {chromium}.")


if __name__ == "__main__":
    main()
