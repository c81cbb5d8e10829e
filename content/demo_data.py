"""The facts and texts of the demo: what each of the 21 regions works on, written for the demo.

``THEMES`` holds one entry per field of work (its SNI and SSYK codes, horizon and the texts
that are true of the field anywhere); ``REGIONS`` says, per länskod, which field the region
is known for, its own titles and the local circumstances that make its texts its own. Every
region also publishes on care and on teachers, where the need is national. Figures are
plausible orders of magnitude in the spirit of SCB's and Arbetsförmedlingen's statistics,
not quotations of them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    name: str
    sectors: tuple[str, ...]
    occupations: tuple[str, ...]
    horizon: str
    kind: str
    analysis_summary: str
    analysis_background: str
    analysis_conclusions: tuple[str, ...]
    need_summary: str
    need_body: str
    example_challenge: str
    example_done: str
    example_resources: str
    example_potential: str
    partners: tuple[str, ...]
    action_followed_up: str
    indicators: tuple[tuple[str, str], ...]
    question: str
    proposal: str
    action_title: str


@dataclass(frozen=True)
class RegionProfile:
    code: str
    theme: str
    places: tuple[str, str]
    driver: str
    analysis_title: str
    need_title: str
    example_title: str
    care_note: str
    school_note: str


LONG_SOURCES = (
    ("SCB, Trender och prognoser", 2024, "https://www.scb.se/"),
    ("Arbetsförmedlingen, Yrkesbarometern", 2025, "https://arbetsformedlingen.se/statistik"),
)
SHORT_SOURCES = (
    ("Arbetsförmedlingen, Yrkesbarometern", 2025, "https://arbetsformedlingen.se/statistik"),
    ("Regionens enkät till arbetsgivare", 2025, ""),
)

THEMES = {
    "basindustri": Theme(
        key="basindustri",
        name="Basindustri och grön omställning",
        sectors=("B", "07", "C", "24"),
        occupations=("8111", "3116", "7412"),
        horizon="long",
        kind="prognos",
        analysis_summary=(
            "Prognosen bedömer att industrin i {county} behöver rekrytera omkring {n1} personer "
            "till 2035, främst processoperatörer, industrielektriker och ingenjörer inom "
            "metallurgi. Kompetensförsörjningen i {place1} och {place2} avgör om de gröna "
            "investeringarna blir av."
        ),
        analysis_background=(
            "Omställningen till fossilfri produktion gör att flera stora investeringar pågår "
            "samtidigt i {county}. {driver} Bristen gäller både nya yrkesroller och de klassiska "
            "industriyrkena, där {share} procent av de anställda är 55 år eller äldre."
        ),
        analysis_conclusions=(
            (
                "Inflyttning räcker inte: fler i {county} behöver utbildas, också vuxna som byter"
                " yrke."
            ),
            (
                "I {place1} hör bostäder, barnomsorg och jobb för medföljande till "
                "kompetensförsörjningen."
            ),
            (
                "Yrkeshögskolan och Komvux i {place2} behöver fler platser inom el, automation "
                "och process."
            ),
        ),
        need_summary=(
            "Brist på processoperatörer, industrielektriker och metallurgiingenjörer på lång "
            "sikt, när industrin i {county} ställer om och bygger ut fram till 2035."
        ),
        need_body=(
            "Arbetsgivarna i {place1} och {place2} räknar med att omkring {n1} personer behöver "
            "anställas under det kommande decenniet. Utbildningarna i {county} finns, men har för"
            " få platser och för få sökande."
        ),
        example_challenge=(
            "Industrin i {place1} behövde operatörer snabbare än gymnasieskolan kunde utbilda "
            "dem, och många vuxna i {county} saknade gymnasiebehörighet."
        ),
        example_done=(
            "Komvux i {place2}, Arbetsförmedlingen och två industriföretag byggde en kombinerad "
            "utbildning för {n3} deltagare: svenska, matematik och processteknik på tio månader, "
            "med praktik på industrigolvet i {place1} varannan vecka."
        ),
        example_resources=(
            "Två lärare, handledare hos företagen och en samordnare på halvtid; "
            "företagen betalade praktiklön."
        ),
        example_potential=(
            "Upplägget passar alla regioner med stora industrietableringar där "
            "arbetsgivarna kan garantera praktikplatser."
        ),
        partners=("Komvux", "Arbetsförmedlingen", "Industriföretag i länet", "Regionen"),
        action_followed_up=(
            "Industriutbildning med praktik för vuxna, beslutad i dialogen om behovet."
        ),
        indicators=(
            ("Deltagare som fullföljt utbildningen", "personer"),
            ("Andel i arbete sex månader efter utbildningen", "procent"),
        ),
        question="Hur många operatörer och elektriker behöver ni anställa de kommande fem åren?",
        proposal=(
            "Vi föreslår en **industriutbildning för vuxna** med praktik hos företagen i {place1}"
            " och antagning två gånger per år."
        ),
        action_title="Industriutbildning för vuxna med praktik",
    ),
    "tillverkning": Theme(
        key="tillverkning",
        name="Tillverkning och automation",
        sectors=("C", "28", "29"),
        occupations=("7223", "7233", "3114"),
        horizon="long",
        kind="analys",
        analysis_summary=(
            "Analysen visar att tillverkningsindustrin i {county} behöver omkring {n1} "
            "maskinoperatörer, underhållsmekaniker och maskintekniker till 2035, när automationen"
            " i {place1} ökar och stora årskullar går i pension."
        ),
        analysis_background=(
            "Tillverkningsindustrin är länets största privata arbetsgivare. {driver} Företagen i "
            "{place2} efterfrågar allt oftare tekniker som kan programmera och underhålla "
            "robotceller, samtidigt som bara {n3} unga om året väljer industriprogrammet."
        ),
        analysis_conclusions=(
            (
                "Industriprogrammet i {place1} behöver fler sökande; studie- och "
                "yrkesvägledningen är nyckeln."
            ),
            (
                "Små och medelstora företag i {county} behöver gemensam kompetensutveckling i "
                "automation."
            ),
            (
                "Kompetensförsörjningen i industrin kring {place2} hänger ihop med "
                "lärlingsplatser och handledare."
            ),
        ),
        need_summary=(
            "Brist på maskinoperatörer och underhållsmekaniker med automationskunnande i {county}"
            " på lång sikt; pensionsavgångarna fram till 2035 är stora."
        ),
        need_body=(
            "Företagen i {place1} och {place2} uppger att de tackar nej till order när tekniker "
            "saknas. Bristen i {county} väntas bestå hela prognosperioden."
        ),
        example_challenge=(
            "Små tillverkningsföretag i {place1} hade inte råd att skicka personal på "
            "automationskurser utanför {county}."
        ),
        example_done=(
            "Företagen i {place1} gick samman med ett teknikcollege och byggde en gemensam "
            "robotcell i {place2}, där {n3} anställda läste korta moduler på arbetstid."
        ),
        example_resources=(
            "En utbildningsrobot, två instruktörer och företagens arbetstid; regionen "
            "finansierade samordningen under två år."
        ),
        example_potential=(
            "Modellen kan användas där många små företag i samma bransch har likartade behov."
        ),
        partners=("Teknikcollege", "Industriföretag", "Yrkeshögskola", "Regionen"),
        action_followed_up="Gemensam kompetensutveckling i automation för små företag.",
        indicators=(
            ("Anställda som gått minst en automationsmodul", "personer"),
            ("Företag som deltagit", "företag"),
        ),
        question="Vilka automationskunskaper saknar era tekniker i dag?",
        proposal=(
            "Vi föreslår **korta automationsmoduler på arbetstid** i teknikcollegets robotcell, "
            "öppna för alla företag i {county}."
        ),
        action_title="Automationsmoduler för anställda i små företag",
    ),
    "skog": Theme(
        key="skog",
        name="Skog och träindustri",
        sectors=("A", "02", "C", "16"),
        occupations=("6210", "8341", "7111"),
        horizon="short",
        kind="kartlaggning",
        analysis_summary=(
            "Kartläggningen visar att skogsbruket och träindustrin i {county} behöver "
            "omkring {n2} skogsmaskinförare och träarbetare de närmaste två åren."
        ),
        analysis_background=(
            "Skogen och träindustrin är basen för sysselsättningen på landsbygden. {driver} "
            "Entreprenörerna har svårt att hitta förare, och naturbruksgymnasierna har "
            "färre sökande än platser."
        ),
        analysis_conclusions=(
            (
                "Korta utbildningar för vuxna i {place1} behövs för att fylla vakanserna redan "
                "nästa säsong."
            ),
            (
                "Naturbruksprogrammet i {county} behöver synas bättre i studie- och "
                "yrkesvägledningen."
            ),
            (
                "Kompetensförsörjningen hos små entreprenörer kring {place2} behöver stöd med "
                "handledning."
            ),
        ),
        need_summary=(
            "Brist på skogsmaskinförare och träarbetare på kort sikt; entreprenörerna i "
            "{county} har vakanser som inte tillsätts."
        ),
        need_body=(
            "Entreprenörer i {place1} och {place2} har maskiner som står stilla i brist på "
            "förare. Behovet gäller redan kommande avverkningssäsong."
        ),
        example_challenge=(
            "Skogsentreprenörerna i {place1} hittade inga förare, och de som utbildades "
            "flyttade till större orter."
        ),
        example_done=(
            "Naturbruksgymnasiet i {county} erbjöd en vuxenutbildning i simulator och skog, med "
            "anställning hos en entreprenör i {place2} från första dagen."
        ),
        example_resources=(
            "Simulatortid på naturbruksgymnasiet, handledare hos entreprenörerna och "
            "studiemedel för deltagarna."
        ),
        example_potential=(
            "Passar skogslän där entreprenörerna är många och små och kan dela på handledning."
        ),
        partners=("Naturbruksgymnasiet", "Skogsentreprenörer", "Arbetsförmedlingen"),
        action_followed_up="Vuxenutbildning till skogsmaskinförare med anställning från start.",
        indicators=(
            ("Nya förare i arbete", "personer"),
            ("Andel kvar i yrket efter ett år", "procent"),
        ),
        question="Hur många förare saknar ni inför nästa avverkningssäsong?",
        proposal=(
            "Vi föreslår en **förarutbildning för vuxna** i simulator och skog, med "
            "anställning från start."
        ),
        action_title="Förarutbildning i skogsmaskin för vuxna",
    ),
    "besoksnaring": Theme(
        key="besoksnaring",
        name="Besöksnäring",
        sectors=("I", "55", "56"),
        occupations=("5120", "5131", "4221"),
        horizon="short",
        kind="kartlaggning",
        analysis_summary=(
            "Kartläggningen visar att besöksnäringen i {county} behöver omkring {n2} kockar, "
            "servitörer och receptionister under nästa högsäsong, men få helårstjänster."
        ),
        analysis_background=(
            "Besöksnäringen är säsongsberoende. {driver} Företagen i {place1} har svårt att "
            "erbjuda helårsanställning, vilket gör yrkena i {county} mindre attraktiva och "
            "kompetensförsörjningen osäker från säsong till säsong."
        ),
        analysis_conclusions=(
            (
                "Samarbete mellan arbetsgivarna i {place1} om helårsanställningar behöver prövas "
                "i större skala."
            ),
            "Boende för säsongsanställda i {place2} är en flaskhals som kommunen kan påverka.",
            "Korta utbildningar i {county} före säsong ger snabbast effekt.",
        ),
        need_summary=(
            "Brist på kockar, servitörer och receptionister på kort sikt, under högsäsong i "
            "{county}."
        ),
        need_body=(
            "Restauranger och hotell i {place1} och {place2} håller stängt vissa dagar i "
            "högsäsong när personal saknas. Behovet gäller nästa säsong."
        ),
        example_challenge=(
            "Säsongsanställda kockar i {place1} lämnade yrket när säsongen i {county} tog slut, "
            "och arbetsgivarna fick börja om varje år."
        ),
        example_done=(
            "Arbetsgivare i {place1} och på en destination med motsatt säsong delade på "
            "anställningarna, så att {n3} kockar kunde arbeta året runt."
        ),
        example_resources=(
            "En gemensam bemanningssamordnare, avtal mellan arbetsgivarna och boende på "
            "båda orterna."
        ),
        example_potential=("Passar regioner där sommar- och vintersäsong ligger på olika orter."),
        partners=("Besöksnäringens arbetsgivare", "Kommunen", "Restaurangskolan"),
        action_followed_up="Delade helårsanställningar mellan sommar- och vinterdestination.",
        indicators=(
            ("Helårsanställda kockar och servitörer", "personer"),
            ("Arbetsgivare som deltar", "företag"),
        ),
        question="Hur många tjänster står obesatta under högsäsong hos er?",
        proposal=(
            "Vi föreslår **delade helårsanställningar** mellan arbetsgivare på sommar- och "
            "vinterorter, med gemensam samordnare."
        ),
        action_title="Delade helårsanställningar i besöksnäringen",
    ),
    "lifescience": Theme(
        key="lifescience",
        name="Life science",
        sectors=("M", "72", "C", "21"),
        occupations=("2131", "3212", "8131"),
        horizon="long",
        kind="prognos",
        analysis_summary=(
            "Prognosen visar att life science-företagen i {county} behöver omkring {n1} "
            "molekylärbiologer, biomedicinska analytiker och produktionsoperatörer till 2035."
        ),
        analysis_background=(
            "Life science växer snabbare än andra branscher i länet. {driver} Företagen i "
            "{place1} konkurrerar med universitetssjukhuset om samma analytiker, och "
            "läkemedelsproduktionen i {place2} kräver operatörer med GMP-kunskap."
        ),
        analysis_conclusions=(
            "Yrkeshögskolan i {county} behöver fler platser i läkemedelsproduktion.",
            (
                "Internationell rekrytering till {place1} kräver snabbare handläggning och stöd "
                "till familjer."
            ),
            (
                "Kompetensförsörjningen i {place2} är gemensam för företagen och hälso- och "
                "sjukvården."
            ),
        ),
        need_summary=(
            "Brist på biomedicinska analytiker och operatörer i läkemedelsproduktion i {county} "
            "på lång sikt, när life science växer fram till 2035."
        ),
        need_body=(
            "Företagen i {place1} och {place2} och universitetssjukhuset rekryterar från samma "
            "små utbildningar. Bristen väntas öka under hela perioden."
        ),
        example_challenge=(
            "Läkemedelsföretagen i {place1} fick inte tag på produktionsoperatörer med "
            "kunskap om god tillverkningssed."
        ),
        example_done=(
            "Yrkeshögskolan i {place2} tog fram en utbildning i läkemedelsproduktion tillsammans "
            "med företagen i {county}, med lärande i arbete i renrum."
        ),
        example_resources=(
            "Företagens renrum och handledare, en utbildningsledare och statsbidrag från "
            "Myndigheten för yrkeshögskolan."
        ),
        example_potential=(
            "Kan användas i alla regioner med läkemedels- eller livsmedelsproduktion."
        ),
        partners=("Yrkeshögskola", "Life science-företag", "Universitetssjukhuset"),
        action_followed_up="Yrkeshögskoleutbildning i läkemedelsproduktion.",
        indicators=(
            ("Examinerade produktionsoperatörer", "personer"),
            ("Andel i arbete inom branschen efter examen", "procent"),
        ),
        question="Vilka roller i produktionen är svårast att rekrytera till just nu?",
        proposal=(
            "Vi föreslår en **YH-utbildning i läkemedelsproduktion** med lärande i arbete "
            "hos företagen."
        ),
        action_title="YH-utbildning i läkemedelsproduktion",
    ),
    "it": Theme(
        key="it",
        name="Digital kompetens och IT",
        sectors=("J", "62"),
        occupations=("2512", "2514", "2516"),
        horizon="short",
        kind="kartlaggning",
        analysis_summary=(
            "Kartläggningen visar att {n2} företag i {county} har vakanser för "
            "systemutvecklare, testare och IT-säkerhetsspecialister de närmaste två åren."
        ),
        analysis_background=(
            "Behovet av digital kompetens växer i alla branscher. {driver} De största "
            "arbetsgivarna i {place1} lockar erfarna utvecklare, medan små företag och offentlig "
            "sektor i {county} har svårt att konkurrera om lönerna."
        ),
        analysis_conclusions=(
            (
                "Yrkeshögskolans utbildningar i {place1} har fler sökande än platser och bör "
                "byggas ut."
            ),
            "IT-säkerhet i {county} är det område där bristen är störst just nu.",
            (
                "Kommunerna kring {place2} behöver egna vägar in i kompetensförsörjningen, som "
                "traineeprogram."
            ),
        ),
        need_summary=(
            "Brist på IT-säkerhetsspecialister och systemtestare på kort sikt; små företag och "
            "kommuner i {county} har svårast att rekrytera."
        ),
        need_body=(
            "Arbetsgivare i {place1} och {place2} har annonserat samma tjänster flera gånger utan"
            " att få behöriga sökande. Behovet i {county} gäller redan i år."
        ),
        example_challenge=(
            "Kommunerna och de små företagen i {place1} förlorade sina IT-säkerhetsspecialister "
            "till de stora arbetsgivarna."
        ),
        example_done=(
            "Ett gemensamt traineeprogram där {n3} deltagare roterade mellan kommun, företag och "
            "en yrkeshögskoleutbildning i IT-säkerhet i {place2}."
        ),
        example_resources=(
            "Handledare hos varje arbetsgivare, en programledare och lön under traineeåret."
        ),
        example_potential=(
            "Passar regioner där offentlig sektor och små företag konkurrerar om samma "
            "specialister."
        ),
        partners=("Yrkeshögskola", "Kommunerna", "IT-företag", "Regionen"),
        action_followed_up="Traineeprogram i IT-säkerhet för kommuner och små företag.",
        indicators=(
            ("Traineer som fullföljt programmet", "personer"),
            ("Andel kvar hos en deltagande arbetsgivare efter ett år", "procent"),
        ),
        question="Hur många IT-säkerhetstjänster har ni inte kunnat tillsätta det senaste året?",
        proposal=(
            "Vi föreslår ett **gemensamt traineeprogram i IT-säkerhet** för kommuner och små "
            "företag."
        ),
        action_title="Traineeprogram i IT-säkerhet",
    ),
    "transport": Theme(
        key="transport",
        name="Transport och logistik",
        sectors=("H", "49"),
        occupations=("8332", "4321"),
        horizon="short",
        kind="analys",
        analysis_summary=(
            "Analysen visar att åkerier och terminaler i {county} behöver omkring {n2} "
            "lastbilsförare och arbetsledare på lager och terminal de närmaste två åren."
        ),
        analysis_background=(
            "Logistiken växer med e-handeln och de nya lagren. {driver} Medelåldern bland "
            "förarna är hög, och körkortskostnaden stänger ute unga och arbetssökande."
        ),
        analysis_conclusions=(
            "Körkortsutbildning inom Komvux i {place1} behöver fler platser och kortare kö.",
            "Arbetsgivarna i {county} är beredda att anställa från start om urvalet är bra.",
            "I lagren i {place2} gynnas kompetensförsörjningen av språkstöd på arbetsplatsen.",
        ),
        need_summary=(
            "Brist på lastbilsförare med C- och CE-behörighet i {county} på kort sikt, särskilt "
            "för regional distribution."
        ),
        need_body=(
            "Åkerier i {place1} och {place2} tackar nej till uppdrag i brist på förare. Behovet "
            "är akut i hela {county}."
        ),
        example_challenge=(
            "Arbetssökande i {place1} hade inte råd med körkort för tung lastbil, och åkerierna i"
            " {place2} hittade inga förare."
        ),
        example_done=(
            "Åkerierna i {county} anställde deltagarna från utbildningens start och Komvux i "
            "{place1} stod för förarutbildningen."
        ),
        example_resources=(
            "Utbildningsplatser i Komvux, lön från åkerierna och en handledare per åkeri."
        ),
        example_potential="Med längre introduktion och bättre urval kan modellen prövas igen.",
        partners=("Komvux", "Åkerier", "Arbetsförmedlingen"),
        action_followed_up="Förarutbildning med anställning från start.",
        indicators=(
            ("Nya förare med C/CE-behörighet", "personer"),
            ("Andel som fullföljde utbildningen", "procent"),
        ),
        question="Hur många förare behöver ni anställa det närmaste året?",
        proposal=(
            "Vi föreslår en **förarutbildning med anställning från start**, där Komvux "
            "utbildar och åkerierna anställer."
        ),
        action_title="Förarutbildning med anställning från start",
    ),
    "energi": Theme(
        key="energi",
        name="Energi och elektrifiering",
        sectors=("D", "35", "F", "43"),
        occupations=("7411", "7412", "3113"),
        horizon="long",
        kind="prognos",
        analysis_summary=(
            "Prognosen visar att elektrifieringen gör att {county} behöver omkring {n1} fler "
            "elektriker och elingenjörer till 2035."
        ),
        analysis_background=(
            "Elnätet byggs ut och industrin elektrifieras. {driver} El- och energiprogrammet "
            "har lediga platser samtidigt som företagen saknar lärlingsplatser och handledare."
        ),
        analysis_conclusions=(
            "Fler lärlingsplatser behövs hos små installationsföretag i {place1}.",
            (
                "Vuxna som byter yrke behöver kortare vägar via Komvux och yrkeshögskolan i "
                "{county}."
            ),
            "Kompetensförsörjningen avgör hur fort elnätet kring {place2} kan byggas ut.",
        ),
        need_summary=(
            "Ökande brist på installations- och industrielektriker på lång sikt, när "
            "industrin och elnätet i {county} byggs ut fram till 2035."
        ),
        need_body=(
            "Installationsföretagen i {place1} och {place2} kan inte ta alla uppdrag. "
            "Utbildningsplatser finns, men för få väljer el- och energiprogrammet."
        ),
        example_challenge=(
            "Små installationsföretag i {place1} hade inte tid att handleda lärlingar."
        ),
        example_done=(
            "Företagen gick samman i ett lärlingsnätverk för {county} och delade på en handledare"
            " som regionen medfinansierade."
        ),
        example_resources="En heltidshandledare och en samordnare på halvtid.",
        example_potential="Kan användas överallt där små företag dominerar installationsbranschen.",
        partners=("Installationsföretag", "Gymnasieskolan", "Regionen"),
        action_followed_up="Lärlingsnätverk för el- och energiprogrammet.",
        indicators=(
            ("Lärlingsplatser hos små företag", "platser"),
            ("Andel lärlingar anställda efter examen", "procent"),
        ),
        question="Hur många lärlingar skulle ni kunna ta emot med delad handledning?",
        proposal=(
            "Vi föreslår ett **lärlingsnätverk** där små installationsföretag delar på en "
            "handledare."
        ),
        action_title="Lärlingsnätverk för elektriker",
    ),
    "vard": Theme(
        key="vard",
        name="Vård och omsorg",
        sectors=("Q", "86", "87"),
        occupations=("5321", "2221"),
        horizon="long",
        kind="prognos",
        analysis_summary=(
            "Prognosen visar att {county} behöver rekrytera omkring {n1} undersköterskor och "
            "{n3} sjuksköterskor till 2035, när många går i pension och fler blir äldre."
        ),
        analysis_background=(
            "Äldreomsorgen och hälso- och sjukvården står inför ett generationsskifte. "
            "{care_note} Ungefär var fjärde undersköterska är över 55 år."
        ),
        analysis_conclusions=(
            "Vård- och omsorgsprogrammet inom Komvux i {place1} behöver fler platser.",
            "Språkstöd och validering kortar vägen till arbete för utrikes födda i {county}.",
            ("Kompetensförsörjningen i omsorgen i {place2} kräver att fler vill stanna i yrket."),
        ),
        need_summary=(
            "Brist på undersköterskor och sjuksköterskor i {county} på lång sikt, i hemtjänst, "
            "särskilt boende och sjukhus fram till 2035."
        ),
        need_body=(
            "Kommunerna i {county}, bland dem {place1} och {place2}, rapporterar att vikarier "
            "utan utbildning täcker en växande del av bemanningen."
        ),
        example_challenge=(
            "Många nyanlända i {place1} ville arbeta i omsorgen, men språkkraven stängde "
            "dörren till utbildningen."
        ),
        example_done=(
            "Komvux i {place1} kombinerade SFI med vård- och omsorgsutbildning för {n3} "
            "deltagare, betald praktik, språkstöd i klassrummet och handledare på arbetsplatserna"
            " i {place2}."
        ),
        example_resources=(
            "Språklärare och yrkeslärare i samma klassrum, handledare i omsorgen och "
            "praktiklön från kommunen."
        ),
        example_potential=(
            "Kan användas i alla regioner där Komvux och kommunernas omsorg samarbetar."
        ),
        partners=("Komvux", "Kommunernas äldreomsorg", "Vård- och omsorgscollege"),
        action_followed_up="Kombinationsutbildning till undersköterska med SFI.",
        indicators=(
            ("Andel utbildade undersköterskor i äldreomsorgen", "procent"),
            ("Deltagare i arbete efter utbildningen", "personer"),
        ),
        question="Hur många undersköterskor saknar ni i dag, och hur många vikarier täcker upp?",
        proposal=(
            "Vi föreslår en **kombinationsutbildning** i {place1} med SFI och vård- och "
            "omsorgskurser, med praktik i omsorgen i {place2}."
        ),
        action_title="Kombinationsutbildning till undersköterska",
    ),
    "larare": Theme(
        key="larare",
        name="Skola och utbildning",
        sectors=("P", "85"),
        occupations=("2341", "2330"),
        horizon="long",
        kind="analys",
        analysis_summary=(
            "Analysen visar att {county} behöver examinera omkring {n3} fler grundskollärare "
            "och gymnasielärare per år för att möta pensionsavgångarna fram till 2035."
        ),
        analysis_background=(
            "Andelen behöriga lärare skiljer sig mellan kommunerna. {school_note} I de minsta "
            "kommunerna i {county} saknar {share} procent av lärarna behörighet i sitt ämne."
        ),
        analysis_conclusions=(
            ("Lärarutbildning på distans behövs för dem i {county} som bor långt från lärosätena."),
            (
                "Fritidspedagoger och barnskötare i {place1} är en rekryteringsbas för "
                "lärarutbildningen."
            ),
            (
                "Lärarnas kompetensförsörjning i {place2} är en fråga för hela länet, inte bara "
                "för skolorna."
            ),
        ),
        need_summary=(
            "Brist på behöriga lärare i matematik, NO och yrkesämnen i {county} på lång sikt, "
            "störst i kommuner långt från lärosätena."
        ),
        need_body=(
            "Skolor i {place1} och {place2} anställer obehöriga lärare i brist på sökande. "
            "Behovet i {county} är långsiktigt och kräver utbildning nära hemorten."
        ),
        example_challenge="De som bor i {place1} kunde inte flytta för att studera till lärare.",
        example_done=(
            "Lärarutbildning på distans för {n3} studenter, med studieplats, handledning och "
            "examination på lärcentrum i {place1}."
        ),
        example_resources="Lärcentrum i kommunen, handledare i skolan och lärosätets kurser.",
        example_potential=(
            "Lärcentrum finns i alla regioner; studietakten behöver anpassas till dem som "
            "arbetar samtidigt."
        ),
        partners=("Lärosätet", "Kommunernas lärcentrum", "Skolhuvudmännen"),
        action_followed_up="Lärarutbildning på distans via lärcentrum.",
        indicators=(
            ("Andel behöriga lärare i länets mindre kommuner", "procent"),
            ("Examinerade lärare från distansutbildningen", "personer"),
        ),
        question="Hur många av era lärare saknar behörighet i de ämnen de undervisar i?",
        proposal=(
            "Vi föreslår **lärarutbildning på distans** med studieplats och handledning på "
            "lärcentrum."
        ),
        action_title="Lärarutbildning på distans via lärcentrum",
    ),
}

REGIONS = {
    "01": RegionProfile(
        code="01",
        theme="it",
        places=("Kista", "Södertälje"),
        driver="Kista och innerstaden har Sveriges största koncentration av IT-företag.",
        analysis_title="IT-säkerhet och systemutveckling i Stockholms län de närmaste två åren",
        need_title="IT-säkerhetsspecialister till kommuner och små företag i Stockholms län",
        example_title="Traineeår i IT-säkerhet för Södertörns kommuner",
        care_note="Storstadens vård konkurrerar om personal med privata vårdgivare.",
        school_note="Förortskommunerna har lägst andel behöriga lärare i länet.",
    ),
    "03": RegionProfile(
        code="03",
        theme="lifescience",
        places=("Uppsala", "Enköping"),
        driver="Uppsala har ett av Europas tätaste kluster av läkemedels- och diagnostikföretag.",
        analysis_title="Life science i Uppsala län: produktion och analys till 2035",
        need_title="Operatörer i läkemedelsproduktion och biomedicinska analytiker i Uppsala län",
        example_title="Renrum som klassrum: YH-utbildning i läkemedelsproduktion i Uppsala",
        care_note="Akademiska sjukhuset är länets största arbetsplats.",
        school_note="Länet växer snabbt, och nya skolor öppnar i Uppsalas randområden.",
    ),
    "04": RegionProfile(
        code="04",
        theme="transport",
        places=("Eskilstuna", "Nyköping"),
        driver="Logistikcentren längs E20 och hamnen i Oxelösund har vuxit snabbt.",
        analysis_title="Förare och lagerpersonal till logistiken i Sörmland på kort sikt",
        need_title="Lastbilsförare till distributionen längs E20 i Södermanlands län",
        example_title="Körkort med lön i Eskilstuna: förarutbildning som inte höll hela vägen",
        care_note="Hemtjänsten på landsbygden har långa körsträckor.",
        school_note="Eskilstuna har svårt att rekrytera lärare i yrkesämnen.",
    ),
    "05": RegionProfile(
        code="05",
        theme="tillverkning",
        places=("Linköping", "Norrköping"),
        driver="Flyg- och försvarsindustrin i Linköping växer med nya beställningar.",
        analysis_title="Tekniker till flyg- och försvarsindustrin i Östergötland till 2035",
        need_title="Underhållsmekaniker och maskintekniker till Östergötlands industri",
        example_title="Gemensam robotcell för små verkstäder i Östergötland",
        care_note="Vrinnevisjukhuset och Universitetssjukhuset delar på samma arbetsmarknad.",
        school_note="Norrköping behöver många lärare i svenska som andraspråk.",
    ),
    "06": RegionProfile(
        code="06",
        theme="tillverkning",
        places=("Gnosjö", "Värnamo"),
        driver="Gnosjöregionens många familjeföretag har stora generationsskiften framför sig.",
        analysis_title="Gnosjöandan och automationen: industrins kompetensbehov till 2035",
        need_title="Maskinoperatörer med automationskunnande till Jönköpings läns verkstäder",
        example_title="Automationsmoduler på arbetstid för familjeföretagen i Gnosjö",
        care_note="Äldreomsorgen i de små kommunerna har svårt att rekrytera sjuksköterskor.",
        school_note="Industriprogrammet i Värnamo har fler platser än sökande.",
    ),
    "07": RegionProfile(
        code="07",
        theme="skog",
        places=("Växjö", "Älmhult"),
        driver="Träbyggandet i Växjö har gjort länet till ett nav för industriellt trähus.",
        analysis_title="Träbyggande och skogsbruk i Kronoberg inför nästa säsong",
        need_title="Träarbetare och skogsmaskinförare i Kronobergs län",
        example_title="Simulator först, skogen sedan: förarutbildning i Kronoberg",
        care_note="Linnéuniversitetets sjuksköterskeutbildning har fler sökande än platser.",
        school_note="Lärarbristen är störst i Markaryd och Lessebo.",
    ),
    "08": RegionProfile(
        code="08",
        theme="besoksnaring",
        places=("Borgholm", "Kalmar"),
        driver="Öland tar emot flest besökare under sommarveckorna kring Victoriadagen.",
        analysis_title="Ölands sommar: personal till hotell och restaurang på kort sikt",
        need_title="Kockar och servitörer till Ölands högsäsong",
        example_title="Sommar på Öland, vinter i fjällen: delade anställningar för kockar",
        care_note="Kalmar län har en av landets äldsta befolkningar.",
        school_note="Skolorna på Öland har få sökande till lärartjänsterna.",
    ),
    "09": RegionProfile(
        code="09",
        theme="besoksnaring",
        places=("Visby", "Slite"),
        driver="Visby fyrdubblar sin befolkning under Almedalsveckan och sommarmånaderna.",
        analysis_title="Gotlands besöksnäring: säsongspersonal de närmaste två somrarna",
        need_title="Receptionister och kockar till Gotlands sommarsäsong",
        example_title="Boende för säsongsanställda i Visby: ett försök som inte räckte",
        care_note="Öläget gör att vikarier inte kan hämtas från grannkommuner.",
        school_note="Alla gymnasielärare på ön måste rekryteras till samma huvudman.",
    ),
    "10": RegionProfile(
        code="10",
        theme="it",
        places=("Karlskrona", "Ronneby"),
        driver="Telecom City i Karlskrona samlar telekom- och mjukvaruföretag kring BTH.",
        analysis_title="Mjukvarutestare och IT-säkerhet i Blekinge på kort sikt",
        need_title="Systemtestare till Blekinges telekom- och mjukvaruföretag",
        example_title="Testare från Telecom City: praktiknära YH-utbildning i Karlskrona",
        care_note="Blekingesjukhuset har två sjukhus på två orter.",
        school_note="BTH utbildar ingenjörer men inte lärare; länets lärare utbildas annanstans.",
    ),
    "12": RegionProfile(
        code="12",
        theme="lifescience",
        places=("Lund", "Malmö"),
        driver="Medicon Village och forskningsanläggningarna i Lund drar nya företag till Skåne.",
        analysis_title="Life science i Skåne till 2035: från forskning till produktion",
        need_title="Biomedicinska analytiker och molekylärbiologer till Skånes life science",
        example_title="Öresundsrekrytering av analytiker till Skånes life science",
        care_note="Skånes universitetssjukhus har svårt att behålla specialistsjuksköterskor.",
        school_note="Malmö har landets största behov av lärare i svenska som andraspråk.",
    ),
    "13": RegionProfile(
        code="13",
        theme="energi",
        places=("Varberg", "Halmstad"),
        driver="Kärnkraften i Ringhals och havsbaserad vindkraft skapar nya jobb i länet.",
        analysis_title="Elektrifiering och kraftproduktion i Halland till 2035",
        need_title="Elektriker och elingenjörer till Hallands kraftproduktion",
        example_title="Lärlingsnätverket i Halland: små elföretag delar handledare",
        care_note="Halland växer, och vården behöver fler medarbetare varje år.",
        school_note="Kungsbacka har många sökande men Hylte har få.",
    ),
    "14": RegionProfile(
        code="14",
        theme="tillverkning",
        places=("Göteborg", "Trollhättan"),
        driver="Fordonsindustrin ställer om till eldrift och batterier runt Göteborg.",
        analysis_title="Fordonsindustrins omställning i Västra Götaland till 2035",
        need_title="Maskinoperatörer och tekniker till fordonsindustrin i Västra Götaland",
        example_title="Omställning från förbränningsmotor till elbil: yrkesväxling i Trollhättan",
        care_note="Sahlgrenska och kommunerna konkurrerar om samma sjuksköterskor.",
        school_note="Göteborgs nordöstra stadsdelar har lägst andel behöriga lärare.",
    ),
    "17": RegionProfile(
        code="17",
        theme="skog",
        places=("Karlstad", "Torsby"),
        driver="Pappers- och massabruken i Värmland behöver skogsråvara året runt.",
        analysis_title="Skogsmaskinförare till Värmlands skogar på kort sikt",
        need_title="Skogsmaskinförare till entreprenörerna i norra Värmland",
        example_title="Skogsmaskinförare i Torsby: anställning från första dagen",
        care_note="Norra Värmland har långt till sjukhus och få sjuksköterskor.",
        school_note="Lärarna i Torsby och Filipstad går i pension snabbare än de ersätts.",
    ),
    "18": RegionProfile(
        code="18",
        theme="transport",
        places=("Örebro", "Hallsberg"),
        driver="Örebro och Hallsberg är ett av Skandinaviens största logistiknav.",
        analysis_title="Logistiknavet Örebro: förare och lagerarbetare på kort sikt",
        need_title="Lastbilsförare till logistiknavet Örebro–Hallsberg",
        example_title="Språkstöd på lagret i Örebro: vägen in i logistiken",
        care_note="Universitetssjukhuset i Örebro rekryterar från hela Mellansverige.",
        school_note="Örebro universitet utbildar lärare men få stannar i länets mindre kommuner.",
    ),
    "19": RegionProfile(
        code="19",
        theme="energi",
        places=("Västerås", "Köping"),
        driver="Västerås är ett centrum för kraftteknik och elektrifiering av industrin.",
        analysis_title="Elkraft och elektrifiering i Västmanland till 2035",
        need_title="Industrielektriker och elingenjörer till Västmanlands kraftteknik",
        example_title="Elingenjörer genom yrkesväxling: ett program i Västerås",
        care_note="Västerås sjukhus byggs om samtidigt som personalen behöver bli fler.",
        school_note="Köping och Arboga har svårt att rekrytera lärare i teknik.",
    ),
    "20": RegionProfile(
        code="20",
        theme="basindustri",
        places=("Borlänge", "Avesta"),
        driver="Stålverken i Borlänge och Avesta ställer om till fossilfri produktion.",
        analysis_title="Stålindustrins omställning i Dalarna: kompetens till 2035",
        need_title="Processoperatörer och metallurgiingenjörer till Dalarnas stålverk",
        example_title="Stålverkets basår i Borlänge: från Komvux till processoperatör",
        care_note="Fjällkommunerna har stora säsongsvariationer i vårdbehovet.",
        school_note="Malung-Sälen och Älvdalen har svårt att få behöriga lärare.",
    ),
    "21": RegionProfile(
        code="21",
        theme="tillverkning",
        places=("Sandviken", "Gävle"),
        driver="Verktygs- och materialindustrin i Sandviken söker tekniker med digital kompetens.",
        analysis_title="Verkstadsindustrin i Gävleborg: tekniker och operatörer till 2035",
        need_title="Underhållsmekaniker till verkstadsindustrin i Gävleborg",
        example_title="Industriteknikercollege i Sandviken: unga tillbaka till verkstaden",
        care_note="Hälsingland har långa avstånd mellan vårdcentralerna.",
        school_note="Ljusdal och Ockelbo har lägst andel behöriga lärare i länet.",
    ),
    "22": RegionProfile(
        code="22",
        theme="skog",
        places=("Sundsvall", "Örnsköldsvik"),
        driver="Massabruken längs kusten och de stora skogsbolagen dominerar näringslivet.",
        analysis_title="Skogsnäringens vakanser i Västernorrland inför avverkningssäsongen",
        need_title="Förare av skogsmaskiner till Västernorrlands skogsbolag",
        example_title="Skogsentreprenörernas förarpool i Örnsköldsvik",
        care_note="Inlandskommunerna har svårt att bemanna hemtjänsten.",
        school_note="Sollefteå och Ånge anställer många lärare utan behörighet.",
    ),
    "23": RegionProfile(
        code="23",
        theme="besoksnaring",
        places=("Åre", "Östersund"),
        driver="Åre och fjälldestinationerna har vintersäsong med stora rekryteringsbehov.",
        analysis_title="Fjällturismen i Jämtland: säsongspersonal till nästa vinter",
        need_title="Säsongsanställda kockar och servitörer till Åre och fjälldestinationerna",
        example_title="Vinter i Åre, sommar vid kusten: helårsjobb för kockar",
        care_note="Glesbygd och långa avstånd gör hemtjänsten resurskrävande.",
        school_note="Fjällkommunerna har få sökande till lärartjänster.",
    ),
    "24": RegionProfile(
        code="24",
        theme="basindustri",
        places=("Skellefteå", "Umeå"),
        driver="Batterifabriken i Skellefteå och gruvorna i Bolidenområdet växer samtidigt.",
        analysis_title="Batterier och gruvor i Västerbotten: kompetensbehov till 2035",
        need_title="Processoperatörer och industrielektriker till batteri- och gruvindustrin",
        example_title="Snabbspår till batterifabriken i Skellefteå",
        care_note="Umeå växer medan inlandskommunerna krymper.",
        school_note="Skellefteå behöver hundratals nya lärare när inflyttningen ökar.",
    ),
    "25": RegionProfile(
        code="25",
        theme="basindustri",
        places=("Luleå", "Gällivare"),
        driver="Gruvorna i Malmfälten och den fossilfria ståltillverkningen kring Luleå och "
        "Boden växer samtidigt.",
        analysis_title="Den gröna industriomställningen i Norrbotten till 2035",
        need_title="Gruvarbetare och metallurgiingenjörer till Norrbottens gröna omställning",
        example_title="Gruvutbildning i Gällivare för vuxna som byter yrke",
        care_note="Stora avstånd och en åldrande befolkning i inlandet.",
        school_note="Malmfältens kommuner konkurrerar med industrin om samma vuxna.",
    ),
}

# Clearly made-up surnames, so that nobody mistakes a demo contact for a real person.
CONTACT_FIRST_NAMES = (
    "Anna", "Erik", "Maria", "Johan", "Karin", "Lars", "Sara", "Per", "Elin", "Ali",
    "Fatima", "Jonas", "Lina", "Omar", "Eva", "Mikael", "Sofia", "Anders", "Nora", "Hassan",
    "Ida",
)  # fmt: skip
CONTACT_SURNAMES = ("Exempelsson", "Demoström", "Provberg", "Testlund", "Påhittsdotter")
CONTACT_ROLES = ("analytiker", "utvecklingsledare", "samordnare för kompetensförsörjning")

CARE_TITLES = (
    "Undersköterskor och sjuksköterskor i {county} till 2035",
    "Vårdens och omsorgens rekryteringsbehov i {county} på lång sikt",
    "Generationsskiftet i omsorgen: {county} till 2035",
)
CARE_NEED_TITLES = (
    "Undersköterskor till hemtjänsten i {place1} och {place2}",
    "Sjuksköterskor och undersköterskor till {county}s äldreomsorg",
    "Utbildad personal i äldreomsorgen i {county}",
)
CARE_EXAMPLE_TITLES = (
    "SFI och undersköterskeutbildning i samma klassrum i {place1}",
    "Språkstöd på arbetsplatsen gav fler undersköterskor i {place1}",
    "Validering av vikarier i omsorgen i {place1}",
)
SCHOOL_TITLES = (
    "Lärarförsörjningen i {county} till 2035",
    "Behöriga lärare i {county} på lång sikt",
    "Lärare till mindre kommuner i {county} fram till 2035",
)
SCHOOL_NEED_TITLES = (
    "Behöriga lärare i matematik och NO i {place2}",
    "Gymnasielärare i yrkesämnen i {county}",
    "Grundskollärare till kommunerna kring {place2}",
)
SCHOOL_EXAMPLE_TITLES = (
    "Lärarutbildning på distans via lärcentrum i {place2}",
    "Från barnskötare till lärare: studier på hemorten i {place2}",
)
