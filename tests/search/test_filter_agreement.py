"""Listings and search agree: every filter a listing offers gives the same items in search.

Issue 13 item 5. Both follow ``content.classification_filters`` (a section letter also matches
its divisions, an SSYK code its sub-groups). The data is the demo ``make run`` loads (the
reference data is already in the test database; the demo content is loaded and indexed here,
once, as ``make setup`` does): 21 regions, 189 publications with real SNI and SSYK codes.
Every demo page names its SNI section next to its divisions, so a page of each type classified
only with a division is added: without it, "a section matches its divisions" goes untested.
"""

import io

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from content.demo import load_demo_content
from content.listings import ListingFilterForm, listing_context
from content.publication_types import publication_model
from content.selectors import live_publications
from tests.factories import (
    AnalysisPageFactory,
    CompetenceNeedPageFactory,
    GoodExamplePageFactory,
    ResultPageFactory,
)

pytestmark = pytest.mark.django_db

LISTED_TYPES = ("analysis", "need", "good_example", "result")
NOT_FILTERS = {"sort"}


def listing_urls(publication_type: str, name: str, value: str) -> set[str]:
    request = RequestFactory().get("/", {name: value})
    context = listing_context(request=request, publication_type=publication_type)
    assert context["filter_errors"] is None, (name, value, context["filter_errors"])
    return {page.url for page in context["results"].paginator.object_list}


def search_urls(client, publication_type: str, name: str, value: str) -> set[str]:
    urls: set[str] = set()
    page = 1
    while True:
        response = client.get(
            "/api/search/",
            {"type": publication_type, name: value, "page_size": 100, "page": page},
        )
        assert response.status_code == 200, response.content
        body = response.json()
        urls |= {hit["url"] for hit in body["results"]}
        if page * 100 >= body["count"]:
            return urls
        page += 1


def offered_filters(publication_type: str) -> list[tuple[str, str]]:
    model = publication_model(publication_type)
    years = sorted({date.year for date in live_publications(model).dates("published_date", "year")})
    form = ListingFilterForm(model=model, years=years)
    return [
        (name, str(value))
        for name, field in form.fields.items()
        if name not in NOT_FILTERS
        for value, _ in field.choices
        if value != ""
    ]


def test_every_listing_filter_gives_the_same_items_as_search(client, run_on_commit):
    run_on_commit(load_demo_content)
    for factory, sectors, occupations in (
        (AnalysisPageFactory, ["86"], ["2221"]),
        (CompetenceNeedPageFactory, ["41"], ["71"]),
        (GoodExamplePageFactory, ["62"], ["251"]),
        (ResultPageFactory, ["85", "C"], ["2341"]),
    ):
        factory(region="25", sectors=sectors, occupations=occupations)
    call_command("reindex", stdout=io.StringIO(), stderr=io.StringIO())

    checked, non_empty = 0, 0
    for publication_type in LISTED_TYPES:
        filters = offered_filters(publication_type)
        assert {name for name, _ in filters} >= {"region", "sector", "occupation", "year"}
        for name, value in filters:
            listed = listing_urls(publication_type, name, value)
            assert listed == search_urls(client, publication_type, name, value), (
                publication_type,
                name,
                value,
            )
            checked += 1
            non_empty += bool(listed)
    # The comparison means something only if the demo fills many of the filters.
    assert checked > 300
    assert non_empty > 150
