"""Several units in a forwarded mail: the unit's own message is the one that signs them up.

"Hej, vidarebefordrar Marias anmälan. /P-O" above Maria's "vi anmäler både Kundcenter
Hässelby och Kundcenter Vällingby. Jag är chef för Hässelby … Jag kan vara kontaktperson
för båda": her "jag" is Maria, the forwarded message's writer, not the forwarder in From.
"""

from __future__ import annotations

from dataclasses import replace

from bot.signups.extract.detection import stays_out
from bot.signups.extract.extract import SignupFields, extract_signup
from bot.signups.extract.forwards import unwrap_forward
from bot.signups.extract.quoting import strip_quoted
from bot.signups.extract.several import several_units as _several_in_text


def several_units(
    text: str,
    *,
    sender_name: str,
    sender_email: str | None,
    subject: str = "",
    whole: str | None = None,
) -> list[SignupFields]:
    """The units a mail signs up when it signs up more than one; [] for a single unit.

    In a forward whose forwarded message signs up several units, that message is read as
    its writer's own mail; what the forwarder's note says (the organisation in their
    signature) fills what the forwarded message leaves open. `whole` is the mail's text
    before its quoted part was cut off, where a forward is looked for."""
    forwarded = unwrap_forward(subject, whole or text)
    if forwarded is not None:
        inner = _several_in_text(
            forwarded.text,
            sender_name=forwarded.sender_name,
            sender_email=forwarded.sender_email,
            subject=forwarded.subject or subject,
        )
        if inner:
            outer = extract_signup(
                strip_quoted(forwarded.notes), sender_name=sender_name, sender_email=sender_email
            )
            return [_organisation_from(unit, outer) for unit in inner]
    units = _several_in_text(
        text, sender_name=sender_name, sender_email=sender_email, subject=subject
    )
    # "- Förskolan Ek anmäls … - Förskolan Ask avstår i år": only the units that join.
    joining = [u for u in units if not (u.unit_name and stays_out(u.unit_name, text))]
    return joining or units


def _organisation_from(unit: SignupFields, outer: SignupFields) -> SignupFields:
    if unit.organisation or not outer.organisation:
        return unit
    return replace(
        unit,
        organisation=outer.organisation,
        organisation_as_written=outer.organisation_as_written,
        organisation_known=outer.organisation_known,
    )
