"""The small fixed corpus the contract suite searches (written as the one document schema)."""

import datetime

from search.documents import SearchDocument, SourceFields, build

TODAY = datetime.date(2026, 6, 1)


def document(pk: int, type_key: str = "analysis", **fields) -> SearchDocument:
    """One document of the schema; url and published date have defaults."""
    fields.setdefault("url", f"/test/{type_key}/{pk}/")
    fields.setdefault("published", datetime.date(2025, 1, 15))
    return build(type_key=type_key, pk=pk, fields=SourceFields(**fields))


def documents() -> list[SearchDocument]:
    return [
        document(
            1,
            title="Kompetensförsörjningen i vården",
            summary="Regionen behöver fler undersköterskor inom vård och omsorg.",
            body="Äldreomsorgen växer och rekryteringen är svår.",
            region="22",
            sectors=("Q",),
            occupations=("5321",),
            horizon="long",
        ),
        document(
            2,
            type_key="need",
            title="Brist på undersköterska i hemtjänsten",
            summary="Omsorg och vård i hemmet saknar utbildad personal.",
            region="22",
            sectors=("Q",),
            occupations=("5322",),
            horizon="short",
            status="i_dialog",
        ),
        document(
            3,
            type_key="good_example",
            title="Yrkeshögskola för industrin",
            summary="En utbildning för automation som företagen utformade.",
            region="01",
            sectors=("C",),
            occupations=("7231",),
        ),
        document(
            4,
            type_key="result",
            title="Kommunal vuxenutbildning i Norrbotten",
            summary="Vuxenutbildningen gav fler behöriga svetsare.",
            region="25",
            sectors=("C", "P"),
            occupations=("7212",),
        ),
        document(
            5,
            title="Försörjning av lärare",
            summary="Läget för lärare i länet, en prognos till 2035.",
            region="01",
            sectors=("P",),
            occupations=("2341",),
            horizon="long",
        ),
        # Ranking: one word in exactly one field each, same date.
        document(10, title="Vätgas i norr", summary="Om energi.", region="25"),
        document(11, title="Energi i norr", summary="Vätgas och el.", region="25"),
        document(12, title="El i norr", summary="Om el.", body="Vätgas nämns här.", region="25"),
        document(
            13,
            title="Kraft i norr",
            summary="Om kraft.",
            attachment_text="Bilaga om vätgas.",
            region="25",
        ),
        # Recency: the same text, two dates.
        document(
            20, title="Batterier i Skellefteå", published=datetime.date(2019, 1, 1), region="24"
        ),
        document(21, title="Batterier i Skellefteå", published=TODAY, region="24"),
        # å, ä and ö are distinct letters.
        document(30, title="Får och lamm", summary="Fårskötsel på gården.", region="03"),
        document(31, title="Far och son", summary="Ett familjeföretag.", region="03"),
        # Markup in document text must never reach the page as markup.
        document(
            40,
            title="Säkerhet <script>alert(1)</script>",
            summary='Om cybersäkerhet <img src=x onerror="alert(1)"> i länet.',
            region="03",
        ),
        document(
            41,
            type_key="collection",
            title="Samling om dataskydd",
            summary="Texter om dataskydd och informationssäkerhet.",
        ),
    ]
