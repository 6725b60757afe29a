"""Corrections in a unit's thread: what a reply states is applied and shown old → new, a
new contact keeps none of the old one's details, and a yes to the receipt's question needs
no answer. Real MIME through the app, real database, mail out of .Sent.
"""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import select

from bot.models import InboundMessage, PendingChange, Unit
from bot.runner import App
from bot.signups.extract import SignupFields, extract_signup, read_reply
from tests.conftest import body_text, cycle, make_mail, put, sent
from tests.test_signup_receipt import LABELLED, PROSE, html_part, table_row, units_of


def test_prose_correction_is_applied_and_shown_old_to_new(app: App) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    receipt = sent(app)[0]
    correction = make_mail(
        "Hej!\n\nKontaktperson är numera Ahmed Karimi, ahmed.karimi@edu.stockholm.se, "
        "08-508 123 99.\n\nHälsningar\nMaria Sjöberg\n",
        sender="maria.sjoberg@edu.stockholm.se",
        sender_name="Maria Sjöberg",
        subject=f"SV: {receipt['Subject']}",
        in_reply_to=str(receipt["Message-ID"]).strip().strip("<>"),
    )
    put(app, correction)
    cycle(app)
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_email) == (
        "Ahmed Karimi",
        "ahmed.karimi@edu.stockholm.se",
    )
    answer = sent(app)[-1]
    text = body_text(answer)
    assert "Vi har ändrat er anmälan" in text
    assert table_row(text, "Kontaktperson:").endswith("Ahmed Karimi * (tidigare: Sofia Öberg)")
    assert table_row(text, "E-post:").endswith(
        "ahmed.karimi@edu.stockholm.se * (tidigare: sofia.oberg@edu.stockholm.se)"
    )
    # Unchanged values are shown as they are, without an old value or a mark.
    assert table_row(text, "Chef:") == "Chef:            Maria Sjöberg"
    assert "(tidigare: Sofia Öberg)" in html_part(answer)


def test_a_correction_of_the_organisation_leaves_the_registered_contact(app: App) -> None:
    sender = {"sender": "tomas.akerlund@stockholm.se", "sender_name": "Åkerlund Tomas"}
    first = LABELLED.replace("Förskolan Trollskogen", "Vård- och omsorgsboendet Ålstensgården")
    put(app, make_mail(first.replace("Skarpnäcks", "Bromma"), **sender))
    cycle(app)
    receipt = sent(app)[0]
    correction = (
        "Hej igen,\n\nEn sak blev fel i min anmälan: boendet tillhör inte längre Bromma, vi "
        "flyttades till Äldreförvaltningen vid omorganisationen. Allt annat stämmer.\n\n"
        "Vänliga hälsningar\nTomas Åkerlund\nEnhetschef\n"
    )
    put(app, make_mail(correction, subject=f"SV: {receipt['Subject']}", **sender,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = units_of(app)
    assert unit.organisation == "Äldreförvaltningen"
    assert (unit.contact_name, unit.contact_email) == ("Anna Berg", "anna.berg@edu.stockholm.se")
    text = body_text(sent(app)[-1])
    assert "Äldreförvaltningen * (tidigare: Bromma stadsdelsförvaltning)" in text
    assert "kontaktpersonen är" not in text


def test_a_new_contact_does_not_inherit_the_old_contacts_address(app: App) -> None:
    sender = {"sender": "malin.ahlund@stockholm.se", "sender_name": "Malin Åhlund"}
    first = (
        "Hej! Förskolan Tranan, Östermalms sdf, vill anmäla sig. Chef: Elisabet Grip. "
        "Jag är kontaktperson: Malin Åhlund, 070-452 10 08.\n\nSkickat från min iPhone\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    receipt = sent(app)[0]
    [unit] = units_of(app)
    assert unit.contact_email == "malin.ahlund@stockholm.se"
    answer = (
        "Kontaktperson ska vara Lina Ek 0701234567 inte jag. Mvh Malin\n\nSkickat från min iPhone\n"
    )
    put(app, make_mail(answer, subject=f"SV: {receipt['Subject']}", **sender,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Lina Ek",
        None,
        "0701234567",
    )
    assert unit.signup_status == "registered"
    text = body_text(sent(app)[-1])
    assert (
        table_row(text, "E-post:")
        == "E-post:          (saknas) (tidigare: malin.ahlund@stockholm.se)"
    )
    assert table_row(text, "Kontaktperson:").endswith("Lina Ek * (tidigare: Malin Åhlund)")


def test_details_beside_the_registered_contacts_name_are_the_contacts(app: App) -> None:
    sender = {"sender": "mats.lindgren@stockholm.se", "sender_name": "Lindgren Mats"}
    first = (
        "Hej,\n\nHemtjänsten Bagarmossen anmäler sig.\nFörvaltning: Skarpnäcks "
        "stadsdelsförvaltning\nChef: Mats Lindgren\nKontaktperson: Fatma Kaya\n\nMats\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    request = sent(app)[0]
    assert request["X-Kvalitetsbot-Kind"] == "signup-incomplete"
    answer = "Hej,\n\nHär kommer Fatmas kontaktuppgifter: fatma.kaya@stockholm.se, 08-508 15 622.\n\nMats\n"
    put(app, make_mail(answer, subject=f"SV: {request['Subject']}", **sender,
                       in_reply_to=str(request["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Fatma Kaya",
        "fatma.kaya@stockholm.se",
        "08-508 15 622",
    )
    assert unit.signup_status == "registered"
    assert sent(app)[-1]["X-Kvalitetsbot-Kind"] == "signup-receipt"


def test_yes_to_the_receipts_question_needs_no_answer_but_a_yes_with_a_but_goes_to_staff(
    app: App,
) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    receipt = sent(app)[0]
    thread = {
        "sender": "maria.sjoberg@edu.stockholm.se",
        "subject": f"SV: {receipt['Subject']}",
        "in_reply_to": str(receipt["Message-ID"]).strip().strip("<>"),
    }
    put(app, make_mail("Ja, det stämmer!\n\nMvh Maria\n", **thread))
    cycle(app)
    assert len(sent(app)) == 1
    put(app, make_mail("Ja, men det är inte riktigt rätt.\n\nMvh Maria\n", **thread))
    cycle(app)
    assert len(sent(app)) == 1
    with app.sessions() as session:
        statuses = session.scalars(select(InboundMessage.status).order_by(InboundMessage.id))
        assert list(statuses) == ["handled", "handled", "staff"]


def test_a_second_signup_shows_what_it_changed(app: App) -> None:
    put(app, make_mail(LABELLED))
    cycle(app)
    put(app, make_mail(LABELLED.replace("08-508 123 45", "08-508 999 99")))
    cycle(app)
    text = body_text(sent(app)[-1])
    assert "uppdaterat den med uppgifterna i ert senaste mejl" in text
    assert table_row(text, "Telefon:") == "Telefon:         08-508 999 99 (tidigare: 08-508 123 45)"
    assert table_row(text, "Chef:") == "Chef:            Maria Öberg"


def test_a_name_spelled_right_keeps_the_persons_details(app: App) -> None:
    sender = {"sender": "maria.sjoberg@edu.stockholm.se", "sender_name": "Maria Sjöberg"}
    put(app, make_mail(PROSE, **sender))
    cycle(app)
    receipt = sent(app)[0]
    answer = (
        "Hej! Sofia heter Sofia Öberg-Lind, inte Öberg, och chefen heter Marie, inte Maria."
        "\n\nMvh Maria\n"
    )
    put(app, make_mail(answer, subject=f"SV: {receipt['Subject']}", **sender,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = units_of(app)
    assert (unit.manager_name, unit.contact_name) == ("Marie Sjöberg", "Sofia Öberg-Lind")
    assert (unit.contact_email, unit.contact_phone) == (
        "sofia.oberg@edu.stockholm.se",
        "08-508 123 45",
    )


def _signed_up_and_answered(app: App, signup: str, answer: str) -> Unit:
    """The unit after Maria Sjöberg signs up with `signup` and answers the receipt."""
    sender = {"sender": "maria.sjoberg@edu.stockholm.se", "sender_name": "Maria Sjöberg"}
    put(app, make_mail(signup, **sender))
    cycle(app)
    receipt = sent(app)[0]
    put(app, make_mail(answer, subject=f"SV: {receipt['Subject']}", **sender,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)
    [unit] = units_of(app)
    return unit


def test_a_name_written_again_with_its_accents_is_put_right(app: App) -> None:
    unit = _signed_up_and_answered(
        app,
        PROSE.replace("Sofia Öberg", "Sofia Oberg"),
        "Hej! Sofia vill ha sitt namn rätt stavat: Sofia Öberg, med ö.\n\n/Maria\n",
    )
    assert (unit.manager_name, unit.contact_name) == ("Maria Sjöberg", "Sofia Öberg")
    assert unit.contact_email == "sofia.oberg@edu.stockholm.se"


def test_the_units_name_put_right_by_its_kinds_word(app: App) -> None:
    unit = _signed_up_and_answered(
        app,
        PROSE.replace("Solbackens förskola", "Förskolan Solbacke"),
        "Hej, jag stavade fel. Förskolan heter Solbacken, med n på slutet.\n/Maria\n",
    )
    assert unit.unit_name == "Förskolan Solbacken"
    assert unit.manager_name == "Maria Sjöberg"


def test_a_reply_naming_the_unit_by_part_of_its_name_does_not_rename_it() -> None:
    current = SignupFields(unit_name="Förskolan Ekbacken", manager_name="Eva Lund")
    text = "Hej! Ekbacken har fått ny chef från 1 april: Anna Ström."
    fields = replace(extract_signup(text, sender_name="Eva Lund"), unit_name="Ekbacken")
    read = read_reply(fields, current, text, sender_name="Eva Lund")
    assert read.unit_name is None


def test_a_name_typed_without_its_accents_in_a_reply_is_no_correction() -> None:
    current = SignupFields(unit_name="Förskolan Ekbacken", manager_name="Jelena Marković")
    text = "Hej! Jelena Markovic har nytt nummer: 070-123 45 67.\n/Eva"
    read = read_reply(extract_signup(text), current, text, sender_name="Eva Lund")
    assert read.manager_name in (None, "Jelena Marković")


def _reply(app: App, body: str, **sender: str) -> None:
    receipt = sent(app)[0]
    put(app, make_mail(body, subject=f"SV: {receipt['Subject']}", **sender,
                       in_reply_to=str(receipt["Message-ID"]).strip().strip("<>")))  # fmt: skip
    cycle(app)


def test_a_company_named_with_its_ab_in_a_correction_is_the_organisation_not_the_unit(
    app: App,
) -> None:
    sender = {"sender": "lisa.fors@kulturhusetstadsteatern.se", "sender_name": "Lisa Fors"}
    first = (
        "Hej!\n\nScenteknik Plattan anmäler sig till Kvalitetsutmärkelsen 2027. Chef: Per Ahl. "
        "Kontakt: Lisa Fors, lisa.fors@kulturhusetstadsteatern.se, 08-508 111 22.\n\n"
        "Kulturförvaltningen\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    _reply(
        app,
        "Hej,\n\nJag skrev fel organisation. Vi hör inte till Kulturförvaltningen utan till "
        "bolaget Kulturhuset Stadsteatern AB. Övrigt stämmer.\n\nMvh Lisa\n",
        **sender,
    )
    [unit] = units_of(app)
    assert (unit.unit_name, unit.organisation) == (
        "Scenteknik Plattan",
        "Kulturhuset Stadsteatern AB",
    )


def test_a_reply_naming_the_same_organisation_keeps_the_form_the_signup_wrote(app: App) -> None:
    sender = {"sender": "omar.ali@familjebostader.se", "sender_name": "Omar Ali"}
    first = (
        "Hej,\n\nFamiljebostäders kundcenter i Skärholmen anmäler sig till Kvalitetsutmärkelsen "
        "2027. Chef: Berit Sand. Kontaktperson: Omar Ali, omar.ali@familjebostader.se.\n\n"
        "Hälsningar\nOmar Ali\nAB Familjebostäder\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    _reply(
        app,
        "Hej!\n\nVi har fått ny chef: Karl Holm tar över efter Berit Sand. Resten stämmer.\n\n"
        "Tack!\nOmar Ali\nKundcenter Skärholmen, Familjebostäder AB\n",
        **sender,
    )
    [unit] = units_of(app)
    # The sign-up's "Familjebostäders", without its genitive ending.
    assert (unit.manager_name, unit.organisation, unit.organisation_as_written) == (
        "Karl Holm",
        "AB Familjebostäder",
        "Familjebostäder",
    )


def _pending(app: App) -> list[dict[str, str]]:
    with app.sessions() as session:
        return [json.loads(c) for c in session.scalars(select(PendingChange.changes))]


def test_the_number_put_right_by_a_writer_who_is_not_the_contact(app: App) -> None:
    # Maria is the manager; Sofia the contact. "Telefonnumret" is the registration's one number.
    unit = _signed_up_and_answered(
        app,
        PROSE,
        "Hej, telefonnumret jag skrev blev fel, det ska vara 08-508 123 54. Resten stämmer.\n"
        "\nMaria Sjöberg\n",
    )
    assert (unit.contact_name, unit.contact_phone) == ("Sofia Öberg", "08-508 123 54")
    assert unit.contact_email == "sofia.oberg@edu.stockholm.se"


def test_a_number_said_to_be_someone_elses_is_not_the_contacts() -> None:
    current = SignupFields(
        unit_name="Förskolan Ekbacken",
        manager_name="Eva Lund",
        contact_name="Per Holm",
        contact_phone="08-508 111 11",
    )
    for text in (
        "Hej! Eva Lunds nummer är fel i kvittot, det ska vara 070-222 33 44.\n/Eva",
        "Hej! Numret till växeln blev fel, det ska vara 08-508 100 00.\n/Eva",
    ):
        read = read_reply(extract_signup(text), current, text, sender_name="Eva Lund")
        assert read.contact_phone in (None, "08-508 111 11"), text


def test_a_surname_with_a_glued_prefix_is_read_whole_and_her_number_put_right(app: App) -> None:
    sender = {"sender": "isla.mcgregor@stockholm.se", "sender_name": "McGregor Isla"}
    first = (
        "Hej!\nVi på Träffpunkt Årsta, Enskede-Årsta-Vantörs sdf, anmäler oss.\n"
        "Chef: Jonas Ekdahl\nKontakt: jag, Isla McGregor, arbetsterapeut\n\n"
        "Isla McGregor\nTfn 08-508 14 367\n"
    )
    put(app, make_mail(first, **sender))
    cycle(app)
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_email) == ("Isla McGregor", sender["sender"])
    answer = "Hej,\nsiffrorna blev omkastade, mitt nummer är 08-508 14 376 (inte 367).\nIsla\n"
    _reply(app, answer, **sender)
    [unit] = units_of(app)
    assert (unit.contact_name, unit.contact_phone) == ("Isla McGregor", "08-508 14 376")


def test_a_new_acting_manager_named_in_a_reply(app: App) -> None:
    unit = _signed_up_and_answered(
        app,
        PROSE,
        "Hej! Vi har fått ny chef. Maria Sjöberg har slutat och från och med 1 april är "
        "Karin Holmström tf. förskolechef för Solbacken. Sofia är fortfarande kontaktperson.\n"
        "\n/Sofia\n",
    )
    assert (unit.manager_name, unit.contact_name) == ("Karin Holmström", "Sofia Öberg")


def test_a_late_manager_who_takes_over_as_contact_by_she(app: App) -> None:
    unit = _signed_up_and_answered(
        app,
        PROSE,
        "Hej igen!\n\nNu har vår nya förskolechef börjat: Karin Holmström. Hon tar även över "
        "som kontaktperson, karin.holmstrom@edu.stockholm.se, 08-508 123 77.\n\nMvh Maria\n",
    )
    assert (unit.manager_name, unit.contact_name) == ("Karin Holmström", "Karin Holmström")
    assert (unit.contact_email, unit.contact_phone) == (
        "karin.holmstrom@edu.stockholm.se",
        "08-508 123 77",
    )


def test_a_held_takeover_is_read_right_and_goes_to_the_registered_contact(app: App) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    takeover = (
        "Hej,\n\nSofia bad mig ta över som kontaktperson för anmälan. Maria är fortfarande "
        "chef.\n\nMed vänlig hälsning\nOmid Rahimi\nPedagog\n"
        "Tel 08-508 123 61\n"
    )
    _reply(app, takeover, sender="omid.rahimi@edu.stockholm.se", sender_name="Rahimi Omid")
    [unit] = units_of(app)
    assert unit.contact_name == "Sofia Öberg"  # held: not from a registered address
    [change] = _pending(app)
    # "Sofia bad mig …" opens a sentence about a person, not a unit's name.
    assert change.get("unit_name") in (None, "Solbackens förskola")
    assert (change["contact_name"], change["contact_phone"]) == ("Omid Rahimi", "08-508 123 61")
    told = {m["To"].addresses[0].addr_spec: m["X-Kvalitetsbot-Kind"] for m in sent(app)[1:]}
    assert told == {
        "sofia.oberg@edu.stockholm.se": "change-confirmation",
        "omid.rahimi@edu.stockholm.se": "change-held",
    }


def test_a_place_in_the_registered_units_name_is_no_new_organisation() -> None:
    current = SignupFields(
        unit_name="Bromma gymnasium",
        organisation="Utbildningsförvaltningen",
        manager_name="Eva Lund",
        contact_name="Per Holm",
        contact_email="per.holm@stockholm.se",
    )
    text = (
        "Hej,\n\nMin nya adress är per.holm@edu.stockholm.se, inte @stockholm.se.\n\n"
        "Hälsningar\nPer Holm\nLärare i fysik, Bromma gymnasium\n"
    )
    fields = extract_signup(text, sender_name="Per Holm")
    read = read_reply(fields, current, text, sender_name="Per Holm")
    assert read.organisation in (None, "Utbildningsförvaltningen")
    assert read.contact_email == "per.holm@edu.stockholm.se"


def test_an_organisation_put_right_does_not_rename_the_unit() -> None:
    current = SignupFields(
        unit_name="Biljettkassan",
        organisation="Kulturförvaltningen",
        manager_name="Eva Lund",
        contact_name="Per Holm",
    )
    text = (
        "Hej,\n\nOrganisationen blev fel. Vi hör inte till Kulturförvaltningen utan till "
        "bolaget Stockholms Stadsteater AB. Övrigt stämmer.\n\n/Per\n"
    )
    fields = replace(
        extract_signup(text, sender_name="Per Holm"),
        unit_name="Stockholms Stadsteater AB",
        organisation="Stockholms Stadsteater AB",
    )
    read = read_reply(fields, current, text, sender_name="Per Holm")
    assert read.unit_name is None
    assert read.organisation == "Stockholms Stadsteater AB"


def test_a_manager_who_says_the_contact_is_right_is_not_made_the_contact(app: App) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    answer = (
        "Hej!\n\nMaria har skickat kvittot vidare till mig. Chef blev fel: det är jag, Henrik "
        "Falk, som är förskolechef, inte Maria. Sofia är kontaktperson, det stämmer.\n\n"
        "Hälsningar\nHenrik Falk\nFörskolechef\n"
    )
    _reply(app, answer, sender="henrik.falk@edu.stockholm.se", sender_name="Falk Henrik")
    [change] = _pending(app)  # held: Henrik writes from an address not registered
    assert change["manager_name"] == "Henrik Falk"
    assert "contact_name" not in change and "contact_email" not in change


# The bot's receipt as a phone quotes it under a reply: spelled with å/ä/ö by the bot.
_QUOTED_RECEIPT = (
    "\n\nSkickat från min Galaxy\n\n\n"
    "Den 2 mars 2027 10:15 skrev Kvalitetsutmärkelsen <kvalitetsutmarkelsen@stockholm.se>:\n\n"
    "> Tack för er anmälan till Kvalitetsutmärkelsen 2027. Vi har registrerat:\n>\n"
    "> Enhet: Solbackens förskola\n> Kontaktperson: Sofia Öberg\n>\n"
    "> Stämmer något inte? Svara på det här mejlet så rättar vi.\n"
)


def test_a_reply_typed_without_capitals_or_nordic_letters_above_the_quoted_receipt(
    app: App,
) -> None:
    # The quote and the phone's footer are spelled by others: the writer's "ar" is "är" and
    # "min kollega" is no part of the new contact's name.
    unit = _signed_up_and_answered(
        app,
        PROSE,
        "hej kan ni byta kontaktperson till min kollega lina ek, hon ar var specialpedagog. "
        "lina.ek@edu.stockholm.se 070 123 45 67. jag ar kvar som chef\nmvh maria" + _QUOTED_RECEIPT,
    )
    assert unit.manager_name == "Maria Sjöberg"
    assert (unit.contact_name or "").casefold() == "lina ek"
    assert (unit.contact_email, unit.contact_phone) == ("lina.ek@edu.stockholm.se", "070 123 45 67")


_EKORREN = (
    "Hej!\n\nFörskolan Ekorren i Skarpnäcks stadsdelsförvaltning anmäler sig till "
    "Kvalitetsutmärkelsen 2027.\n\nChef: Jonatan Lindqvist\nKontaktperson: Maria Sjöberg\n"
    "Tel: 08-508 123 45\n\nHälsningar\nMaria Sjöberg\nPedagogista\n"
)


def test_a_managers_name_put_right_in_the_sentence_after_the_one_about_spelling(
    app: App,
) -> None:
    # "chefens efternamn" is the manager's post owning a name: the writer is not the manager.
    unit = _signed_up_and_answered(
        app,
        _EKORREN,
        "Hej,\n\nJag skrev chefens efternamn fel. Det ska vara Jonatan Lindkvist, med k.\n\n"
        "/Maria\n",
    )
    assert (unit.manager_name, unit.contact_name) == ("Jonatan Lindkvist", "Maria Sjöberg")


def test_a_new_manager_named_in_the_sentence_after_the_post(app: App) -> None:
    signup = _EKORREN.replace(
        "Chef: Jonatan Lindqvist\n", "Vi har ingen chef just nu, tjänsten är under rekrytering.\n"
    )
    unit = _signed_up_and_answered(
        app,
        signup,
        "Hej!\n\nNu har vi äntligen fått en ny förskolechef. Han heter Ville Koivisto och "
        "började i måndags. Kan ni lägga till honom i anmälan?\n\nHälsningar\nMaria\n",
    )
    assert (unit.manager_name, unit.contact_name) == ("Ville Koivisto", "Maria Sjöberg")
    assert unit.signup_status == "registered"


def test_a_deputy_or_a_vacant_post_introduces_no_manager() -> None:
    current = SignupFields(unit_name="Förskolan Ekorren", manager_name="Eva Lund")
    for text in (
        "Hej! Vi har fått en ny biträdande förskolechef. Hon heter Anna Ström.\n/Per",
        "Hej! Vi har ingen chef längre. Hon heter Anna Ström som slutade.\n/Per",
    ):
        read = read_reply(extract_signup(text), current, text, sender_name="Per Holm")
        assert read.manager_name in (None, "Eva Lund"), text


def test_a_held_takeover_names_no_organisation_the_old_contact_moved_to(app: App) -> None:
    put(app, make_mail(PROSE, sender="maria.sjoberg@edu.stockholm.se", sender_name="Maria Sjöberg"))
    cycle(app)
    takeover = (
        "Hej,\n\nSofia Öberg har gått vidare till en ny tjänst på Utbildningsförvaltningen, så "
        "jag tar över som kontaktperson för vår anmälan. Maria är fortfarande chef.\n\n"
        "Hälsningar\nOmid Rahimi\nPedagog, Solbackens förskola\nMobil 070-555 12 34\n"
    )
    _reply(app, takeover, sender="omid.rahimi@edu.stockholm.se", sender_name="Omid Rahimi")
    [unit] = units_of(app)
    assert unit.contact_name == "Sofia Öberg"  # held: not from a registered address
    [change] = _pending(app)
    assert "organisation" not in change
    assert (change["contact_name"], change["contact_phone"]) == ("Omid Rahimi", "070-555 12 34")


def test_a_unit_that_leaves_its_organisation_is_put_right() -> None:
    current = SignupFields(
        unit_name="Biljettkassan",
        organisation="Kulturförvaltningen",
        manager_name="Eva Lund",
        contact_name="Per Holm",
    )
    text = (
        "Hej,\n\nVi lämnar Kulturförvaltningen och hör från mars till bolaget Stockholms "
        "Stadsteater AB.\n\n/Per\n"
    )
    fields = replace(
        extract_signup(text, sender_name="Per Holm"),
        organisation="Stockholms Stadsteater AB",
        organisation_as_written="Stockholms Stadsteater AB",
    )
    read = read_reply(fields, current, text, sender_name="Per Holm")
    assert read.organisation == "Stockholms Stadsteater AB"


def test_a_name_in_the_genitive_or_stated_whole_is_not_respelled_letter_by_letter() -> None:
    current = SignupFields(
        unit_name="Förskolan Ekorren",
        manager_name="Mohammed Abdi",
        contact_name="Tarik Aydin",
        contact_email="tarik.aydn@stockholm.se",
    )
    text = "Hej! Jag stavade fel på Tariks mejladress, den ska vara tarik.aydin@stockholm.se.\n/Eva"
    read = read_reply(extract_signup(text), current, text, sender_name="Eva Lund")
    assert read.contact_name in (None, "Tarik Aydin")
    assert read.contact_email == "tarik.aydin@stockholm.se"
    stated = "Hej! Vår chef stavas Mohamed Cabdi (inte som jag skrev).\n/Eva"
    fields = replace(extract_signup(stated), manager_name="Mohamed Cabdi")
    read = read_reply(fields, current, stated, sender_name="Eva Lund")
    assert read.manager_name == "Mohamed Cabdi"


def test_a_unit_that_changed_its_name_is_registered_by_the_new_one(app: App) -> None:
    # "Skolan" stands for the unit whose registered name has another first word.
    signup = PROSE.replace("Solbackens förskola", "Kunskapsskolan Hagsätra")
    unit = _signed_up_and_answered(
        app,
        signup,
        "Hej,\n\nEn sak: skolan bytte namn i januari och heter nu Kunskapsskolan Rågsved. "
        "Allt annat stämmer.\n\n/Maria\n",
    )
    assert unit.unit_name == "Kunskapsskolan Rågsved"


def test_a_registered_name_given_in_full_replaces_the_short_one(app: App) -> None:
    # The contact's double surname: the same person, so her registered details stay hers.
    unit = _signed_up_and_answered(
        app,
        PROSE,
        "Hej igen!\n\nSofia bad mig säga att hennes fullständiga namn är Sofia Öberg Lindqvist, "
        "kan ni skriva så? Allt annat stämmer.\n\nMaria\n",
    )
    assert unit.contact_name == "Sofia Öberg Lindqvist"
    assert (unit.contact_email, unit.contact_phone) == (
        "sofia.oberg@edu.stockholm.se",
        "08-508 123 45",
    )
    assert unit.manager_name == "Maria Sjöberg"


def test_a_double_first_name_given_for_the_manager_is_put_in() -> None:
    current = SignupFields(
        unit_name="Förskolan Ekorren", manager_name="Eva Lund", contact_name="Per Holm"
    )
    text = "Hej! Eva påpekade att hon officiellt heter Eva-Britt Lund, kan ni ändra det?\n/Per"
    read = read_reply(extract_signup(text), current, text, sender_name="Per Holm")
    assert read.manager_name == "Eva-Britt Lund"
    # Someone else with the same first name is no fuller form of the manager's.
    other = "Hej! Vår nya pedagog heter Eva Holm och börjar i mars.\n/Per"
    read = read_reply(extract_signup(other), current, other, sender_name="Per Holm")
    assert read.manager_name in (None, "Eva Lund")


def test_a_contacts_label_after_the_managers_on_one_line_is_the_contacts(app: App) -> None:
    # "Chef: X (jag), kontakt: Y, …": each label starts its own person, and a reply about
    # the contact's number then puts the contact's number right.
    unit = _signed_up_and_answered(
        app,
        "Hej,\n\nGruppbostaden Tallbacken anmäler sig. Bromma sdf. Chef: Maria Sjöberg (jag), "
        "kontaktperson: Jonas Ek, stödassistent, jonas.ek@stockholm.se, 08-508 55 120.\n\n"
        "Mvh Maria\n",
        "Hej,\n\nJonas nummer blev fel, det ska vara 08-508 55 102. Förlåt!\n\nMaria\n",
    )
    assert (unit.manager_name, unit.contact_name, unit.contact_email, unit.contact_phone) == (
        "Maria Sjöberg",
        "Jonas Ek",
        "jonas.ek@stockholm.se",
        "08-508 55 102",
    )
