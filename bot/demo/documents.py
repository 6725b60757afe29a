"""Realistic documents for ``kvalitetsbot demo``: an entry, its PDF, the picture, minutes.

A unit's entry is written as units write it in Word: a title, the administrative
details, Ordlista, Inledning, then the five question areas with questions 1-22 (16 a-c
and 20 a-b included) as headings, each answered in Swedish. The same blocks are laid
out as a text PDF ("Spara som PDF"), so the Word/PDF comparison finds the same version.
The picture is a drawn 1920x1200 landscape JPEG without text, and the minutes extract
(protokollsutdrag) is a one-page PDF naming the unit.

Only the bot's own dependencies are used (python-docx, Pillow); nothing here needs
LibreOffice or Tesseract, so the demo runs from a fresh clone.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

import docx

from bot.demo.textpdf import Block, text_pdf
from bot.entries.documents.questions import AREAS, QUESTIONS

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
JPEG_TYPE = "image/jpeg"
YEAR = 2027


@dataclass(frozen=True)
class DemoUnit:
    """What a unit writes about itself in its entry and what its board's minutes say."""

    name: str
    administration: str
    district: str
    board: str  # the nämnd or styrelse that signs the minutes extract
    manager: str
    manager_email: str
    phone: str
    address: str
    employees: int
    children: int
    contact: str
    contact_email: str


TROLLSKOGEN = DemoUnit(
    name="Förskolan Trollskogen",
    administration="Skarpnäcks stadsdelsförvaltning",
    district="Skarpnäck",
    board="Skarpnäcks stadsdelsnämnd",
    manager="Maria Öberg",
    manager_email="maria.oberg@edu.stockholm.se",
    phone="08-508 100 00",
    address="Trollskogsvägen 4, 128 30 Skarpnäck",
    employees=24,
    children=96,
    contact="Anna Berg",
    contact_email="anna.berg@edu.stockholm.se",
)

SOLSTRALEN = DemoUnit(
    name="Förskolan Solstrålen",
    administration="Enskede-Årsta-Vantörs stadsdelsförvaltning",
    district="Enskede-Årsta-Vantör",
    board="Enskede-Årsta-Vantörs stadsdelsnämnd",
    manager="Lars Lind",
    manager_email="lars.lind@edu.stockholm.se",
    phone="08-508 200 00",
    address="Solstigen 12, 122 44 Enskede",
    employees=18,
    children=72,
    contact="Karin Lind",
    contact_email="karin.lind@edu.stockholm.se",
)

GLOSSARY: tuple[tuple[str, str], ...] = (
    ("APT", "Arbetsplatsträff, där alla medarbetare möts en gång i månaden"),
    ("SKA", "Systematiskt kvalitetsarbete"),
    ("ILS-webb", "Stadens system för planering och uppföljning av verksamheten"),
    ("Lpfö 18", "Läroplan för förskolan"),
    ("Vårdnadshavare", "Föräldrar eller andra som har vårdnaden om ett barn"),
)

# One answer per question id (20 a-b are answered in the prose of 20).
ANSWERS: dict[str, str] = {
    "1": (
        "Vi samtalar med vårdnadshavare varje dag vid lämning och hämtning och har "
        "utvecklingssamtal två gånger per år. Varje vår svarar vårdnadshavarna på stadens "
        "förskoleundersökning, och på hösten gör vi en egen kort enkät om inskolningen. "
        "Barnens egna önskemål fångar vi på morgonsamlingen, i barnintervjuer och genom att "
        "pedagogerna dokumenterar vad barnen väljer att leka med."
    ),
    "2": (
        "Barnen röstar om teman, utflyktsmål och material med bildstöd, och varje avdelning "
        "har ett barnråd som träffas varannan vecka. På individnivå planerar pedagogen "
        "tillsammans med barnet nästa steg i dess utveckling. Vårdnadshavarna deltar i "
        "föräldrarådet, som fyra gånger per år får ta del av och påverka våra prioriteringar."
    ),
    "3": (
        "Bemötande är en stående punkt på varje APT, där vi går igenom verkliga situationer "
        "och hur vi kunde ha agerat annorlunda. Nya medarbetare får en faddre under de första "
        "månaderna. Vi har gemensamma löften till vårdnadshavarna, till exempel att alltid "
        "återkoppla samma dag, och vi följer upp dem i enkäten varje år."
    ),
    "4": (
        "Vi analyserar resultaten uppdelat på kön och på avdelning och jämför barnens val av "
        "lek och material över tid. Pedagogerna filmar och granskar sina egna samlingar för "
        "att se vem som får ordet. Information till vårdnadshavare finns på flera språk, och "
        "vi använder tolk vid samtal när det behövs så att alla kan vara delaktiga."
    ),
    "5": (
        "I förskoleundersökningen ökade andelen nöjda vårdnadshavare från 84 till 93 procent "
        "på två år. Frågan om information om barnets utveckling låg lägst, så vi införde "
        "digital dokumentation varje vecka. Barnintervjuerna visade att de yngsta barnen ville "
        "vara mer utomhus, vilket ledde till att vi flyttade delar av dagens lärande ut."
    ),
    "6": (
        "Mitt ledarskap bygger på närvaro, tillit och tydlighet. Jag är ute i verksamheten "
        "varje dag, deltar i samlingar och ger återkoppling direkt. Jag delegerar ansvar till "
        "arbetslagen och förväntar mig att de fattar beslut i vardagen. När vi är oense lyfter "
        "jag frågan öppet på APT, och jag återkommer alltid med ett besked."
    ),
    "7": (
        "Vid verksamhetsårets början går vi tillsammans igenom nämndens mål och våra egna "
        "mål i verksamhetsplanen. Varje arbetslag formulerar vad målen betyder för just deras "
        "barngrupp. I medarbetarsamtalen kopplar vi den enskilda medarbetarens uppdrag till "
        "helheten, och vid halvårsuppföljningen visar vi hur vars och ens arbete har bidragit."
    ),
    "8": (
        "Alla medarbetare har en timme planeringstid i veckan och deltar i en utvecklingsgrupp "
        "med ansvar för ett område, till exempel språk, utemiljö eller digitala verktyg. "
        "Grupperna redovisar på APT och föreslår förändringar som vi beslutar om gemensamt. "
        "Vikarier och nyanställda bjuds in till grupperna från första månaden."
    ),
    "9": (
        "Vi arbetar med kollegialt lärande där pedagogerna besöker varandras avdelningar och "
        "ger återkoppling utifrån en gemensam mall. Medarbetare som gått en utbildning delar "
        "med sig på nästa APT. Idéer som kommer upp i vardagen skrivs på vår idétavla och "
        "prövas i liten skala innan vi inför dem på alla avdelningar."
    ),
    "10": (
        "Varje år ber jag medarbetarna om anonym återkoppling på mitt ledarskap i en kort "
        "enkät, och resultatet går jag igenom öppet på APT. Jag har en mentor bland stadens "
        "förskolechefer och deltar i ett chefsnätverk i stadsdelen. Medarbetarundersökningens "
        "ledarskapsindex följer jag över tid och sätter egna mål för att förbättra det."
    ),
    "11": (
        "Våra gemensamma värderingar är nyfikenhet, respekt och glädje. Vi har formulerat "
        "dem tillsammans och konkretiserat vad de betyder i vardagen, till exempel att vi "
        "möter varje barn i ögonhöjd och att vi tar varandras idéer på allvar. Värderingarna "
        "finns på väggen i personalrummet och återkommer i våra medarbetarsamtal."
    ),
    "12": (
        "Medarbetarna driver förbättringsarbetet i utvecklingsgrupperna och dokumenterar "
        "förbättringsförslag i vår gemensamma idétavla. Under året kom fler än trettio förslag, "
        "och tolv av dem är genomförda, bland annat en ny rutin för inskolning och en "
        "läsfrämjande satsning tillsammans med biblioteket."
    ),
    "13": (
        "Vi kartlägger varje år vilken kompetens som finns i personalgruppen, och den som har "
        "särskilda kunskaper, till exempel i teckenspråk eller naturvetenskap, får ett ansvar "
        "för att sprida dem. Initiativ tas upp på APT, och den som föreslår något får tid och "
        "stöd för att pröva idén tillsammans med sitt arbetslag."
    ),
    "14": (
        "I den senaste medarbetarundersökningen var aktivt medarbetarskapsindex 86, en ökning "
        "från 79 och 82 de två föregående åren. Frågan om möjlighet till kompetensutveckling "
        "ökade mest. Lägst låg frågan om arbetsbelastning, och den följer vi nu upp med "
        "arbetslagen varje månad."
    ),
    "15": (
        "Prognosen för innevarande år är ett överskott på 120 000 kronor mot en budget på "
        "drygt 14 miljoner kronor. De tre senaste åren har verksamheten haft ett resultat i "
        "balans, med ett litet överskott två av åren. Vi följer ekonomin varje månad "
        "tillsammans med förvaltningens controller."
    ),
    "16a": (
        "Våra viktigaste uppföljningsmetoder är stadens förskoleundersökning, barnintervjuer, "
        "pedagogisk dokumentation, observationer med stöd av stadens kvalitetsindikatorer och "
        "förvaltningens kvalitetsdialoger. Resultaten samlas i ILS-webb två gånger per år och "
        "diskuteras i kvalitetsgruppen."
    ),
    "16b": (
        "Vi tror att resultaten har förbättrats eftersom vi har gjort uppföljningen till en "
        "del av vardagen i stället för en årlig händelse. När pedagogerna själva ser effekten "
        "av en förändring i barngruppen ökar engagemanget. Sämre resultat hänger ofta ihop med "
        "perioder av hög sjukfrånvaro, och det har vi lärt oss att planera för."
    ),
    "16c": (
        "Utifrån analysen prioriterar vi språkutveckling och utevistelse för de yngsta barnen "
        "under nästa år. Prioriteringarna görs i kvalitetsgruppen utifrån vad som har störst "
        "betydelse för barnen och vad vi har resurser att genomföra, och de förankras sedan "
        "på APT innan de skrivs in i verksamhetsplanen."
    ),
    "17": (
        "Vi gör en riskanalys varje höst där arbetslagen går igenom allt från utflykter och "
        "lekutrustning till informationssäkerhet. Riskerna bedöms efter sannolikhet och "
        "konsekvens, och åtgärderna följs upp i internkontrollplanen. Tillbud rapporteras "
        "digitalt och gås igenom på nästa APT så att alla lär av dem."
    ),
    "18": (
        "Barnkullarna i området minskar de närmaste åren, samtidigt som fler barn har ett "
        "annat modersmål än svenska. Det är en utmaning för planeringen men också en möjlighet "
        "att utveckla språkarbetet. Digitala verktyg ger nya sätt att dokumentera och att "
        "göra vårdnadshavarna delaktiga i barnens lärande."
    ),
    "19": (
        "Vi ingår i ett nätverk med fyra förskolor i stadsdelen där vi besöker varandra och "
        "delar arbetssätt. Vi samarbetar med biblioteket, barnavårdscentralen och en "
        "närliggande skola kring övergången till förskoleklass. Våra erfarenheter av digital "
        "dokumentation har vi presenterat på stadens förskoledag."
    ),
    "20": (
        "Verksamhetsplanen togs fram under hösten i tre steg. Först analyserade "
        "kvalitetsgruppen årets resultat, sedan arbetade varje arbetslag fram förslag på mål "
        "och aktiviteter, och till sist beslutade ledningsgruppen om planen. I arbetet deltog "
        "alla medarbetare, föräldrarådet och barnråden. Vi prioriterade det som "
        "uppföljningen visade störst behov av och det som ligger i linje med nämndens mål."
    ),
    "21": (
        "Det första målet är att alla barn ska uppleva att de kan påverka verksamheten, vilket "
        "vi följer upp i barnintervjuer. Det andra är att minst nio av tio vårdnadshavare ska "
        "vara nöjda med informationen om sitt barns utveckling. Det tredje är att andelen "
        "tid utomhus för de yngsta barnen ska öka med en fjärdedel under året."
    ),
    "22": (
        "Vi planerar bemanningen utifrån barnens närvaro under dagen och samordnar vikarier "
        "med grannförskolan. Material köps in gemensamt och lånas mellan avdelningarna. "
        "Lokalerna används flexibelt, så att ateljén på eftermiddagen blir vilorum. Varje "
        "investering prövas mot målen i verksamhetsplanen innan vi beslutar om den."
    ),
}


def _admin(unit: DemoUnit) -> list[Block]:
    return [
        Block("h1", "Administrativa uppgifter"),
        Block("p", f"Verksamhetens namn: {unit.name}"),
        Block("p", f"Förvaltning: {unit.administration}"),
        Block("p", f"Verksamhetens chefs namn: {unit.manager}"),
        Block("p", f"Telefonnummer till chef: {unit.phone}"),
        Block("p", f"E-postadress till chef: {unit.manager_email}"),
        Block("p", f"Postadress och besöksadress: {unit.address}"),
        Block("p", f"Antal anställda i maj {YEAR}: {unit.employees}"),
        Block("p", f"Kontaktperson: {unit.contact}, {unit.contact_email}"),
    ]


def _introduction(unit: DemoUnit) -> str:
    return (
        f"{unit.name} är en kommunal förskola i {unit.district} "
        f"med {unit.children} barn på fyra avdelningar och {unit.employees} medarbetare. "
        "Vi har arbetat med systematiskt kvalitetsarbete i många år, men de senaste två åren "
        "har vi gjort uppföljningen till en del av vardagen på varje avdelning. I bidraget "
        "beskriver vi hur barnen och vårdnadshavarna är delaktiga, hur ledarskapet och "
        "medarbetarskapet bär arbetet och vilka resultat det har gett."
    )


def entry_blocks(unit: DemoUnit) -> list[Block]:
    """The whole entry, in reading order: the same blocks become the .docx and the PDF."""
    blocks = [Block("title", f"Bidrag till Kvalitetsutmärkelsen {YEAR} – {unit.name}")]
    blocks += _admin(unit)
    blocks += [Block("h1", "Ordlista"), Block("table", rows=GLOSSARY)]
    blocks += [Block("h1", "Inledning"), Block("p", _introduction(unit))]
    for area in AREAS:
        blocks.append(Block("h1", area))
        for question in (q for q in QUESTIONS if q.area == area):
            blocks += _question_blocks(question.qid, question.label, question.text)
    return blocks


def _question_blocks(qid: str, label: str, text: str) -> list[Block]:
    if qid == "16":
        return [Block("h2", "16.")]
    if qid in ("16a", "16b", "16c"):
        return [Block("h3", f"{label}. {text}"), Block("p", ANSWERS[qid])]
    if qid in ("20a", "20b"):
        # The instructions list 20 a-b under 20; units answer them together, after them.
        sub = Block("p", f"{label[-1]}. {text}")
        return [sub, Block("p", ANSWERS["20"])] if qid == "20b" else [sub]
    if qid == "20":
        return [Block("h2", f"{label}. {text}")]
    return [Block("h2", f"{label}. {text}"), Block("p", ANSWERS[qid])]


# -- Word -------------------------------------------------------------------------------


@cache
def entry_docx(unit: DemoUnit) -> bytes:
    """The entry as a Word document (.docx), built with python-docx."""
    document = docx.Document()
    properties = document.core_properties
    properties.title = f"Bidrag till Kvalitetsutmärkelsen {YEAR}"
    properties.author = unit.contact
    for block in entry_blocks(unit):
        if block.kind == "title":
            document.add_heading(block.text, 0)
        elif block.kind in ("h1", "h2", "h3"):
            document.add_heading(block.text, int(block.kind[1]))
        elif block.kind == "table":
            table = document.add_table(rows=len(block.rows), cols=2)
            table.style = "Table Grid"
            for row, (term, meaning) in zip(table.rows, block.rows, strict=True):
                row.cells[0].text, row.cells[1].text = term, meaning
        else:
            document.add_paragraph(block.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """Paragraph and table text of a .docx, for comparisons in tests."""
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


@cache
def entry_pdf(unit: DemoUnit) -> bytes:
    """The entry saved as PDF: the same text as the Word document."""
    return text_pdf(entry_blocks(unit), f"Bidrag till Kvalitetsutmärkelsen {YEAR}")


def minutes_blocks(unit: DemoUnit) -> list[Block]:
    return [
        Block("title", "Protokollsutdrag"),
        Block("p", f"{unit.board}, sammanträde den 3 juni {YEAR}"),
        Block("h2", f"§ 14 Deltagande i Stockholms stads kvalitetsutmärkelse {YEAR}"),
        Block(
            "p",
            f"{unit.name} har anmält sig till och lämnat in ett bidrag till Stockholms stads "
            f"kvalitetsutmärkelse {YEAR}. Förvaltningen föreslår att nämnden ställer sig "
            "bakom deltagandet.",
        ),
        Block("p", "Beslut"),
        Block(
            "p",
            f"Nämnden ställer sig bakom att {unit.name} deltar i Kvalitetsutmärkelsen {YEAR}.",
        ),
        Block("p", f"Justerat den 7 juni {YEAR}. Rätt utdraget intygar: nämndsekreteraren."),
    ]


@cache
def minutes_pdf(unit: DemoUnit) -> bytes:
    """A board-minutes extract (protokollsutdrag) that names the unit."""
    return text_pdf(minutes_blocks(unit), f"Protokollsutdrag {unit.board}")


# -- presentation text -------------------------------------------------------


def presentation_text(unit: DemoUnit) -> str:
    """The presentation text (well under 1 000 characters excluding spaces)."""
    return (
        f"{unit.name} i {unit.district} är en förskola med "
        f"{unit.children} barn och {unit.employees} medarbetare. Hos oss betyder hög kvalitet "
        "att varje barn blir sett, får vara med och bestämma och lär sig med glädje, både inne "
        "och ute. Vårt kvalitetsarbete är en del av vardagen: vi följer upp, analyserar och "
        "förbättrar tillsammans med barnen och vårdnadshavarna, och resultaten syns i "
        "nöjdare familjer och barn som tar plats."
    )
