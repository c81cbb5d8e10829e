"""Deterministic demo content for ``make run``, loaded through the import command.

For every region: three analyses (one with a generated PDF report), three competence needs,
two good examples (one of them addressing a need in a neighbouring region) and one result;
then two learning collections. The text is written for the demo from a handful of themes that
regions really work on; figures vary by region but are the same on every run, and so are the
PDFs, so re-running imports nothing twice.
"""

import datetime
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from fpdf import FPDF

from content.importer import ImportSummary, import_publications
from content.models import LearningCollectionPage, LearningIndexPage, Region, Theme
from content.publication_types import publication_models


@dataclass(frozen=True)
class DemoTheme:
    key: str
    name: str
    sectors: tuple[str, ...]
    occupations: tuple[str, ...]
    analysis_title: str
    analysis_kind: str
    analysis_summary: str
    analysis_body: str
    need_title: str
    need_summary: str
    need_body: str
    balance: str
    example_title: str
    example_summary: str
    example_body: str
    outcome: str
    result_title: str
    result_summary: str
    result_body: str


THEMES = [
    DemoTheme(
        key="vard",
        name="Vård och omsorg",
        sectors=("Q", "87", "88"),
        occupations=("5321", "5322", "2221"),
        analysis_title="Kompetensbehov i vård och omsorg i {county} till 2035",
        analysis_kind="prognos",
        analysis_summary=(
            "Prognosen visar att {region} behöver rekrytera omkring {n1} undersköterskor och "
            "{n2} sjuksköterskor fram till 2035, främst för att många går i pension och "
            "andelen äldre i befolkningen ökar."
        ),
        analysis_body=(
            "Äldreomsorgen och hemtjänsten i {county} står inför ett generationsskifte. "
            "Ungefär var fjärde undersköterska är över 55 år, och efterfrågan ökar i takt med "
            "att gruppen över 80 år växer.\n\n"
            "## Slutsatser\n\n"
            "- Rekryteringsbehovet är störst inom hemtjänst och särskilt boende.\n"
            "- Utbildningskapaciteten på vård- och omsorgsprogrammet inom Komvux räcker inte.\n"
            "- Språkstöd och validering kan korta vägen till arbete för utrikes födda.\n\n"
            "Underlaget bygger på SCB:s befolkningsprognos, Yrkesbarometern och regionens "
            "enkät till kommunernas äldreomsorg."
        ),
        need_title="Undersköterskor till äldreomsorgen i {county}",
        need_summary=(
            "Brist på undersköterskor inom hemtjänst, hemsjukvård och äldreboende. Behovet "
            "gäller både på kort sikt och fram till 2035."
        ),
        need_body=(
            "Kommunerna i {county} rapporterar svårigheter att rekrytera utbildade "
            "undersköterskor. Vikarier utan utbildning täcker en växande del av bemanningen."
        ),
        balance="brist",
        example_title="Kombinationsutbildning till undersköterska med svenska för invandrare",
        example_summary=(
            "Komvux och äldreomsorgen i {region} kombinerade SFI med vård- och "
            "omsorgsutbildning och betald praktik; {n3} deltagare fick anställning."
        ),
        example_body=(
            "## Utmaningen\n\nMånga nyanlända ville arbeta i omsorgen men språkkraven stängde "
            "dörren till utbildningen.\n\n"
            "## Vad som gjordes\n\nSFI och yrkeskurser lästes parallellt, med språkstöd i "
            "klassrummet och handledare på arbetsplatsen.\n\n"
            "## Resultat\n\nAv {n4} som började fullföljde {n3}; nästan alla fick anställning "
            "som undersköterska inom ett halvår.\n\n"
            "## Lärdomar\n\nHandledarnas tid måste finansieras; där den inte gjorde det "
            "avbröt fler deltagare.\n\n"
            "## Potential för andra\n\nModellen kan användas i alla regioner där Komvux och "
            "kommunernas omsorg samarbetar."
        ),
        outcome="lyckat",
        result_title="Uppföljning av satsningen på undersköterskor i {county}",
        result_summary=(
            "Andelen utbildade undersköterskor i kommunernas äldreomsorg ökade från {p1} till "
            "{p2} procent under satsningens tre år."
        ),
        result_body=(
            "Satsningen nådde sitt mål för antal utbildade, men personalomsättningen i "
            "hemtjänsten är fortfarande hög. Arbetsmiljön behöver följas upp."
        ),
    ),
    DemoTheme(
        key="it",
        name="Digital kompetens och IT",
        sectors=("J", "62"),
        occupations=("2512", "2511", "2514"),
        analysis_title="Digital kompetens i näringslivet i {county}",
        analysis_kind="kartlaggning",
        analysis_summary=(
            "Kartläggningen visar att {n1} företag i {county} saknar medarbetare med "
            "kompetens inom mjukvaruutveckling, IT-säkerhet och dataanalys."
        ),
        analysis_body=(
            "Behovet av digital kompetens växer i alla branscher, inte bara i IT-sektorn. "
            "Tillverkande företag efterfrågar systemutvecklare och testare för att "
            "automatisera produktionen.\n\n"
            "Yrkeshögskolans utbildningar inom mjukvaruutveckling har fler sökande än "
            "platser, medan företagen har svårt att behålla erfarna utvecklare."
        ),
        need_title="Mjukvaru- och systemutvecklare i {county}",
        need_summary=(
            "Brist på mjukvaru- och systemutvecklare, särskilt med erfarenhet av IT-säkerhet. "
            "Små företag har svårast att konkurrera om kompetensen."
        ),
        need_body=(
            "Företag utanför de största städerna i {county} uppger att de inte hittar "
            "utvecklare. Distansarbete har gjort konkurrensen om de erfarna hårdare."
        ),
        balance="brist",
        example_title="YH-utbildning i mjukvarutestning tillsammans med industrin",
        example_summary=(
            "En yrkeshögskoleutbildning i systemtestning som företagen i {region} "
            "utformade tillsammans med utbildningsanordnaren."
        ),
        example_body=(
            "## Utmaningen\n\nIndustriföretagen behövde testare men fann inga med "
            "branschkunskap.\n\n"
            "## Vad som gjordes\n\nEn ledningsgrupp med företagen formade kursplanen, och "
            "hälften av utbildningen var lärande i arbete.\n\n"
            "## Resultat\n\n{n3} av {n4} studerande hade jobb vid examen.\n\n"
            "## Lärdomar\n\nSmå företag behövde stöd för att ta emot praktikanter.\n\n"
            "## Potential för andra\n\nUpplägget passar regioner med industri som "
            "digitaliserar produktionen."
        ),
        outcome="lyckat",
        result_title="Resultat av IT-kompetenslyftet i {county}",
        result_summary=(
            "Kompetenslyftet nådde {n1} anställda i små och medelstora företag; {p1} procent "
            "av företagen anger att de nu klarar fler digitala projekt själva."
        ),
        result_body=(
            "Korta kurser gav snabb effekt, men företagen efterfrågar längre utbildningar "
            "inom IT-säkerhet som ännu saknas i regionen."
        ),
    ),
    DemoTheme(
        key="larare",
        name="Skola och utbildning",
        sectors=("P", "85"),
        occupations=("2341", "2342", "5311"),
        analysis_title="Lärarförsörjningen i {county} på lång sikt",
        analysis_kind="analys",
        analysis_summary=(
            "Analysen visar att {county} behöver examinera {n1} fler grundskollärare per år "
            "för att möta pensionsavgångar och elevutveckling fram till 2035."
        ),
        analysis_body=(
            "Andelen behöriga lärare skiljer sig kraftigt mellan kommunerna i {county}. I de "
            "minsta kommunerna saknar mer än var tredje lärare behörighet i sitt ämne.\n\n"
            "## Slutsatser\n\n"
            "- Distansutbildning till lärare behövs för dem som bor långt från lärosätena.\n"
            "- Fritidspedagoger och barnskötare är en rekryteringsbas för lärarutbildningen."
        ),
        need_title="Behöriga grundskollärare i mindre kommuner i {county}",
        need_summary=(
            "Brist på behöriga grundskollärare, störst i matematik och NO i kommuner med "
            "långt till närmaste lärosäte."
        ),
        need_body=(
            "Skolorna i mindre kommuner anställer obehöriga lärare i brist på sökande. Behovet "
            "är långsiktigt och kräver utbildning nära hemorten."
        ),
        balance="brist",
        example_title="Lärarutbildning på distans med lärcentrum i kommunerna",
        example_summary=(
            "Studenter i {region} läste lärarutbildning på distans med stöd av kommunala "
            "lärcentrum och verksamhetsförlagd utbildning på hemorten."
        ),
        example_body=(
            "## Utmaningen\n\nDe som bor i glesbygd kunde inte flytta för att studera.\n\n"
            "## Vad som gjordes\n\nLärcentrum erbjöd studieplats, handledning och "
            "examinationer lokalt.\n\n"
            "## Resultat\n\nGenomströmningen blev lägre än väntat: {n3} av {n4} tog examen.\n\n"
            "## Lärdomar\n\nStudenter som arbetade heltid samtidigt hoppade oftare av. Det "
            "som inte fungerade var att kombinera heltidsarbete med heltidsstudier.\n\n"
            "## Potential för andra\n\nLärcentrum är en resurs alla regioner har; "
            "studietakten behöver anpassas."
        ),
        outcome="delvis",
        result_title="Uppföljning av lärarförsörjningen i {county}",
        result_summary=(
            "Andelen behöriga lärare i regionens mindre kommuner ökade från {p1} till {p2} "
            "procent på fem år."
        ),
        result_body=(
            "Ökningen beror både på fler examinerade och på att fler obehöriga lärare "
            "validerats. Matematik är fortfarande det svåraste ämnet att bemanna."
        ),
    ),
    DemoTheme(
        key="transport",
        name="Transport och logistik",
        sectors=("H", "49"),
        occupations=("8332",),
        analysis_title="Transportnäringens kompetensbehov i {county} – kort sikt",
        analysis_kind="analys",
        analysis_summary=(
            "Åkerierna i {county} behöver omkring {n1} nya lastbilsförare de närmaste två "
            "åren; medelåldern bland förarna är hög och få unga söker sig till yrket."
        ),
        analysis_body=(
            "Transportföretagen i {county} rapporterar att de tackar nej till uppdrag i "
            "brist på förare. Körkortskostnaden är ett hinder för unga och för "
            "arbetssökande.\n\n"
            "Regionens enkät visar att företagen är beredda att erbjuda praktik om "
            "utbildningen sker nära arbetsplatsen."
        ),
        need_title="Lastbilsförare till åkerier i {county}",
        need_summary=(
            "Kort sikt: brist på lastbilsförare med C- och CE-behörighet, särskilt för "
            "regional distribution."
        ),
        need_body=(
            "Behovet är akut och gäller hela länet. Yrkesutbildning inom Komvux har långa "
            "köer till körlektioner."
        ),
        balance="brist",
        example_title="Förarutbildning med anställning från start",
        example_summary=(
            "Åkerier i {region} anställde deltagarna redan från utbildningens start och "
            "delade på kostnaden för körkort med Komvux."
        ),
        example_body=(
            "## Utmaningen\n\nArbetssökande hade inte råd med körkort för tung lastbil.\n\n"
            "## Vad som gjordes\n\nFöretagen anställde deltagarna och Komvux stod för "
            "utbildningen.\n\n"
            "## Resultat\n\nAvhoppen blev för många och bara {n3} av {n4} fullföljde.\n\n"
            "## Lärdomar\n\nUrvalet var för snabbt; deltagarna visste för lite om yrket. "
            "Insatsen lyckades inte, men visade vad en bättre introduktion behöver.\n\n"
            "## Potential för andra\n\nMed längre introduktion kan modellen prövas igen."
        ),
        outcome="ej_lyckat",
        result_title="Uppföljning av förarsatsningen i {county}",
        result_summary=(
            "Satsningen gav {n3} nya förare i stället för de {n4} som var målet; orsakerna "
            "analyseras i uppföljningen."
        ),
        result_body=(
            "Målet nåddes inte. Uppföljningen pekar på urvalet och på att praktikplatserna "
            "låg långt från deltagarnas bostad."
        ),
    ),
    DemoTheme(
        key="el",
        name="Energi och installation",
        sectors=("F", "43", "D"),
        occupations=("7411",),
        analysis_title="Elektrifieringens kompetensbehov i {county}",
        analysis_kind="prognos",
        analysis_summary=(
            "Elektrifieringen av industri och transporter gör att {county} behöver omkring "
            "{n1} fler installations- och serviceelektriker till 2035."
        ),
        analysis_body=(
            "Nya industrietableringar och utbyggnaden av elnätet ökar efterfrågan på "
            "elektriker. Gymnasieskolans el- och energiprogram har lediga platser samtidigt "
            "som företagen saknar lärlingsplatser.\n\n"
            "## Slutsatser\n\n"
            "- Fler lärlingsplatser behövs hos små installationsföretag.\n"
            "- Vuxna som byter yrke behöver kortare vägar via Komvux och yrkeshögskola."
        ),
        need_title="Installations- och serviceelektriker i {county}",
        need_summary=(
            "Lång sikt: ökande brist på elektriker när industrin och fordonsflottan elektrifieras."
        ),
        need_body=(
            "Behovet växer med etableringarna i länet. Utbildningsplatser finns, men för få "
            "väljer el- och energiprogrammet."
        ),
        balance="brist",
        example_title="Lärlingsnätverk för el- och energiprogrammet",
        example_summary=(
            "Ett nätverk av installationsföretag i {region} delar på handledning så att "
            "även små företag kan ta emot lärlingar."
        ),
        example_body=(
            "## Utmaningen\n\nSmå företag hade inte tid att handleda lärlingar.\n\n"
            "## Vad som gjordes\n\nFöretagen delade på en handledare som regionen "
            "medfinansierade.\n\n"
            "## Resultat\n\nAntalet lärlingsplatser ökade från {n4} till {n3}.\n\n"
            "## Resurser\n\nEn heltidshandledare och en samordnare på halvtid.\n\n"
            "## Lärdomar\n\nNätverket behöver en samordnare som företagen litar på."
        ),
        outcome="lyckat",
        result_title="Resultat av lärlingsnätverket för elektriker i {county}",
        result_summary=(
            "Lärlingsnätverket fördubblade antalet lärlingsplatser och {p2} procent av "
            "lärlingarna fick anställning."
        ),
        result_body="Nätverket permanentas och finansieras nu av företagen själva.",
    ),
    DemoTheme(
        key="kock",
        name="Besöksnäring",
        sectors=("I", "56"),
        occupations=("5120",),
        analysis_title="Besöksnäringens säsongsbehov i {county}",
        analysis_kind="kartlaggning",
        analysis_summary=(
            "Kartläggningen visar att restaurangerna i {county} behöver omkring {n1} kockar "
            "under högsäsong, medan efterfrågan är låg resten av året."
        ),
        analysis_body=(
            "Besöksnäringen i {county} är säsongsberoende. Företagen har svårt att erbjuda "
            "helårsanställningar, vilket gör yrket mindre attraktivt.\n\n"
            "Samarbete mellan företag om helårsanställningar har prövats på några orter."
        ),
        need_title="Kockar under högsäsong i {county}",
        need_summary=("Kort sikt: brist på kockar och kallskänkor under sommar- och vintersäsong."),
        need_body="Behovet är säsongsbundet och skiljer sig mellan kust och fjäll.",
        balance="brist",
        example_title="Delade helårsanställningar mellan sommar- och vinterdestinationer",
        example_summary=(
            "Restauranger i {region} samarbetar med fjälldestinationer så att kockar kan "
            "arbeta året runt."
        ),
        example_body=(
            "## Utmaningen\n\nSäsongsanställda kockar lämnade yrket.\n\n"
            "## Vad som gjordes\n\nArbetsgivare på sommar- och vinterorter delade på "
            "anställningarna.\n\n"
            "## Resultat\n\n{n3} kockar fick helårsanställning.\n\n"
            "## Lärdomar\n\nBoende på båda orterna var avgörande."
        ),
        outcome="delvis",
        result_title="Uppföljning av helårsanställningar i besöksnäringen i {county}",
        result_summary="{n3} kockar fick helårsanställning; målet var {n4}.",
        result_body="Samarbetet fortsätter men behöver fler arbetsgivare på vintersidan.",
    ),
]


def _figures(region_code: str, theme_index: int) -> dict[str, int]:
    """Plausible, region-specific figures that are the same on every run."""
    seed = int(region_code) * 7 + theme_index * 13
    return {
        "n1": 120 + (seed * 37) % 900,
        "n2": 40 + (seed * 17) % 300,
        "n3": 12 + seed % 30,
        "n4": 45 + seed % 25,
        "p1": 55 + seed % 10,
        "p2": 68 + seed % 15,
    }


def _text(template: str, region: Region, figures: dict[str, int]) -> str:
    return template.format(region=region.name, county=region.county_name, **figures)


def _report_pdf(path: Path, title: str, paragraphs: list[str]) -> None:
    pdf = FPDF()
    # A fixed creation date keeps the file, and so the import checksum, the same every run.
    pdf.set_creation_date(datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC))
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", size=11)
    for number in range(1, 4):
        pdf.set_font("helvetica", "B", 12)
        pdf.multi_cell(
            0,
            7,
            f"{number}. " + ("Bakgrund", "Resultat", "Slutsatser")[number - 1],
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.set_font("helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    pdf.output(str(path))


def _latin1(text: str) -> str:
    """The PDF core fonts cover Latin-1, which has å, ä and ö but not the en dash."""
    return text.replace("–", "-").replace("’", "'").encode("latin-1", "replace").decode("latin-1")


def build_manifest(directory: Path) -> int:
    """Write manifest.jsonl and the PDF reports for every region into ``directory``."""
    regions = list(Region.objects.order_by("code"))
    records = []
    for position, region in enumerate(regions):
        neighbour = regions[(position + 1) % len(regions)]
        themes = [THEMES[(position + offset) % len(THEMES)] for offset in range(3)]
        for index, theme in enumerate(themes):
            figures = _figures(region.code, index)
            base = f"demo-{region.code}-{theme.key}"
            published = datetime.date(2025, 1 + (position + index * 4) % 12, 1 + position % 27)
            attachments = []
            if index == 0:
                attachments = [f"{base}-rapport.pdf"]
                _report_pdf(
                    directory / attachments[0],
                    _text(theme.analysis_title, region, figures),
                    [
                        _text(theme.analysis_summary, region, figures),
                        _text(theme.analysis_body, region, figures)
                        .replace("#", "")
                        .replace("\n- ", "\n"),
                    ],
                )
            records.append(
                {
                    "external_id": f"{base}-analys",
                    "type": "analysis",
                    "region": region.code,
                    "title": _text(theme.analysis_title, region, figures),
                    "summary": _text(theme.analysis_summary, region, figures),
                    "body": _text(theme.analysis_body, region, figures),
                    "published": published.isoformat(),
                    "horizon": "long" if theme.analysis_kind == "prognos" else "short",
                    "kind": theme.analysis_kind,
                    "sectors": list(theme.sectors),
                    "occupations": list(theme.occupations),
                    "municipalities": list(
                        region.municipalities.order_by("code").values_list("code", flat=True)[:3]
                    ),
                    "attachments": attachments,
                }
            )
            statuses = ["identifierat", "i_dialog", "insats_foreslagen", "insats_pagar", "uppfoljt"]
            records.append(
                {
                    "external_id": f"{base}-behov",
                    "type": "need",
                    "region": region.code,
                    "title": _text(theme.need_title, region, figures),
                    "summary": _text(theme.need_summary, region, figures),
                    "body": _text(theme.need_body, region, figures),
                    "published": (published + datetime.timedelta(days=20)).isoformat(),
                    "horizon": "long" if theme.analysis_kind == "prognos" else "short",
                    "sectors": list(theme.sectors[:2]),
                    "occupations": list(theme.occupations[:2]),
                    "analyses": [f"{base}-analys"],
                    "status": statuses[(position + index) % len(statuses)],
                    "balance": theme.balance,
                }
            )
        for index, theme in enumerate(themes[:2]):
            figures = _figures(region.code, index)
            base = f"demo-{region.code}-{theme.key}"
            addressed = [f"{base}-behov"]
            neighbour_first_theme = THEMES[((position + 1) % len(regions)) % len(THEMES)]
            if index == 1 and neighbour_first_theme == theme:
                # Learning travels: this example also answers the neighbour's similar need.
                addressed.append(f"demo-{neighbour.code}-{theme.key}-behov")
            records.append(
                {
                    "external_id": f"{base}-exempel",
                    "type": "good_example",
                    "region": region.code,
                    "title": _text(theme.example_title, region, figures),
                    "summary": _text(theme.example_summary, region, figures),
                    "body": _text(theme.example_body, region, figures),
                    "published": datetime.date(2025, 6 + index, 10 + position % 18).isoformat(),
                    "sectors": list(theme.sectors[:1]),
                    "occupations": list(theme.occupations[:1]),
                    "needs": addressed,
                    "outcome": theme.outcome,
                }
            )
        theme = themes[0]
        figures = _figures(region.code, 0)
        base = f"demo-{region.code}-{theme.key}"
        records.append(
            {
                "external_id": f"{base}-resultat",
                "type": "result",
                "region": region.code,
                "title": _text(theme.result_title, region, figures),
                "summary": _text(theme.result_summary, region, figures),
                "body": _text(theme.result_body, region, figures),
                "published": datetime.date(2026, 3, 1 + position).isoformat(),
                "sectors": list(theme.sectors[:1]),
                "occupations": list(theme.occupations[:1]),
                "needs": [f"{base}-behov"],
            }
        )
    with (directory / "manifest.jsonl").open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


COLLECTIONS = [
    {
        "slug": "vagar-in-i-omsorgen",
        "title": "Vägar in i vård och omsorg",
        "summary": (
            "Hur regioner och kommuner har lockat fler till undersköterskeyrket: "
            "kombinationsutbildningar, validering och betald praktik."
        ),
        "introduction": (
            "<p>Samlingen visar hur olika regioner har angripit bristen på undersköterskor "
            "och vad de lärde sig, också av det som inte fungerade.</p>"
        ),
        "themes": ["Vård och omsorg", "Validering"],
        "items": ["demo-01-vard-analys", "demo-01-vard-exempel", "demo-01-vard-resultat"],
    },
    {
        "slug": "lardomar-fran-insatser-som-inte-lyckades",
        "title": "Lärdomar från insatser som inte lyckades",
        "summary": (
            "Goda exempel är inte bara framgångar. Här är insatser som inte nådde målen och "
            "vad andra kan lära av dem."
        ),
        "introduction": (
            "<p>Att dela misslyckanden är lika viktigt som att dela framgångar. Varje "
            "exempel har en kommentar om vad som kunde ha gjorts annorlunda.</p>"
        ),
        "themes": ["Lärdomar"],
        "items": [],
    },
]


def create_collections() -> int:
    """Create the demo learning collections that do not exist yet; return how many."""
    index = LearningIndexPage.objects.first()
    if index is None:
        return 0
    pages = {}
    for model in publication_models().values():
        for page in model.objects.live().exclude(external_id=None):
            pages[page.external_id] = page
    good_examples = publication_models()["good_example"]
    failed_examples = good_examples.objects.live().filter(outcome="ej_lyckat").order_by("title")
    created = 0
    for spec in COLLECTIONS:
        if LearningCollectionPage.objects.filter(slug=spec["slug"]).exists():
            continue
        targets = [pages[key] for key in spec["items"] if key in pages] or list(failed_examples[:4])
        items = [
            (
                "page",
                {
                    "page": target,
                    "note": f"{target.region.name}: {target.summary[:180]}",
                },
            )
            for target in targets
        ]
        items.append(
            (
                "link",
                {
                    "title": "Yrkesbarometern – Arbetsförmedlingens bedömning av yrken",
                    "url": "https://arbetsformedlingen.se/statistik",
                    "note": "Ett vanligt underlag för regionernas analyser av bristyrken.",
                },
            )
        )
        collection = LearningCollectionPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            introduction=spec["introduction"],
            items=items,
        )
        index.add_child(instance=collection)
        collection.themes.set(
            [
                Theme.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
                for name in spec["themes"]
            ]
        )
        collection.save_revision().publish()
        created += 1
    return created


def load_demo_content() -> tuple[ImportSummary, int]:
    with tempfile.TemporaryDirectory(prefix="portal-demo-") as folder:
        directory = Path(folder)
        build_manifest(directory)
        summary = import_publications(directory)
    with transaction.atomic():
        collections = create_collections()
    return summary, collections
