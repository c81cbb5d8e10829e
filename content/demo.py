"""Deterministic demo content for ``make run``, written page by page in short transactions.

For every region (``content.demo_data``): an analysis, a competence need and a good example
in the field the region is known for, with a result that follows up the example's insats; an
analysis and a need in care and in schools, and a good example in one of them. Analyses carry
key figures, a table, sources and (the first in each region) a generated PDF report; every
publication has a fictitious contact. Then two learning collections.

Each page is written in its own transaction, so SQLite's write lock is held for one page at a
time. A page whose content (a checksum of what this module would write) is unchanged is left
alone, so a second run writes nothing. Needs are created ``identifierat`` and their status is
never written here: the dialogue demo (``portal.dialogue.demo``) moves it along the chain.
"""

import datetime
import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from fpdf import FPDF
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from content.demo_data import (
    CARE_EXAMPLE_TITLES,
    CARE_NEED_TITLES,
    CARE_TITLES,
    CONTACT_FIRST_NAMES,
    CONTACT_ROLES,
    CONTACT_SURNAMES,
    LONG_SOURCES,
    REGIONS,
    SCHOOL_EXAMPLE_TITLES,
    SCHOOL_NEED_TITLES,
    SCHOOL_TITLES,
    SHORT_SOURCES,
    THEMES,
    RegionProfile,
    Theme,
)
from content.models import (
    AnalysisAttachment,
    EvidenceSource,
    GoodExampleIndexPage,
    LearningCollectionPage,
    LearningIndexPage,
    Municipality,
    Occupation,
    Region,
    RegionPage,
    ResultIndicator,
    Sector,
)
from content.models import (
    Theme as CollectionTheme,
)
from content.publication_types import publication_models
from content.slugs import free_slug

DEMO_FOLDER = "demo"
# The good examples whose insats did not reach its goals, kept as lessons.
FAILED_EXAMPLES = {"04", "09", "17"}
PARTLY_SUCCESSFUL = {"07", "14", "22", "06"}

# Lessons and comments name the region's places: the same paragraph in 21 regions would read
# as a template (tests/content/test_demo_content.py counts runs of words shared across regions).
LESSONS = {
    "lyckat": (
        "Det som avgjorde i {place1} var att arbetsgivarna var med från början och garanterade "
        "{n3} platser. Handledarnas tid i {county} måste finansieras; där den inte var det "
        "avbröt fler deltagare."
    ),
    "delvis": (
        "Insatsen i {place1} nådde en del av målen. Deltagare i {county} som arbetade heltid "
        "samtidigt hoppade oftare av, och studietakten i {place2} borde ha anpassats från början."
    ),
    "ej_lyckat": (
        "Insatsen i {place1} nådde inte sina mål. Urvalet i {county} gick för fort och "
        "deltagarna visste för lite om yrket i {place2}, så flera hoppade av de första veckorna. "
        "I {place1} hade en längre introduktion, tydligare krav och boende nära arbetsplatsen "
        "behövts."
    ),
}
CURATOR_COMMENTS = {
    "lyckat": (
        "Validerat av Tillväxtverket. Ett väl dokumenterat exempel från {county} med tydliga "
        "resultat; särskilt värdefullt är hur arbetsgivarnas åtagande i {place1} skrevs in från "
        "start."
    ),
    "delvis": (
        "Validerat av Tillväxtverket. Exemplet från {place1} visar både vad som fungerade och "
        "var det brast i {county}, vilket gör det användbart för andra som planerar liknande "
        "insatser."
    ),
    "ej_lyckat": (
        "Validerat av Tillväxtverket och publicerat för lärdomarnas skull. Läs om lärdomarna "
        "från {place1} innan ni startar en liknande insats: orsakerna till avhoppen i {county} "
        "är typiska."
    ),
}


@dataclass(frozen=True)
class Figures:
    n1: int
    n2: int
    n3: int
    baseline: int
    target: int
    share: int

    @classmethod
    def for_region(cls, code: str, offset: int) -> "Figures":
        """Plausible figures that differ between regions and are the same on every run."""
        seed = int(code) * 7 + offset * 13
        return cls(
            n1=600 + (seed * 37) % 2400,
            n2=80 + (seed * 17) % 400,
            n3=40 + (seed * 11) % 260,
            baseline=20 + seed % 30,
            target=60 + seed % 40,
            share=22 + seed % 12,
        )


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def _bullets(items) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _format(text: str, **values) -> str:
    return text.format(**values)


def _contact(position: int, number: int, region: Region) -> str:
    first = CONTACT_FIRST_NAMES[(position * 3 + number) % len(CONTACT_FIRST_NAMES)]
    last = CONTACT_SURNAMES[(position + number) % len(CONTACT_SURNAMES)]
    role = CONTACT_ROLES[number % len(CONTACT_ROLES)]
    # slugify drops å, ä and ö; an address has them as a, a and o.
    local = ".".join(
        slugify(name.replace("ö", "o").replace("å", "a").replace("ä", "a"))
        for name in (first, last)
    )
    return f"{first} {last}, {role}, {region.name}\n{local}@example.se"


def _analysis_body(theme: Theme, values: dict, figures: Figures) -> list:
    occupations = {
        occupation.code: occupation.name
        for occupation in Occupation.objects.filter(code__in=theme.occupations)
    }
    period = "2035" if theme.horizon == "long" else "de närmaste två åren"
    rows = [["Yrke (SSYK 2012)", "Sysselsatta i länet", f"Rekryteringsbehov, {period}", "Balans"]]
    for index, code in enumerate(theme.occupations):
        employed = figures.n1 // (index + 1) + 150
        need = (figures.n2 if theme.horizon == "short" else figures.n1) // (index + 2)
        balance = "Brist" if index < 2 else "Viss brist"
        rows.append([f"{occupations.get(code, code)} ({code})", str(employed), str(need), balance])
    total = figures.n1 if theme.horizon == "long" else figures.n2
    return [
        ("heading", {"text": "Bakgrund", "level": "h2"}),
        ("paragraph", _paragraphs(_format(theme.analysis_background, **values))),
        (
            "key_figure",
            {
                "label": f"Rekryteringsbehov, {period}",
                "value": f"{total:,}".replace(",", " "),
                "unit": "personer",
                "source": "Regionens bearbetning av SCB:s statistik",
            },
        ),
        (
            "key_figure",
            {
                "label": "Andel av de sysselsatta som är 55 år eller äldre",
                "value": str(figures.share),
                "unit": "procent",
                "source": "SCB, yrkesregistret",
            },
        ),
        (
            "key_figure",
            {
                "label": "Examinerade per år från länets utbildningar",
                "value": str(figures.n3 // 2 + 10),
                "unit": "personer",
                "source": "Regionens sammanställning",
            },
        ),
        ("heading", {"text": "Behov per yrke", "level": "h2"}),
        (
            "table",
            {
                "data": rows,
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": f"{theme.name}: sysselsatta och rekryteringsbehov per yrke",
            },
        ),
        ("heading", {"text": "Slutsatser för länets kompetensförsörjning", "level": "h2"}),
        ("paragraph", _bullets(_format(item, **values) for item in theme.analysis_conclusions)),
    ]


def _report_pdf(path: Path, title: str, paragraphs: list[str]) -> None:
    pdf = FPDF()
    # A fixed creation date keeps the file, and so its hash, the same every run.
    pdf.set_creation_date(datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC))
    pdf.set_title(_latin1(title))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.multi_cell(0, 8, _latin1(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for heading, paragraph in zip(("Bakgrund", "Resultat", "Slutsatser"), paragraphs, strict=False):
        pdf.set_font("helvetica", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, _latin1(paragraph), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.output(str(path))


def _latin1(text: str) -> str:
    """The PDF core fonts cover Latin-1, which has å, ä and ö but not the en dash."""
    return text.replace("–", "-").replace("’", "'").encode("latin-1", "replace").decode("latin-1")


def build_records(directory: Path) -> list[dict]:
    """Every demo page as a record of what to write, in the order to write it."""
    regions = list(Region.objects.order_by("code"))
    first_pass, second_pass = [], []
    for position, region in enumerate(regions):
        profile = REGIONS[region.code]
        neighbour = regions[(position + 1) % len(regions)]
        records = _region_records(position, region, profile, neighbour, directory)
        first_pass += [record for record in records if record["type"] in ("analysis", "need")]
        second_pass += [record for record in records if record["type"] not in ("analysis", "need")]
    return first_pass + second_pass


def _region_records(position, region, profile: RegionProfile, neighbour, directory) -> list[dict]:
    municipalities = list(region.municipalities.order_by("code").values_list("code", flat=True)[:3])
    school_first = position % 2 == 1
    plan = [
        ("1", THEMES[profile.theme]),
        ("2", THEMES["vard"]),
        ("3", THEMES["larare"]),
    ]
    records = []
    contacts = iter(range(10))
    for ordinal, theme in plan:
        figures = Figures.for_region(region.code, int(ordinal))
        values = {
            "county": region.county_name,
            "region": region.name,
            "place1": profile.places[0],
            "place2": profile.places[1],
            "driver": profile.driver,
            "care_note": profile.care_note,
            "school_note": profile.school_note,
            "n1": f"{figures.n1:,}".replace(",", " "),
            "n2": figures.n2,
            "n3": figures.n3,
            "share": figures.share,
        }
        variant = position % 3
        if ordinal == "1":
            titles = (profile.analysis_title, profile.need_title, profile.example_title)
        elif theme.key == "vard":
            titles = (CARE_TITLES[variant], CARE_NEED_TITLES[variant], CARE_EXAMPLE_TITLES[variant])
        else:
            titles = (
                SCHOOL_TITLES[variant],
                SCHOOL_NEED_TITLES[variant],
                SCHOOL_EXAMPLE_TITLES[position % 2],
            )
        analysis_title, need_title, example_title = (_format(title, **values) for title in titles)
        base = f"demo-{region.code}-{ordinal}-{theme.key}"
        published = datetime.date(2025, 1 + (position + int(ordinal) * 4) % 12, 1 + position % 27)
        period = (2025, 2035) if theme.horizon == "long" else (2025, 2027)
        sources = LONG_SOURCES if theme.horizon == "long" else SHORT_SOURCES
        attachment = None
        if ordinal == "1":
            attachment = f"{base}-rapport.pdf"
            _report_pdf(
                directory / attachment,
                analysis_title,
                [
                    _format(theme.analysis_background, **values),
                    _format(theme.analysis_summary, **values),
                    " ".join(_format(item, **values) for item in theme.analysis_conclusions),
                ],
            )
        records.append(
            {
                "external_id": f"{base}-analys",
                "type": "analysis",
                "region": region.code,
                "title": analysis_title,
                "fields": {
                    "summary": _format(theme.analysis_summary, **values),
                    "horizon": theme.horizon,
                    "kind": theme.kind,
                    "period_start": period[0],
                    "period_end": period[1],
                    "body": _analysis_body(theme, values, figures),
                    "published_date": published.isoformat(),
                    "contact": _contact(position, next(contacts), region),
                },
                "codes": {
                    "sectors": list(theme.sectors),
                    "occupations": list(theme.occupations),
                    "municipalities": municipalities,
                },
                "evidence_sources": [list(source) for source in sources],
                "attachment": attachment,
            }
        )
        records.append(
            {
                "external_id": f"{base}-behov",
                "type": "need",
                "region": region.code,
                "title": need_title,
                "fields": {
                    "summary": _format(theme.need_summary, **values),
                    "description": _paragraphs(_format(theme.need_body, **values)),
                    "horizon": theme.horizon,
                    "balance": "brist",
                    "priority": "hog" if ordinal == "1" else "medel",
                    "actor_types": ["kommun", "utbildningsanordnare", "arbetsgivare"],
                    "published_date": (published + datetime.timedelta(days=20)).isoformat(),
                    "contact": _contact(position, next(contacts), region),
                },
                "codes": {
                    "sectors": list(theme.sectors),
                    "occupations": list(theme.occupations[:2]),
                    "municipalities": municipalities,
                },
                "links": {"source_analyses": [f"{base}-analys"]},
            }
        )
        has_example = ordinal == "1" or (ordinal == "3") == school_first
        if not has_example:
            continue
        outcome = _outcome(region.code, ordinal)
        needs = [f"{base}-behov"]
        if theme.key in ("vard", "larare"):
            # Learning travels: the example also answers the neighbour's need in the same field.
            needs.append(f"demo-{neighbour.code}-{ordinal}-{theme.key}-behov")
        start = 2022 + position % 3
        records.append(
            {
                "external_id": f"{base}-exempel",
                "type": "good_example",
                "region": region.code,
                "title": example_title,
                "fields": {
                    "summary": _example_summary(theme, values, outcome, figures),
                    "challenge": _paragraphs(_format(theme.example_challenge, **values)),
                    "what_was_done": _paragraphs(_format(theme.example_done, **values)),
                    "results_evidence": _paragraphs(
                        _example_results(outcome, figures, values["place1"])
                    ),
                    "resources": _paragraphs(_format(theme.example_resources, **values)),
                    "lessons_learned": _paragraphs(_format(LESSONS[outcome], **values)),
                    "potential": _paragraphs(_format(theme.example_potential, **values)),
                    "partners": "\n".join(
                        partner.replace("länet", region.county_name)
                        for partner in (*theme.partners, region.name)
                        if partner != "Regionen"
                    ),
                    "period_start": start,
                    "period_end": start + 2,
                    "outcome": outcome,
                    "curator_comment": _format(CURATOR_COMMENTS[outcome], **values),
                    "published_date": datetime.date(
                        2025, 5 + int(ordinal), 10 + position % 18
                    ).isoformat(),
                    "contact": _contact(position, next(contacts), region),
                },
                "codes": {
                    "sectors": list(theme.sectors[:2]),
                    "occupations": list(theme.occupations[:1]),
                    "municipalities": municipalities[:1],
                },
                "links": {"needs_addressed": needs},
            }
        )
        if ordinal != "1":
            continue
        records.append(_result_record(position, region, theme, values, base, figures, outcome))
    return records


def _outcome(code: str, ordinal: str) -> str:
    if ordinal == "1" and code in FAILED_EXAMPLES:
        return "ej_lyckat"
    if code in PARTLY_SUCCESSFUL and ordinal != "1":
        return "delvis"
    return "lyckat"


def _achieved(outcome: str, figures: Figures) -> int:
    return {
        "lyckat": figures.target + 4,
        "delvis": (figures.baseline + figures.target) // 2 + 3,
        "ej_lyckat": figures.baseline + 5,
    }[outcome]


def _example_summary(theme: Theme, values: dict, outcome: str, figures: Figures) -> str:
    challenge = _format(theme.example_challenge, **values)
    done = _format(theme.example_done, **values)
    verdict = {
        "lyckat": f"{_achieved(outcome, figures)} deltagare är i arbete, fler än målet.",
        "delvis": f"Målet nåddes till hälften i {values['place1']}, och lärdomarna är beskrivna.",
        "ej_lyckat": f"Insatsen i {values['place1']} nådde inte målet; exemplet visar varför.",
    }[outcome]
    return f"{challenge} {done} {verdict}"


def _example_results(outcome: str, figures: Figures, place: str) -> str:
    achieved = _achieved(outcome, figures)
    return (
        f"Målet var {figures.target} deltagare i arbete i {place} efter utbildningen; "
        f"utfallet blev {achieved}, från {figures.baseline} när insatsen startade."
    )


def _result_record(position, region, theme: Theme, values, base, figures, outcome) -> dict:
    achieved = _achieved(outcome, figures)
    reached = achieved >= figures.target
    conclusions = _format(
        "Insatsen i {county} nådde sitt mål och permanentas. Arbetsgivarna i {place1} "
        "finansierar handledningen från nästa år, och kompetensförsörjningen i branschen följs "
        "upp årligen."
        if reached
        else "Insatsen i {county} nådde inte sitt mål. Uppföljningen pekar på urvalet och på att "
        "praktikplatserna i {place1} låg långt från deltagarnas bostad; en ny omgång planeras "
        "med längre introduktion.",
        **values,
    )
    year = 2025 + position % 2
    return {
        "external_id": f"{base}-resultat",
        "type": "result",
        "region": region.code,
        "title": f"Uppföljning: {theme.action_title.lower()} i {region.county_name}",
        "fields": {
            "summary": (
                f"{theme.action_followed_up} Utfallet blev {achieved} mot målet "
                f"{figures.target}, från ett utgångsläge på {figures.baseline}."
            ),
            "action_followed_up": theme.action_followed_up,
            "conclusions": _paragraphs(conclusions),
            "published_date": datetime.date(2026, 3, 1 + position).isoformat(),
            "contact": _contact(position, 9, region),
        },
        "codes": {
            "sectors": list(theme.sectors[:2]),
            "occupations": list(theme.occupations[:1]),
            "municipalities": [],
        },
        "links": {"needs": [f"{base}-behov"], "good_examples": [f"{base}-exempel"]},
        "indicators": [
            [
                theme.indicators[0][0],
                figures.baseline,
                figures.target,
                achieved,
                theme.indicators[0][1],
                year,
            ],
            [
                theme.indicators[1][0],
                figures.share,
                figures.share + 20,
                figures.share + (25 if reached else 8),
                theme.indicators[1][1],
                year,
            ],
        ],
    }


def _checksum(record: dict, directory: Path) -> str:
    digest = hashlib.sha256(json.dumps(record, sort_keys=True, default=str).encode())
    if record.get("attachment"):
        with (directory / record["attachment"]).open("rb") as handle:
            digest.update(hash_filelike(handle).encode())
    return digest.hexdigest()


class DemoWriter:
    """Writes one record per transaction; finds pages again by ``external_id``."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.models = publication_models()
        self.region_pages = {
            page.region.code: page for page in RegionPage.objects.select_related("region")
        }
        self.example_indexes = {
            index.get_parent().specific.region.code: index
            for index in GoodExampleIndexPage.objects.all()
        }
        self.created = self.updated = self.unchanged = 0

    def write(self, record: dict) -> None:
        checksum = _checksum(record, self.directory)
        model = self.models[record["type"]]
        with transaction.atomic():
            page = model.objects.filter(external_id=record["external_id"]).first()
            if page is not None and page.import_checksum == checksum and page.live:
                self.unchanged += 1
                return
            fields = dict(record["fields"])
            fields["published_date"] = datetime.date.fromisoformat(fields["published_date"])
            if page is None:
                parent = (
                    self.example_indexes[record["region"]]
                    if record["type"] == "good_example"
                    else self.region_pages[record["region"]]
                )
                page = model(
                    title=record["title"],
                    slug=free_slug(parent=parent, title=record["title"]),
                    external_id=record["external_id"],
                    live=False,
                    **fields,
                )
                parent.add_child(instance=page)
                self.created += 1
            else:
                self.updated += 1
            page.title = record["title"]
            for name, value in fields.items():
                setattr(page, name, value)
            codes = record["codes"]
            page.sectors.set(Sector.objects.filter(code__in=codes["sectors"]))
            page.occupations.set(Occupation.objects.filter(code__in=codes["occupations"]))
            page.municipalities.set(Municipality.objects.filter(code__in=codes["municipalities"]))
            for name, external_ids in record.get("links", {}).items():
                getattr(page, name).set(self._pages(external_ids))
            if "evidence_sources" in record:
                page.evidence_sources = [
                    EvidenceSource(name=name, year=year, url=url)
                    for name, year, url in record["evidence_sources"]
                ]
                page.attachments = (
                    [AnalysisAttachment(document=self._document(record["attachment"]))]
                    if record["attachment"]
                    else []
                )
            if "indicators" in record:
                page.indicators = [
                    ResultIndicator(
                        name=name, baseline=baseline, target=target, outcome=outcome,
                        unit=unit, year=year,
                    )
                    for name, baseline, target, outcome, unit, year in record["indicators"]
                ]  # fmt: skip
            page.import_checksum = checksum
            page.save_revision(clean=False).publish()

    def _pages(self, external_ids: list[str]) -> list:
        found = []
        for model in self.models.values():
            found += list(model.objects.filter(external_id__in=external_ids))
        return found

    def _document(self, name: str):
        document_model = get_document_model()
        with (self.directory / name).open("rb") as handle:
            existing = document_model.objects.filter(file_hash=hash_filelike(handle)).first()
            if existing:
                return existing
            handle.seek(0)
            document = document_model(title=Path(name).stem.replace("-", " "))
            document.file.save(f"{DEMO_FOLDER}/{name}", File(handle), save=False)
            document.save()
            return document


@dataclass
class DemoSummary:
    created: int
    updated: int
    unchanged: int


COLLECTIONS = [
    {
        "slug": "vagar-in-i-omsorgen",
        "title": "Vägar in i vård och omsorg",
        "summary": (
            "Hur regioner och kommuner har lockat fler till undersköterskeyrket: "
            "kombinationsutbildningar, validering och språkstöd på arbetsplatsen."
        ),
        "introduction": (
            "<p>Samlingen visar hur olika regioner har angripit bristen på undersköterskor "
            "och vad de lärde sig, också av det som inte fungerade.</p>"
        ),
        "themes": ["Vård och omsorg", "Validering"],
        "items": ["demo-01-2-vard-analys", "demo-01-2-vard-exempel", "demo-04-2-vard-exempel"],
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
            ("page", {"page": target, "note": f"{target.region.name}: {target.summary}"})
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
        with transaction.atomic():
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
                    CollectionTheme.objects.get_or_create(
                        name=name, defaults={"slug": slugify(name)}
                    )[0]
                    for name in spec["themes"]
                ]
            )
            collection.save_revision().publish()
        created += 1
    return created


def load_demo_content() -> tuple[DemoSummary, int]:
    with tempfile.TemporaryDirectory(prefix="portal-demo-") as folder:
        directory = Path(folder)
        writer = DemoWriter(directory)
        for record in build_records(directory):
            writer.write(record)
    summary = DemoSummary(writer.created, writer.updated, writer.unchanged)
    return summary, create_collections()
