"""The small fixed corpus the contract suite searches (written as the one document schema)."""

import datetime

from search.documents import SearchDocument, SourceFields, build

TODAY = datetime.date(2026, 6, 1)


def _doc(pk: int, type_key: str = "analysis", **fields) -> SearchDocument:
    fields.setdefault("url", f"/test/{type_key}/{pk}/")
    fields.setdefault("published", datetime.date(2025, 1, 15))
    return build(type_key=type_key, pk=pk, fields=SourceFields(**fields))


def documents() -> list[SearchDocument]:
    return [
        _doc(
            1,
            title="Kompetensförsörjningen i vården",
            summary="Regionen behöver fler undersköterskor inom vård och omsorg.",
            body="Äldreomsorgen växer och rekryteringen är svår.",
            region="22",
            sectors=("Q",),
            occupations=("5321",),
            horizon="long",
        ),
        _doc(
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
        _doc(
            3,
            type_key="good_example",
            title="Yrkeshögskola för industrin",
            summary="En utbildning för automation som företagen utformade.",
            region="01",
            sectors=("C",),
            occupations=("7231",),
        ),
        _doc(
            4,
            type_key="result",
            title="Kommunal vuxenutbildning i Norrbotten",
            summary="Vuxenutbildningen gav fler behöriga svetsare.",
            region="25",
            sectors=("C", "P"),
            occupations=("7212",),
        ),
        _doc(
            5,
            title="Försörjning av lärare",
            summary="Läget för lärare i länet, en prognos till 2035.",
            region="01",
            sectors=("P",),
            occupations=("2341",),
            horizon="long",
        ),
        # Ranking: one word in exactly one field each, same date.
        _doc(10, title="Vätgas i norr", summary="Om energi.", region="25"),
        _doc(11, title="Energi i norr", summary="Vätgas och el.", region="25"),
        _doc(12, title="El i norr", summary="Om el.", body="Vätgas nämns här.", region="25"),
        _doc(
            13,
            title="Kraft i norr",
            summary="Om kraft.",
            attachment_text="Bilaga om vätgas.",
            region="25",
        ),
        # Recency: the same text, two dates.
        _doc(20, title="Batterier i Skellefteå", published=datetime.date(2019, 1, 1), region="24"),
        _doc(21, title="Batterier i Skellefteå", published=TODAY, region="24"),
        # å, ä and ö are distinct letters.
        _doc(30, title="Får och lamm", summary="Fårskötsel på gården.", region="03"),
        _doc(31, title="Far och son", summary="Ett familjeföretag.", region="03"),
        # Markup in document text must never reach the page as markup.
        _doc(
            40,
            title="Säkerhet <script>alert(1)</script>",
            summary='Om cybersäkerhet <img src=x onerror="alert(1)"> i länet.',
            region="03",
        ),
        _doc(
            41,
            type_key="collection",
            title="Samling om dataskydd",
            summary="Texter om dataskydd och informationssäkerhet.",
        ),
    ]
