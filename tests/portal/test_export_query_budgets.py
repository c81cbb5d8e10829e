"""Query budgets of the open data files: a file's queries do not grow with its rows.

The same method as the pages' budgets (tests/portal/test_query_budgets.py): each file is
fetched by four readers at two sizes of data; the count must stay within the budget and must
not be higher at the larger size.
"""

import pytest

from content.models import PublicationListingPage
from tests.factories import AnalysisPageFactory, CompetenceNeedPageFactory, ResultPageFactory
from tests.portal.test_query_budgets import (
    REGION,
    assert_within_budget,
    growing,
    indexed,
    readers,  # noqa: F401 (the fixture)
)

pytestmark = pytest.mark.django_db

# Measured on SQLite (anonym, medlem, redaktör, superanvändare), plus two for headroom.
BUDGETS = {
    "listing_export": {"anonym": 16, "medlem": 16, "redaktör": 16, "superanvändare": 16},
    "search_export": {"anonym": 32, "medlem": 32, "redaktör": 32, "superanvändare": 32},
}


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize(
    ("publication_type", "factory"),
    [
        ("need", CompetenceNeedPageFactory),
        ("analysis", AnalysisPageFactory),
        ("result", ResultPageFactory),
    ],
)
def test_listing_export(readers, publication_type, factory, fmt):  # noqa: F811
    listing = PublicationListingPage.objects.get(publication_type=publication_type)

    def build(number: int) -> None:
        factory(
            region=[REGION, "01"][number % 2],
            sectors=["Q", "86"],
            occupations=["5321", "2221"],
            municipalities=["2281"] if number % 2 == 0 else ["0180"],
        )

    assert_within_budget(
        readers,
        BUDGETS["listing_export"],
        growing(build, lambda: listing.url),
        params={"sector": "Q", "region": [REGION, "01"], "format": fmt},
    )


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_search_export(readers, django_capture_on_commit_callbacks, fmt):  # noqa: F811
    def build(number: int) -> None:
        [CompetenceNeedPageFactory, AnalysisPageFactory][number % 2](
            region=[REGION, "01"][number % 2],
            title=f"Undersköterskor behövs {number}",
            occupations=["5321"],
            sectors=["Q"],
        )

    assert_within_budget(
        readers,
        BUDGETS["search_export"],
        growing(indexed(django_capture_on_commit_callbacks, build), lambda: "/sok/"),
        params={"q": "undersköterskor", "format": fmt},
    )
