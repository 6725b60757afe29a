"""The words that name a role in a sign-up: the unit's manager, its contact, new details.

The roles pass (`roles.py`) cuts a sentence at these words and looks for the person each
points at; the roundabout ways of saying the same are in `rolecues.py`.
"""

from __future__ import annotations

from bot.signups.extract.vocabulary import MAIL_W, PHONE_W, UPPER

# A role word for the unit's manager. A deputy ("biträdande rektor") is not the manager.
MANAGER_WORDS = (
    r"(?<![\w-])(?:(?i:(?:\w+-)?\w*chef(?:en|ens|s)?|(?:\w+-)?\w*rektor(?:n|ns|s)?|föreståndar(?:e|en)|\w*manager"
    # A "Head of Quality" or "Head of Science" is a colleague, not the school's head.
    r"|principal(?!\s+contact)|head\s+of\s+(?:the\s+)?(?:(?:pre)?school|unit|centre|center|operations"
    r"|department|division|section|office|administration|branch|service)s?\b"
    r"|head\s*teacher"
    r"|(?:pre)?school\s+head"
    r"|verksamhetsansvarig"
    # "Förskolan Hagen leds av Eva Lind", "is headed by": the person who leads the unit.
    r"|leds\s+av|(?:is\s+)?(?:led|headed|managed)\s+by"
    r"|ansvarig\s+för\s+(?:verksamheten|enheten|förskolan|skolan|boendet|arbetet))"
    # "EC = jag", "EC: Eva Lind": the enhetschef, as the city's staff abbreviate it.
    r"|EC(?=\s*[=:]|\s+är\b))(?!\w)"
)
CONTACT_WORDS = (
    # "kontakt också jag, tel …": a hurried mail's "likewise" before whom it points at.
    rf"(?i:kontakt)(?=:?\s+(?:(?i:också|även)\s+)?(?:[{UPPER}0-9+]|(?i:är|blir|var|jag|undertecknad|mig"
    # "kontakt kan vara Jelena Ek": who the contact may be is who it is.
    rf"|(?:kan|får|ska|skall|bör|kommer\s+att)\s+(?:vara|bli))\b"
    # "Jag är samordnare och kontakt: lina.ek@…": a lower-case address after the colon.
    rf"|(?<=:\s)[\w.+-]+@"
    # "Kontakt: fritidsledare Hodan Farah", "kontakt: bitr. fsk-chef Yasmin Haddad": the
    # contact's title before the name.
    rf"|(?!(?:med|till|från|via|genom|under|inom|efter|with)\b)[a-zåäöé][\w/-]{{3,}}\.?\s+"
    rf"(?:[a-zåäöé][\w/.-]{{2,}}\s+)?[{UPPER}]))"
    rf"|(?i:(?:main|primary|principal)\s+contact|contact(?=\s+(?:is|will\s+be)\b))"
    # "Jag är kontakt.", "det är hon som är kontakt också", "sköter kontakten", "Eva kan
    # vara kontakt"; "Jag är pedagog och kontakt, 072-…", "jag är fritidsledare och kan vara
    # kontakt": the writer's title, then the contact.
    # "För Ekbacken är jag själv kontakt, 070-…", "där är jag kontakt": the verb first.
    rf"|(?i:(?:(?<=är\s)|(?<=som\s)|(?<=vara\s)|(?<=bli\s)|(?<=blir\s)"
    rf"|(?<=är\sjag\s)|(?<=\bjag\ssjälv\s)|(?<=\bär\ssjälv\s)"
    rf"|(?<=\bär\s)[\w.-]+\s+(?:och|&)\s+(?:kan\s+vara\s+|blir\s+)?)"
    rf"kontakt(?=\s*(?:[.,;!–-]|också\b|tills\b|$)|\s+(?:och|samt)\s"
    # "… är kontakt tel 070-…": the details straight after.
    rf"|\s+(?:{PHONE_W}|{MAIL_W})\b)|sköt(?:er|a)\s+kontakten\b"
    # "Jag tar gärna själv kontakten med er": the writer keeps in touch with the award.
    rf"|(?:tar|håller|sköter)\s+(?:gärna\s+|också\s+|själv\s+)*(?:i\s+)?kontakten"
    rf"(?=\s*(?:[,.;!]|$)|\s+med\s+(?:er|dig|kvalitetsutmärkelsen)\b)"
    # "från och med nu är Amanda Rosén kontakt istället för mig": the contact in place of.
    rf"|kontakt(?=\s+(?:istället|i\s+stället)\s+för\b)"
    # "Jag har tagit över kontakten", "jag tar över som kontaktperson": a new contact.
    rf"|(?:tar|tagit|tog)\s+över\s+(?:som\s+)?kontakt(?:en|person(?:en)?)?\b"
    # "Kontakten sköts av Linus Ek", "please reach out to our coordinator, Aisha Bello".
    rf"|kontakt(?:en)?\s+(?:sköts|hanteras|tas)\s+av|(?:reach\s+out\s+to|get\s+in\s+touch\s+with)\b"
    # "Jag nås på …", "Mig når ni på …", "jag samordnar anmälan": the writer offers herself.
    rf"|(?<=jag\s)nås\b|(?<=mig\s)når\s+(?:ni|du)\b|kontaktuppgifter(?=\s+(?:till|för)\s+mig\b)"
    rf"|(?:samordnar|håller\s+i|sköter)\s+(?:arbetet\s+med\s+)?(?:ansökan|anmälan|anmälningen)\b"
    rf"|svarar\s+(?:gärna\s+)?på\s+(?:frågor|era\s+frågor)"
    # "Frågor kan ställas till vår samordnare, Emil Ek": the person questions go to.
    rf"|frågor(?:na)?\s+(?:om\s+\w+\s+)?(?:kan\s+)?(?:ställas|skickas|riktas|besvaras)\s+(?:till|av)"
    # "Frågor om anmälan kan ni ställa till mig": the same, said to the reader.
    rf"|frågor(?:na)?\s+(?:om\s+\w+\s+)?(?:kan|får)\s+(?:ni|du)\s+(?:gärna\s+)?(?:ställa|skicka|rikta)\s+till"
    # "Vid frågor, kontakta Lena Holm": the person to ask.
    rf"|(?:vid|för|om\s+ni\s+har)\s+frågor,?\s+(?:kontakta|ring|mejla|maila|vänd\s+er\s+till)"
    rf"|questions\s+(?:\w+\s+)?(?:can|may|should)\s+be\s+(?:sent|directed|addressed)\s+to)|(?i:the\s+contact)(?=\s*[,.:;(–—]|\s+-\s|\s+for\b)|(?i:kontakt[ -]?person(?:en|ens)?|kontakt\s+(?:för|i)\s+\w+|contact\s+person"
    # "ni kan ringa mig 08-… om ni har frågor": the infinitive after "kan" too.
    r"|(?:kontakta|nå|når|nås|reach|contact|ringa?|mejla|maila|call|email|e-mail)"
    r"(?=\s+(?:gärna\s+|mig|me|us|our\s|vår\s|min\s|my\s))"
    r"|(?:återkom|hör\s+(?:gärna\s+)?av\s+(?:er|dig)|vänd\s+(?:er|dig)|ställas|skickas|riktas|besvaras\s+av)"
    r"(?=\s+(?:gärna\s+)?(?:till\s+)?mig))(?!\w)"
)
# A correction that gives only a number or an address: "Rätt nummer är …".
DETAILS_WORDS = (
    r"(?i:(?:rätt|korrekt|nytt|ny|nya)\s+(?:telefon|mobil)?nummer|(?:det\s+)?rätta?\s+är"
    r"|(?:rätt|korrekt|ny|nya)\s+"
    r"(?:e-?post|mejl|mail)(?:adress)?|(?:correct|new)\s+(?:phone\s+)?number"
    r"|(?:(?:correct|new)\s+|change\s+(?:the\s+|our\s+)?(?:contact\s+)?)e-?mail(?:\s+address)?)(?!\w)"
)
