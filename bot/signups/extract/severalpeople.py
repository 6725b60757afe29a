"""Each unit's people in a mail that signs up several: the manager as each unit's contact,
the person named with the unit, or the contact of the unit above."""

from __future__ import annotations

from dataclasses import replace

from bot.signups.extract.eachcontact import details_after, person_with_unit
from bot.signups.extract.extract import SignupFields
from bot.signups.extract.vocabulary import address_in, phone_in, same_person


def managers_as_contacts(
    owns: list[SignupFields], shared: str, blocks: list[str]
) -> list[SignupFields]:
    """ "Respektive enhetschef är kontaktperson. Katarzyna nås på … och Joost på …": each
    unit's manager is its contact, with the details that follow their name."""
    managers = [own.manager_name for own in owns if own.manager_name]
    result = []
    for own, block in zip(owns, blocks, strict=True):
        manager = own.manager_name
        if manager is None:
            result.append(own)
            continue
        email, phone = details_after(manager, managers, shared)
        # "Fältgruppen – enhetschef Lina Haddad, 076-122 80 45": the details on the unit's line.
        mine = details_after(manager, managers, block)
        email, phone = email or mine[0], phone or mine[1]
        if own.contact_name is None or same_person(own.contact_name, manager):
            # "Enhet: X / Enhetschef: Eva Lind / E-post: eva.lind@… / Telefon: 08-…": the
            # block names no one else, so its labelled lines below her name are hers.
            email, phone = email or address_in(block), phone or phone_in(block)
        if not same_person(own.contact_name, manager):
            own = replace(own, contact_email=None, contact_phone=None)
        result.append(
            replace(
                own,
                contact_name=manager,
                contact_email=email or own.contact_email,
                contact_phone=phone or own.contact_phone,
                contact_email_from_sender=False if email else own.contact_email_from_sender,
            )
        )
    return result


def contact_with_unit(own: SignupFields, block: str, name: str) -> SignupFields:
    """ "Varje förskola har en egen kontaktperson:" over "Förskolan Ugglan – Eva Lind, …": the
    person named with the unit is its contact, unless the unit's block names one outright."""
    if own.contact_name or (person := person_with_unit(block, name)) is None:
        return own
    contact, email, phone = person
    return replace(
        own,
        contact_name=contact,
        contact_email=email,
        contact_phone=phone,
        contact_email_from_sender=False,
    )


def contact_above(own: SignupFields, above: SignupFields) -> SignupFields:
    """A unit whose block says "samma kontaktperson som ovan" (a web form's free-text field
    under the first unit's fields): the unit above's contact, and its organisation when the
    block names none, as the two are told as one."""
    return replace(
        own,
        contact_name=above.contact_name,
        contact_email=above.contact_email,
        contact_phone=above.contact_phone,
        contact_email_from_sender=above.contact_email_from_sender,
        organisation=own.organisation or above.organisation,
        organisation_as_written=own.organisation_as_written or above.organisation_as_written,
        organisation_known=own.organisation_known if own.organisation else above.organisation_known,
    )
