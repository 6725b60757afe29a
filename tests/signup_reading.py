"""How the sign-up tests read a mail they wrote: as real MIME, the way the bot reads it.

`read_mime` parses the mail built by `make_mail` and reads it with `extract_mail`, as the
sign-up flow does; `units_named` delivers it to an app and returns what was registered.
"""

from __future__ import annotations

from bot.mail.parse import parse_mail
from bot.runner import App
from bot.signups.extract import SignupFields, extract_mail
from tests.conftest import cycle, make_mail, put
from tests.test_signup_receipt import units_of


def read_mime(body: str, *, sender_name: str, sender: str) -> SignupFields:
    mail = parse_mail(make_mail(body, sender=sender, sender_name=sender_name))
    return extract_mail(
        mail.subject, mail.text, sender_name=mail.from_name, sender_email=mail.from_addr
    )


def contact_of(fields: SignupFields) -> tuple[str | None, ...]:
    return (fields.contact_name, fields.contact_email, fields.contact_phone)


def units_named(
    app: App, body: str, **mail: str
) -> list[tuple[str | None, str | None, str | None]]:
    """(unit, organisation, organisation as written) of each unit the mail registered."""
    put(app, make_mail(body, **mail))
    cycle(app)
    return [(u.unit_name, u.organisation, u.organisation_as_written) for u in units_of(app)]
