"""The award's questions and instruction texts, as data.

Copied from "Anvisningar och frågor, Kvalitetsutmärkelsen 2024" (the seed file
`reference/seeds/002_a9be798a0841bf63.txt`). The structure check matches entries
against the question texts, and the leftover check looks for the italic
introductions (ingresser) and the instructions' Bilaga 1 and 2, which units must
remove before sending. Update this module when the city revises the instructions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    """One question; `label` is how units number it ('16 a')."""

    qid: str
    label: str
    area: str
    text: str
    # Parent questions whose answer is given under their sub-questions are not
    # checked for an answer of their own; 20 a-b are usually answered together.
    check_answer: bool = True


AREAS: tuple[str, ...] = (
    "Målgrupp",
    "Chef- och ledarskap",
    "Medarbetarskap",
    "Resultat, analys och utveckling",
    "Från mål till uppföljning",
)

_M, _C, _ME, _R, _F = AREAS

QUESTIONS: tuple[Question, ...] = (
    Question(
        "1",
        "1",
        _M,
        "Beskriv hur ni arbetar för att ha insikt om målgruppernas behov och önskemål.",
    ),
    Question(
        "2",
        "2",
        _M,
        "Beskriv hur er(a) målgrupp(er) är delaktig och har inflytande i "
        "verksamheten, såväl på individ- som på gruppnivå.",
    ),
    Question(
        "3",
        "3",
        _M,
        "Beskriv hur ni arbetar med bemötande och förstärker en kultur där "
        "ni har stockholmarnas fokus.",
    ),
    Question(
        "4",
        "4",
        _M,
        "Beskriv hur ni arbetar för att säkerställa att er verksamhet är "
        "jämlik och jämställd för er(a) målgrupp(er).",
    ),
    Question(
        "5",
        "5",
        _M,
        "Redovisa kortfattat resultat och analys av era insatser och arbete "
        "från era undersökningar och dialoger med er(a) målgrupp(er).",
    ),
    Question(
        "6", "6", _C, "Beskriv ditt ledarskap och ge exempel på konkreta ledarskapsbeteenden."
    ),
    Question(
        "7",
        "7",
        _C,
        "Beskriv hur du som chef försäkrar dig om att medarbetarna förstår "
        "verksamhetens syfte och mål och hur deras arbete bidrar till helheten.",
    ),
    Question(
        "8",
        "8",
        _C,
        "Beskriv hur alla medarbetare ges förutsättning att bidra i verksamhetsutvecklingen.",
    ),
    Question(
        "9",
        "9",
        _C,
        "Beskriv hur du som chef skapar förutsättningar för lärande samt tar "
        "till vara på initiativ, engagemang och kompetens hos medarbetarna.",
    ),
    Question(
        "10",
        "10",
        _C,
        "Redogör för hur du som chef regelbundet utvärderar och utvecklar ditt ledarskap.",
    ),
    Question("11", "11", _ME, "Beskriv viktiga gemensamma värderingar för verksamheten."),
    Question(
        "12", "12", _ME, "Beskriv hur medarbetare bidrar i arbetet med verksamhetsutveckling."
    ),
    Question(
        "13",
        "13",
        _ME,
        "Beskriv hur verksamheten tar tillvara medarbetares initiativ och kompetens.",
    ),
    Question(
        "14",
        "14",
        _ME,
        "Redovisa kortfattat resultaten från den senaste "
        "medarbetarundersökningen (om möjligt de tre senaste åren).",
    ),
    Question(
        "15",
        "15",
        _R,
        "Redovisa ert prognostiserade ekonomiska resultat i förhållande "
        "till budget för innevarande år samt de tre senaste årens resultat.",
    ),
    Question("16", "16", _R, "", check_answer=False),
    Question(
        "16a",
        "16 a",
        _R,
        "Redogör för de viktigaste uppföljningsmetoderna "
        "(utvärderingar, inspektioner, kontroller, statistik etc.) som ni använder för "
        "att bedöma vilken kvalitet er verksamhet skapar för målgruppen.",
    ),
    Question(
        "16b", "16 b", _R, "Analysera och reflektera över varför ni fått de resultat ni fått."
    ),
    Question(
        "16c",
        "16 c",
        _R,
        "Utifrån era resultat och analyser, hur ska ni utveckla "
        "verksamheten? Hur gör ni era prioriteringar?",
    ),
    Question(
        "17",
        "17",
        _R,
        "Beskriv ert internkontrollarbete samt hur ni arbetar med att "
        "identifiera och minimera risker och sårbarheter i er verksamhet.",
    ),
    Question(
        "18",
        "18",
        _R,
        "Beskriv vilka trender, utmaningar och möjligheter ni ser framöver i er verksamhet.",
    ),
    Question(
        "19",
        "19",
        _R,
        "Beskriv hur ni samarbetar delar erfarenheter och insikter med "
        "andra utanför er egen verksamhet.",
    ),
    Question("20", "20", _F, "Beskriv hur processen gick till när ni tog fram er verksamhetsplan."),
    Question("20a", "20 a", _F, "Vilka som deltog i arbetet.", check_answer=False),
    Question(
        "20b",
        "20 b",
        _F,
        "Vilka prioriteringar som gjordes och på vilka grunder.",
        check_answer=False,
    ),
    Question(
        "21", "21", _F, "Välj ut och redogör för tre av era beslutade mål för verksamhetsåret."
    ),
    Question(
        "22",
        "22",
        _F,
        "Beskriv hur ni använder och utvecklar verksamhetens resurser så "
        "effektivt som möjligt för att nå era mål.",
    ),
)

# The italic introductions, one per question area, keyed by area name.
INGRESSER: dict[str, str] = {
    _M: (
        "Att vi har stockholmarnas fokus innebär att vi antar våra målgruppers perspektiv för "
        "att få en förståelse för deras uttalade och outtalade behov. Genom att ha "
        "stockholmarnas fokus har vi ambitionen att skaffa kunskap om vad målgrupperna "
        "prioriterar och värdesätter – hur de upplever stadens service och hur verksamheterna "
        "kan bli ännu bättre på att möta deras varierade behov och önskemål. Målgrupperna ska "
        "ges möjlighet till delaktighet och inflytande. Det innebär att de ska kunna påverka "
        "den verksamhet och den service de erhåller. För att ge likvärdiga förutsättningar ska "
        "verksamheten ta hänsyn till och anpassas utifrån olika gruppers och individers behov. "
        "Ett gott bemötande, professionalitet och respekt för målgrupperna utifrån de mänskliga "
        "rättigheterna ska vara självklart för alla medarbetare inom såväl stadens egna som "
        "enskilt drivna verksamheter."
    ),
    _C: (
        "Som chef har du en viktig roll i det systematiska kvalitetsarbetet, som omfattar "
        "ständiga förbättringar, innovation och digitalisering. Allas insatser är viktiga och "
        "genom dialog och samverkan bidrar du och dina medarbetare till en hållbar, innovativ "
        "och attraktiv stad. Att ge handlingsutrymme innebär att delegera mandat och ge plats "
        "för inflytande. Detta förutsätter att det finns en tydlighet mellan chef och "
        "medarbetare och en samsyn i vad som ska åstadkommas. Chefen skapar goda "
        "förutsättningar för medarbetare att vara handlingskraftiga genom att stödja deras "
        "inre motivation, effektivitet och engagemang. Det är i den löpande dialogen mellan "
        "chefen och medarbetarna som målen tydliggörs och gemensamma arbetssätt växer fram."
    ),
    _ME: (
        "Medarbetare i staden är aktiva och deltar i verksamhetens löpande kvalitetsarbete. "
        "Medarbetarna tar eget ansvar och initiativ till utveckling genom att bidra med idéer "
        "och lyfta förbättringsmöjligheter utifrån verksamheternas behov. Medarbetarna möter "
        "verksamhetens målgrupper och har en nära dialog med dem om behov och förväntningar. "
        "Det ger medarbetarna unik kunskap och goda förutsättningar att bidra till ständig "
        "kvalitetsutveckling."
    ),
    _R: (
        "För att ta reda på om verksamheterna uppnår sina mål krävs en strukturerad "
        "uppföljning och analys. Vi behöver därför systematiskt samla in, strukturera och "
        "analysera information från olika källor. På så sätt får staden ökad kunskap om "
        "verksamheten och kan dra slutsatser om vilka åtgärder som behövs för att höja "
        "kvaliteten. För att staden ska kunna hålla fokus och säkra kvaliteten i arbetet "
        "behövs intern kontroll. Stadens arbete med riskhantering är en del i kvalitetsarbetet "
        "och ska vara integrerat i verksamhetens planering och uppföljning."
    ),
    _F: (
        "När verksamheten arbetar med förbättringar och utveckling ska besluten bygga på fakta "
        "och beprövade erfarenheter. Genom att ta reda på, analysera och dra slutsatser om "
        "resultat, får verksamheten en bild av hur målet kan nås. Viktiga komponenter i det "
        "systematiska kvalitetsarbetet är att planera, utföra, följa upp, analysera och "
        "åtgärda. När verksamheten planerar tar den fram verksamhetsspecifika mål som svarar "
        "upp mot de politiska målen, fångar syftet med verksamheten och bidrar till "
        "utveckling."
    ),
}

# Sentences of Bilaga 1 (begrepp) and Bilaga 2 (checklistan); any two in an entry
# mean the appendix was left in.
BILAGA_1: str = (
    "Tydliggörande av begrepp som används i frågeställningarna. "
    "Integrerat ledningssystem, ILS, är stadens system för integrerad ledning och uppföljning "
    "av ekonomi och verksamhet. "
    "Ledningssystemet ILS och verktyget ILS-webb används av stadens nämnder och styrelser för "
    "att planera, följa upp och utveckla verksamheterna. "
    "Verksamheten konkretiserar nämndens mål genom egna mål i verksamhetsplanen. "
    "Till varje mål ska verksamheten beskriva det förväntade resultatet under året, det vill "
    "säga vad verksamheten avser att uppnå under året. "
    "Verksamheten ska ha tydligt utarbetade arbetssätt som säkerställer ett effektivt "
    "resursutnyttjande och måluppfyllelse. "
    "Användning av resurserna ska vara effektiv i syfte att uppnå mål och förväntat resultat. "
    "En strukturerad uppföljning möjliggör förutom bedömning av verksamhetens kvalitet och "
    "måluppfyllelse även jämförelser mellan verksamheter samt skapar förutsättningar för "
    "avstämning av resursnivåer. "
    "För att stärka stockholmarnas fokus i verksamheten ska en systematisk hantering av "
    "synpunkter och klagomål finnas i alla verksamheter."
)

BILAGA_2: str = (
    "Checklista för kvalitetsarbete. "
    "Denna checklista är avsedd att vara ett stöd för er som deltar i Kvalitetsutmärkelsen. "
    "Ni kan använda den som en hjälp i ert arbete med att säkerställa att det för varje mål "
    "finns beskrivet ett arbetssätt, en uppföljningsmetod med mera. "
    "Självklart kan ibland till exempel en uppföljningsmetod gälla för fler mål."
)

# A phrase that only appears in the instructions' appendices; one hit is enough.
REMOVE_MARKER: str = "Tas bort när ni skickar in tävlingsbidraget"

ADMIN_LABELS: tuple[str, ...] = (
    "verksamhetens namn",
    "chef",
    "telefon",
    "e-post",
    "adress",
    "antal anställda",
)
