"""The organisation a sign-up belongs to, chosen among the organisations its mail names.

A mail names more than its own organisation: the district that buys the care ("på uppdrag
av Farsta sdf"), a partner ("samarbetar med …"), a name the writer takes back ("jag skrev
Socialförvaltningen men …"). The label's value comes first, then the first strong mention
that is none of those, then a district named alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.signups.extract.districtplaces import is_place, part_after_unit
from bot.signups.extract.organisations import OrganisationMatch, find_organisations, fold


def canonical_organisation(
    labelled: str | None, text: str, subject: str = ""
) -> OrganisationMatch | None:
    """The organisation of a sign-up: its label's value first, then the first strong mention.

    `labelled` is what a label or the old patterns read; an organisation the list does not
    know is kept as written (`known` False) so that the staff can look at it. The subject
    is read last ("Anmälan: Vittra Kista"), when the text names no organisation.
    """
    found = _canonical(labelled, text)
    if found is None and subject:
        found = _canonical(None, subject)
    return found


def _canonical(labelled: str | None, text: str) -> OrganisationMatch | None:
    # "Vi driver boendet på uppdrag av Hägersten-Älvsjö sdf": the district buys the care;
    # the provider named elsewhere in the mail is the unit's organisation.
    mentions = find_organisations(text)
    # "Jag skrev Socialförvaltningen i anmälan men …": a name the writer takes back, too.
    buyers = {
        m.name
        for m in mentions
        if _COMMISSIONED.search(text[max(0, m.position - 30) : m.position])
        or _TAKEN_BACK.search(text[max(0, m.position - 30) : m.position])
        or _PARTNER.search(text[max(0, m.position - 30) : m.position])
        or _ADDRESSEE.search(text[max(0, m.position - 60) : m.position])
    }
    providers = [m for m in mentions if m.name not in buyers and not m.weak]
    # A property company's "Förvaltningsområde Söder" is the company's area, named like a
    # district: the company the mail names owns it.
    areas = [m for m in providers if fold(m.written).startswith("forvaltningsomrade")]
    providers = [m for m in providers if m not in areas] or areas
    if labelled:
        found = find_organisations(labelled, bare_districts=True)
        if found and (found[0].name not in buyers or not providers):
            # "Organisation: Humana Assistans & LSS": the label's value is the form written;
            # a department after a comma is not ("Farsta sdf, avdelningen för äldre").
            return replace(found[0], written=_before_department(labelled, found[0]))
    if providers:
        return providers[0]
    strong = [m for m in mentions if not m.weak]
    if strong or mentions:
        return (strong or mentions)[0]
    if labelled and not re.fullmatch(r"(?i)stockholms?(?: stad)?", labelled.strip()):
        return OrganisationMatch(labelled, labelled, False)
    # Last, a district named alone ("Rinkeby-Kista" under the mail) or by its double name,
    # which is the administration's rather than a place's ("i Hässelby-Vällingby"), or after
    # the unit's name ("Förskolan Äppelträdet i Bromma"): when the mail names no organisation
    # at all, the unit is the district's. "Mitt i Farsta" and "vi ligger i Farsta" are places.
    bare = [
        m
        for m in find_organisations(text, bare_districts=True)
        if ("-" in m.written or not is_place(text[max(0, m.position - 30) : m.position]))
        and (not m.part or part_after_unit(text, m.position, m.written))
    ]
    # The district's own name ("Spånga-Tensta sdf") before a part of it where the unit lies
    # ("Förskolan Eken i Tensta").
    bare.sort(key=lambda m: m.part)
    return bare[0] if bare else None


def _before_department(labelled: str, found: OrganisationMatch) -> str:
    comma = labelled.find(",")
    if comma > found.position + len(found.written) - 1:
        return labelled[:comma].strip()
    return labelled.strip()


_COMMISSIONED = re.compile(
    r"(?i)\b(?:på\s+uppdrag\s+(?:av|från|åt)|uppdrag\s+från|upphandla[dt]\s+av|avtal\s+med"
    r"|commissioned\s+by|under\s+contract\s+(?:with|to))\s+$"
)
# "Vi tillhör Idrottsförvaltningen och samarbetar med Farsta sdf": a partner, not the owner.
_PARTNER = re.compile(
    r"(?i)\b(?:samarbet\w*|samverka\w*|tillsammans|ihop|collaborat\w*|cooperat\w*"
    r"|partnership|together|working)\s+(?:med|with)\s+$"
)
# A letter's addressee line, "Till: Kvalitetsutmärkelsen, Stadsledningskontoret": the office
# the letter goes to, not the one it comes from.
_ADDRESSEE = re.compile(r"(?im)^[ \t]*(?:till|to|mottagare)[ \t]*:[^\n]*\Z")
_TAKEN_BACK = re.compile(
    r"(?i)\b(?:skrev|skrivit|angav|angett|(?:inte|ej)(?:\s+(?:till|under|i|hos|på))?"
    r"|istället\s+för|i\s+stället\s+för|felaktigt"
    r"|wrote|not|instead\s+of)\s+$"
)
