"""Issue 17: each kind of sign-up that used to go wrong, on realistic mails of the dev corpus.

Every case goes through the real pipeline (a fresh app on SQLite, the embedded Maildir, one
cycle per mail) exactly as bench/bench_signups.py measures it, and the registered units
must equal the corpus truth. The held-out corpus is never used here.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from sqlalchemy import select

from bench.bench_signups import CORPUS, FIELDS, run_case
from bot.models import Unit
from bot.runner import App
from tests.conftest import body_text, cycle, make_mail, put, sent

DEV = CORPUS / "dev"
TRUTH: dict[str, Any] = json.loads((DEV / "truth.json").read_text(encoding="utf-8"))
KINDS = {
    "unit without a capitalised type word": [
        "d001-prose-forskola",
        "d034-stokab",
        "d063-english-unga-klara",
        "d089-inc-no-manager-library",
        "d095-long-disclaimer",
        "d109-slk-alias",
        "d004-oppna-forskolan",
        "d005-parkleken",
        "d006-boendestodet",
        "d007-daglig-verksamhet",
    ],
    "unit only in the subject": ["d003-unit-only-in-subject"],
    "people in prose, the contact is not the sender": [
        "d001-prose-forskola",
        "d002-prose-vob-det-vill-saga-jag",
        "d010-contact-email-differs",
        "d037-humana",
        "d008-office-sbk",
        "d012-gmail-unknown-private",
        "d024-service-two-phones",
        "d091-inc-no-org-no-manager",
    ],
    "unicode names (ć ž ı ø é ü, al-, particles)": [
        "d007-daglig-verksamhet",
        "d011-school-bosnian-names",
        "d018-vietnamese-names",
        "d020-al-particle",
        "d021-danish-german",
        "d022-kyrkogard",
    ],
    "organisation aliases and abbreviations": [
        "d027-amf",
        "d028-sisab",
        "d029-svoa",
        "d105-farsta-sdn-alias",
        "d107-eav-typo-alias",
        "d120-sdf-sodermalm-alias",
        "d101-aleris-unknown-private",
    ],
    "forwarded mail": [
        "d046-fwd-outlook-registrator",
        "d047-fwd-gmail-own-mail",
        "d048-fwd-ursprungligt",
        "d050-fwd-admin-adds-manager",
        "d051-fwd-double",
        "d052-fwd-outlook-mobile-english-headers",
        "d053-fwd-with-docx",
    ],
    "english": [
        "d062-english-preschool",
        "d060-english-sbr",
        "d061-english-hamn",
        "d083-inc-english-no-manager",
    ],
    "html table": [
        "d064-table-2col-cells",
        "d065-table-2col-tabs",
        "d068-table-html-only",
        "d070-table-horizontal",
    ],
    "attached form": [
        "d072-attached-docx",
        "d073-attached-pdf",
        "d074-attached-docx-slk",
        "d075-attached-pdf-signature-only",
    ],
    "several units": [
        "d054-two-units-same-manager",
        "d055-two-units-shared-contact",
        "d088-inc-two-units-one-incomplete",
        "d056-three-units-numbered",
        "d057-two-units-two-orgs",
        "d058-two-units-bullets",
        "d066-table-rows-two-units",
        "d067-table-rows-three-units",
    ],
    "a correction in prose, from a registered address": [
        "d149-corr-organisation",
        "d151-corr-email",
        "d153-corr-iphone-contact",
        "d154-corr-english",
        "d155-corr-add-contact-details",
        "d160-corr-add-phone-and-email",
    ],
    "organisation from the thread, a cooperative, a district alone": [
        "d098-reply-to-info-mail",
        "d100-parent-cooperative",
        "d121-samsung-short",
    ],
    "not a sign-up": [
        "d122-ns-newsletter",
        "d123-ns-question-two-entries",
        "d129-ns-examiner-volunteer",
        "d130-ns-internal-reminder-cc",
        "d136-ns-conference-signup",
        "d140-ns-private-eligibility",
        "d145-ns-lunch-seminar",
    ],
    "manager named, contact missing: asked, not filled from the sender": [
        "d077-inc-contact-no-details",
        "d080-inc-admin-no-contact",
        "d086-inc-contact-later",
    ],
}
CASES = [(kind, case) for kind, cases in KINDS.items() for case in cases]


def _norm(name: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return re.sub(r"\D", "", text) if name == "phone" else " ".join(text.split()).casefold()


@pytest.mark.parametrize(("kind", "case"), CASES, ids=[f"{k}: {c}" for k, c in CASES])
def test_the_registered_units_are_the_truth(kind: str, case: str) -> None:
    truth = TRUTH[case]
    before, units = run_case(DEV, case)
    if truth["kind"] == "not-signup":
        assert units[before:] == []
        return
    assert len(units) == len(truth["units"])
    for got, want in zip(units, truth["units"], strict=True):
        assert {f: _norm(f, got[f]) for f in FIELDS} == {f: _norm(f, want[f]) for f in FIELDS}


TWO_IN_ONE_SENTENCE = """Hej!

Vi vill anmäla Förskolan Eken och Förskolan Linden till Kvalitetsutmärkelsen 2027. Båda hör
till Bromma stadsdelsförvaltning, och jag är rektor för dem båda.

Kontaktpersoner:
Eken – Ann Berg, ann.berg@stockholm.se, 08-508 06 311
Linden – Bo Ek, bo.ek@stockholm.se, 08-508 06 322

Vänliga hälsningar
Eva Lind
Rektor
"""


def test_two_units_in_one_sentence_get_a_reference_each_and_one_receipt(app: App) -> None:
    put(app, make_mail(TWO_IN_ONE_SENTENCE, sender="eva.lind@stockholm.se", sender_name="Eva Lind"))
    cycle(app)
    with app.sessions() as session:
        units = list(session.scalars(select(Unit).order_by(Unit.id)))
        got = [
            (u.reference, u.unit_name, u.manager_name, u.contact_name, u.contact_phone)
            for u in units
        ]
    assert got == [
        ("KU-2027-001", "Förskolan Eken", "Eva Lind", "Ann Berg", "08-508 06 311"),
        ("KU-2027-002", "Förskolan Linden", "Eva Lind", "Bo Ek", "08-508 06 322"),
    ]
    [receipt] = sent(app)
    assert receipt["X-Kvalitetsbot-Kind"] == "signup-several"
    text = body_text(receipt)
    assert "KU-2027-001" in text and "KU-2027-002" in text
    assert "Förskolan Eken" in text and "Förskolan Linden" in text
