"""A deterministic corpus of Swedish search documents for the benchmark.

Realistic vocabulary from regional competence-supply work, the 21 regions, SNI sections and
SSYK unit groups from the project's reference files. Core terms ("kompetensförsörjning",
"kompetens", "behov") occur in most documents, as they will in the portal, so common-word
queries touch most of the index. The same seed gives the same corpus on every run.
"""

import csv
import datetime
import random
from collections.abc import Iterator
from pathlib import Path

from search.documents import SearchDocument, SourceFields, build

DATA = Path(__file__).resolve().parents[2] / "content" / "data"
TYPES = ["analysis", "need", "good_example", "result", "collection"]
TYPE_WEIGHTS = [30, 30, 20, 15, 5]

SUBJECTS = [
    "kompetensförsörjning",
    "kompetensförsörjningen",
    "undersköterskor",
    "undersköterska",
    "sjuksköterskor",
    "lärare",
    "grundskollärare",
    "förskollärare",
    "systemutvecklare",
    "mjukvaruutvecklare",
    "elektriker",
    "svetsare",
    "lastbilsförare",
    "bussförare",
    "byggnadsarbetare",
    "snickare",
    "kockar",
    "barnskötare",
    "socialsekreterare",
    "personlig assistent",
    "vårdbiträden",
    "maskinoperatörer",
    "installatörer",
    "ingenjörer",
    "IT-säkerhet",
    "dataanalys",
    "automation",
    "vätgas",
    "batteritillverkning",
    "energiomställning",
]
PLACES = [
    "kommunerna",
    "regionen",
    "länet",
    "glesbygden",
    "de mindre kommunerna",
    "tätorterna",
    "industrin",
    "äldreomsorgen",
    "hemtjänsten",
    "skolan",
    "näringslivet",
    "besöksnäringen",
]
ACTORS = [
    "Komvux",
    "yrkeshögskolan",
    "YH",
    "Arbetsförmedlingen",
    "arbetsgivarna",
    "lärosätena",
    "utbildningsanordnarna",
    "kommunal vuxenutbildning",
    "SFI",
    "svenska för invandrare",
    "folkhögskolan",
    "branschorganisationerna",
    "Tillväxtverket",
]
VERBS = [
    "visar",
    "pekar på",
    "bekräftar",
    "beskriver",
    "analyserar",
    "kartlägger",
    "följer upp",
    "prognostiserar",
    "identifierar",
    "jämför",
]
NOUNS = [
    "behovet",
    "bristen",
    "rekryteringsbehovet",
    "pensionsavgångarna",
    "utbildningskapaciteten",
    "arbetsmarknaden",
    "efterfrågan",
    "kompetensbehovet",
    "matchningen",
    "valideringen",
    "omställningen",
    "kompetensen",
    "försörjningen",
    "bemanningen",
    "praktikplatserna",
]
ADJECTIVES = [
    "stor",
    "ökande",
    "långsiktig",
    "kortsiktig",
    "regional",
    "nationell",
    "växande",
    "tydlig",
    "betydande",
    "akut",
    "strukturell",
]
FILLER = [
    "Det behövs samverkan mellan {actor} och {place} för att möta {noun}.",
    "Analysen {verb} att {noun} av {subject} är {adjective} i {place}.",
    "{actor} har startat utbildningar för {subject} med praktik i {place}.",
    "Kompetensförsörjningen inom {subject} kräver {adjective} planering och dialog.",
    "Enligt prognosen ökar {noun} fram till {year}, särskilt för {subject}.",
    "Regionens arbete med kompetens och {noun} följs upp varje år tillsammans med {actor}.",
    "Validering och språkstöd kan korta vägen till arbete som {subject}.",
    "I {place} är {noun} {adjective}, och {actor} efterfrågar fler {subject}.",
]


def _read(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def _sentence(rng: random.Random) -> str:
    return rng.choice(FILLER).format(
        actor=rng.choice(ACTORS),
        place=rng.choice(PLACES),
        noun=rng.choice(NOUNS),
        verb=rng.choice(VERBS),
        subject=rng.choice(SUBJECTS),
        adjective=rng.choice(ADJECTIVES),
        year=rng.choice([2030, 2035, 2040]),
    )


def _text(rng: random.Random, words: int) -> str:
    sentences = []
    count = 0
    while count < words:
        sentence = _sentence(rng)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)


def documents(count: int, *, seed: int = 2026) -> Iterator[SearchDocument]:
    rng = random.Random(seed)
    regions = _read("regions.csv")
    sectors = [row["section"] for row in _read("sni2007_sections.csv")]
    occupations = [row["code"] for row in _read("ssyk2012_groups.csv") if row["level"] == "4"]
    municipalities: dict[str, list[str]] = {}
    for row in _read("municipalities.csv"):
        municipalities.setdefault(row["county_code"], []).append(row["municipality_code"])
    start = datetime.date(2016, 1, 1)
    for pk in range(1, count + 1):
        type_key = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        region = rng.choice(regions)
        subject = rng.choice(SUBJECTS)
        county = region["county_name"]
        title = rng.choice(
            [
                f"Kompetensbehov: {subject} i {county}",
                f"Prognos för {subject} i {county} till {rng.choice([2030, 2035])}",
                f"Så möter {region['region_name']} behovet av {subject}",
                f"Uppföljning av insatser för {subject} i {county}",
                f"{subject.capitalize()} – {rng.choice(NOUNS)} i {county}",
            ]
        )
        has_attachment = type_key == "analysis" and rng.random() < 0.3
        in_region = municipalities[region["county_code"]]
        yield build(
            type_key=type_key,
            pk=pk,
            fields=SourceFields(
                title=title,
                url=f"/bench/{type_key}/{pk}/",
                published=start + datetime.timedelta(days=rng.randrange(0, 3650)),
                summary=_text(rng, rng.randint(30, 50)),
                body=_text(rng, rng.randint(150, 400)),
                attachment_text=_text(rng, rng.randint(400, 1200)) if has_attachment else "",
                region="" if type_key == "collection" else region["county_code"],
                municipalities=tuple(rng.sample(in_region, min(2, len(in_region)))),
                sectors=tuple(rng.sample(sectors, rng.randint(1, 3))),
                occupations=tuple(rng.sample(occupations, rng.randint(1, 3))),
                horizon=rng.choice(["short", "long"]) if type_key in ("analysis", "need") else "",
                status=rng.choice(["identifierat", "i_dialog", "insats_pagar"])
                if type_key == "need"
                else "",
            ),
        )
