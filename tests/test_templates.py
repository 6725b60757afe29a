"""Every mail kind renders in Swedish with realistic data; a missing value is an error."""

from __future__ import annotations

import importlib
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from jinja2 import UndefinedError

from bot.clock import STOCKHOLM
from bot.mail.render import Envelope, Sender, make_message, render
from tests.conftest import REPO

TEMPLATES = REPO / "templates"
UNIT = {
    "reference": "KU-2027-014",
    "year": 2027,
    "unit_name": "Förskolan Trollskogen",
    "organisation": "Skarpnäcks stadsdelsförvaltning",
    "manager_name": "Maria Öberg",
    "contact_name": "Anna Berg",
    "contact_email": "anna.berg@edu.stockholm.se",
    "contact_phone": "08-508 123 45",
}
COMMON = {"year": 2027, "bot_address": "kvalitetsutmarkelsen@stockholm.se"}
SIGNUP = {
    "unit": UNIT,
    "late": False,
    "duplicate": False,
    "changed": False,
    "inferred": [],
    "questions": [],
    "previous": {},
    "english": False,
    "signup_day": date(2027, 3, 22),
    "entry_day": date(2027, 5, 17),
    "copy_for": None,
    "missing": [],
}
SIGNUP_SAMPLES: dict[str, dict[str, Any]] = {
    "signup-receipt": SIGNUP,
    "signup-incomplete": {
        **SIGNUP,
        "missing": ["Chefens namn", "Förvaltning, bolag eller företag"],
    },
    "signup-several": {
        **COMMON,
        "units": [
            {"unit": UNIT, "missing": [], "inferred": []},
            {
                "unit": {
                    **UNIT,
                    "reference": "KU-2027-015",
                    "unit_name": "Förskolan Ekbacken",
                    "contact_name": None,
                },
                "missing": ["Kontaktpersonens namn"],
                "inferred": ["organisation"],
            },
        ],
        "inferred": True,
        "questions": [],
        "english": False,
        "late": False,
        "signup_day": date(2027, 3, 22),
        "entry_day": date(2027, 5, 17),
        "copy_for": None,
    },
    "withdrawal-receipt": {"unit": UNIT},
    "withdrawal-undone": {"unit": UNIT},
    "empty-attachment": {"unit": UNIT, "files": ["Bidrag.docx", "Bidrag.pdf"]},
}


def _all_samples() -> dict[str, dict[str, Any]]:
    """Sample data for every mail kind: these, plus SAMPLES of each tests/samples_*.py."""
    samples = dict(SIGNUP_SAMPLES)
    for path in sorted((REPO / "tests").glob("samples_*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        samples.update(module.SAMPLES)
    return samples


SAMPLES = _all_samples()


def kinds() -> list[str]:
    return sorted(p.name.removesuffix(".subject.txt") for p in TEMPLATES.glob("*.subject.txt"))


def test_every_kind_has_its_trio_and_a_sample() -> None:
    for kind in kinds():
        assert (TEMPLATES / f"{kind}.txt").is_file()
        assert (TEMPLATES / f"{kind}.html").is_file()
    assert set(kinds()) <= set(SAMPLES), "add realistic sample data for every new mail kind"


@pytest.mark.parametrize("kind", kinds())
def test_kind_renders_as_a_complete_swedish_mail(kind: str) -> None:
    sender = Sender("kvalitetsutmarkelsen@stockholm.se", "Kvalitetsutmärkelsen", TEMPLATES)
    envelope = Envelope(
        to="anna.berg@edu.stockholm.se",
        to_name="Anna Berg",
        in_reply_to="abc@edu.stockholm.se",
        reference="KU-2027-014",
    )
    msg = make_message(
        sender,
        kind,
        envelope,
        {**COMMON, **SAMPLES[kind]},
        datetime(2027, 3, 1, 10, tzinfo=STOCKHOLM),
    )
    assert isinstance(msg, EmailMessage)
    assert msg["X-Kvalitetsbot-Kind"] == kind
    assert msg["X-Kvalitetsbot-Reference"] == "KU-2027-014"
    assert msg["In-Reply-To"] == "<abc@edu.stockholm.se>"
    assert msg["X-Auto-Response-Suppress"] == "All"
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Med vänliga hälsningar" in text and "Kvalitetsenheten" in html
    assert "{{" not in text and "{%" not in html
    assert msg["Subject"] and "\n" not in str(msg["Subject"])


def test_receipt_variants_render_marks_questions_english_and_old_values() -> None:
    from tests.receipt_variants import VARIANTS

    texts = {
        name: render(TEMPLATES, kind, {**COMMON, **data})[1:]
        for name, (kind, data) in VARIANTS.items()
    }
    text, html = texts["signup-receipt--inferred"]
    assert "Chef:            Maria Sjöberg *" in text and "Maria Sjöberg *" in html
    assert "Telefon:         08-508 123 45\n" in text  # read from a label: no mark
    assert "(ni skrev ”Skarpnäck sdf”); stämmer det?" in text
    text, _ = texts["signup-receipt--english"]
    assert text.startswith("We have registered your sign-up")
    text, _ = texts["signup-incomplete--english"]
    assert text.startswith("We have received your sign-up") and "Chefens namn" in text
    text, html = texts["signup-receipt--correction"]
    assert "Kontaktperson:   Ahmed Karimi * (tidigare: Sofia Öberg)" in text
    assert "(tidigare: Sofia Öberg)" in html


def test_missing_value_fails_instead_of_leaving_a_hole() -> None:
    with pytest.raises(UndefinedError):
        render(TEMPLATES, "withdrawal-receipt", dict(COMMON))


def test_html_escapes_unit_data(tmp_path: Path) -> None:
    hostile = {**UNIT, "unit_name": "<script>alert(1)</script>"}
    _, text, html = render(TEMPLATES, "withdrawal-receipt", {**COMMON, "unit": hostile})
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>" in text


@pytest.mark.parametrize("kind", ["entry-receipt", "change-request"])
def test_receipt_says_how_the_bot_counts_and_compares_nothing_with_app_xml(kind: str) -> None:
    _, text, html = render(TEMPLATES, kind, {**COMMON, **SAMPLES[kind]})
    assert "Bidraget har 100\u00a0412 tecken exklusive blanksteg" in text
    assert "textrutor, fotnoter och slutnoter, men inte sidhuvud och sidfot" in text
    assert "Granska > Ordräkning" in text and "Granska &gt; Ordräkning" in html
    assert "sparade värde" not in text


def _team_text(kind: str, **changes: Any) -> str:
    _, text, _ = render(TEMPLATES, kind, {**COMMON, **SAMPLES[kind], **changes})
    return text


def test_team_timeline_is_in_date_order_visits_before_the_ceremony() -> None:
    from bot.teams.mails import timeline

    class _Ctx:
        def schedule(self, year: int) -> Any:
            from bot.year.schedule_file import schedule_for_year

            return schedule_for_year(year, REPO / "schedules")

    rows = timeline(_Ctx(), 2027)  # type: ignore[arg-type]
    assert [row["day"] for row in rows] == sorted(row["day"] for row in rows)
    labels = [row["label"] for row in rows]
    assert labels.index("Platsbesök hos verksamheterna") < next(
        i for i, label in enumerate(labels) if label.startswith("Utdelningsceremoni")
    )
    text = _team_text("team-assignment-examiner", timeline=rows)
    assert text.index("september–oktober: Platsbesök") < text.index("Utdelningsceremoni")


def test_coordinator_is_addressed_as_du_and_attachments_agree_with_the_count() -> None:
    coordinator = _team_text("team-assignment-coordinator")
    assert "Lagsamordnare är Karin Lind" not in coordinator
    assert "Samordnaren kontaktar" not in coordinator
    assert "du ingår i lag 4 och är lagets lagsamordnare" in coordinator
    assert "Bidragen finns bifogade" in coordinator  # two entries
    examiner = _team_text("team-assignment-examiner")  # one entry
    assert "Lagsamordnare är Karin Lind" in examiner
    assert "Bidraget finns bifogat i Word- och PDF-format." in examiner
    assert "Bidragen" not in examiner
    too_large = _team_text("team-assignment-examiner", attachments_too_large=True)
    assert "Bidraget är för stort för att skickas med e-post." in too_large
