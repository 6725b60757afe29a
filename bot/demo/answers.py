"""The demo entry's answers to the award's questions 1-22, in Swedish, as a unit writes them."""

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
