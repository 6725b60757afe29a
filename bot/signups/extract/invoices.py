"""Invoices to the award's mailbox: a supplier bills the award for its ceremony's catering,
a venue for a conference. They name the award and often carry a PDF, but they sign nothing
up and are no entry: "Här kommer faktura 20271187 avseende catering vid prisutdelningen för
Kvalitetsutmärkelsen. Belopp: 48 750 kr. Förfallodatum: 2027-03-11."
"""

from __future__ import annotations

import re

# The subject says it: "Faktura 2027-0412", "Invoice 5512 from …", "SV: Faktura nr 88".
_SUBJECT = re.compile(
    r"(?i)^\s*(?:(?:sv|re|vb|fw|fwd|vs)\s*:\s*)*(?:faktura|invoice|kreditfaktura|påminnelse"
    r"(?:\s*-?\s*faktura)?)\b(?:\s+(?:nr|no|nummer)\.?)?\s*[\d#:]"
)
# The body sends one: "Bifogar faktura 2027-0412", "Här kommer faktura …", "Fakturan bifogas".
_SENDS = re.compile(
    r"(?i)\b(?:bifogar|bifogad|bifogat|här\s+kommer|skickar|översänder|attached\s+(?:is|please\s+find)"
    r"|please\s+find)\s+(?:\w+\s+)?(?:faktura|fakturan|invoice)\b"
    r"|\b(?:fakturan|invoice)\s+(?:bifogas|är\s+bifogad|is\s+attached)\b"
)
# What only a bill asks of its reader: a due date, a giro, the amount to pay.
_PAYMENT = re.compile(
    r"(?im)^\W*(?:förfallodatum|förfallodag|bankgiro|plusgiro|ocr(?:-nummer)?|att\s+betala"
    r"|belopp|due\s+date|amount\s+due)\s*:|\bange\s+fakturanummer\b|\bvid\s+betalning\b"
)


def is_invoice(subject: str, text: str) -> bool:
    """True for a mail that sends a bill: its subject or its text says an invoice comes, or
    it carries two of a bill's payment lines."""
    return bool(_SUBJECT.search(subject) or _SENDS.search(text) or len(_PAYMENT.findall(text)) >= 2)
