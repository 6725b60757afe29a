"""A contact the mail names without details (or by first name alone), completed from the
message of theirs that the thread quotes below.

"Jag har bett Karl-Henrik att vara kontaktperson" above Karl-Henrik's own quoted answer
("Från: Karl-Henrik af Klercker <…>", "Mitt direktnummer är …"): a registrar reads his full
name, his address and his number off the message he wrote.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.signups.extract.quoting import strip_quoted
from bot.signups.extract.vocabulary import clean_name, normalise, phone_in, same_person

if TYPE_CHECKING:
    from bot.signups.extract.extract import SignupFields

_FROM = re.compile(
    r"(?im)^[ \t>]*\**(?:från|from)\s*:\**[ \t]*\"?(?P<name>[^<\"\n]+?)\"?[ \t]*"
    # Outlook's "<a@b.se<mailto:a@b.se>>": the address ends where its link begins.
    r"<(?P<address>[^<>\s]+)(?:<mailto:[^>\s]*>)?>"
)


def quoted_part(text: str) -> str:
    """What a reply quotes: what follows its own text, or (for "> " quoting) the text without
    the marks."""
    full, own = normalise(text), strip_quoted(text)
    return full[len(own) :] if full.startswith(own) else re.sub(r"(?m)^\s*>+ ?", "", full)


def _first_name_first(name: str, first_name: str) -> str | None:
    """The quoted sender's name with `first_name` first (Outlook writes "Efternamn Förnamn"),
    or None when it is someone else's. A contact named in full is matched whole."""
    if " " in first_name:
        return first_name if same_person(name, first_name) else None
    words = name.split()
    folded = [w.casefold() for w in words]
    if first_name.casefold() not in folded or len(words) < 2:
        return None
    at = folded.index(first_name.casefold())
    return clean_name(" ".join([words[at], *words[:at], *words[at + 1 :]]))


def contact_from_thread(fields: SignupFields, text: str) -> SignupFields:
    """`fields` with a contact named by first name alone put in full, and the address and the
    number the contact's mail did not give taken from the quoted message that person wrote;
    as they are when no one such wrote."""
    first_name = fields.contact_name
    if not first_name or (" " in first_name and fields.contact_email and fields.contact_phone):
        return fields
    quoted = quoted_part(text)
    headers = list(_FROM.finditer(quoted))
    found = {
        (full, header.group("address"), k)
        for k, header in enumerate(headers)
        if (full := _first_name_first(header.group("name").strip(), first_name))
    }
    if len({full for full, _, _ in found}) != 1:
        return fields
    full, address, k = min(found, key=lambda item: item[2])
    end = headers[k + 1].start() if k + 1 < len(headers) else len(quoted)
    message = quoted[headers[k].end() : end]
    return replace(
        fields,
        contact_name=full,
        contact_email=fields.contact_email or address,
        contact_phone=fields.contact_phone or phone_in(message),
    )
