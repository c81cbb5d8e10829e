"""National listings: filters in the URL, sorting, pagination, empty states, query counts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.listings import PAGE_SIZE
from tests.factories import AnalysisPageFactory, needs_in_two_regions

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(r'<a href="/regioner/[^"]+">([^<]+)</a>', response.text)


@pytest.fixture
def needs():
    return needs_in_two_regions()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["IT Stockholm", "Vård Gotland", "Vård Stockholm"]),
        ({"region": ["09"]}, ["Vård Gotland"]),
        ({"region": ["09", "01"]}, ["IT Stockholm", "Vård Gotland", "Vård Stockholm"]),
        ({"sector": "Q"}, ["Vård Gotland", "Vård Stockholm"]),  # division 87 is under Q
        ({"occupation": "53"}, ["Vård Gotland", "Vård Stockholm"]),  # 5321, 5322 under 53
        ({"occupation": "5"}, ["Vård Gotland", "Vård Stockholm"]),
        ({"horizon": "short"}, ["IT Stockholm", "Vård Stockholm"]),
        ({"year": "2025"}, ["Vård Gotland"]),
        ({"status": "uppfoljt"}, ["Vård Stockholm"]),
        ({"region": ["01"], "sector": "Q"}, ["Vård Stockholm"]),
    ],
)
def test_filters(client, needs, query, expected):
    response = client.get("/kompetensbehov/", query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_sorting(client, needs):
    assert titles(client.get("/kompetensbehov/", {"sort": "oldest"})) == [
        "Vård Stockholm",
        "Vård Gotland",
        "IT Stockholm",
    ]
    assert titles(client.get("/kompetensbehov/", {"sort": "title"})) == [
        "IT Stockholm",
        "Vård Gotland",
        "Vård Stockholm",
    ]


def test_filter_state_is_kept_in_the_url_and_the_form(client, needs):
    html = client.get("/kompetensbehov/", {"region": "09", "status": "i_dialog"}).text
    assert 'value="09" id="id_region_' in html and "checked" in html
    assert '<option value="i_dialog" selected>' in html
    assert "Rensa filter" in html


def test_invalid_filter_values_are_reported_and_ignored(client, needs):
    response = client.get("/kompetensbehov/", {"region": "99", "status": "i_dialog"})
    assert response.status_code == 200
    assert "Några filter kunde inte användas" in response.text
    assert titles(response) == ["Vård Gotland"]


def test_empty_state(client, needs):
    response = client.get("/kompetensbehov/", {"region": "25"})
    assert "Inget matchar filtren." in response.text
    assert "0 träffar" in response.text


def test_listing_without_horizon_has_no_horizon_filter(client):
    assert 'name="horizon"' not in client.get("/goda-exempel/").text
    assert 'name="status"' not in client.get("/analyser/").text
    assert 'name="horizon"' in client.get("/analyser/").text


def test_pagination(client):
    for number in range(PAGE_SIZE + 3):
        AnalysisPageFactory(region="12", title=f"Skåneanalys {number:02d}")
    first = client.get("/analyser/", {"region": "12", "sort": "title"})
    assert len(titles(first)) == PAGE_SIZE
    assert "Sida 1 av 2" in first.text
    assert "region=12&amp;sort=title&amp;page=2" in first.text
    second = client.get("/analyser/", {"region": "12", "sort": "title", "page": "2"})
    assert titles(second) == [f"Skåneanalys {number:02d}" for number in range(20, 23)]
    beyond = client.get("/analyser/", {"region": "12", "page": "99"})
    assert beyond.status_code == 200


LISTING_QUERY_BUDGET = 20


def test_listing_query_count_does_not_grow_with_items(client, django_assert_max_num_queries):
    AnalysisPageFactory(region="12", sectors=["C"], occupations=["7223"])
    client.get("/analyser/")
    with (
        django_assert_max_num_queries(LISTING_QUERY_BUDGET),
        CaptureQueriesContext(connection) as few,
    ):
        client.get("/analyser/", {"sector": "C"})
    for _ in range(15):
        AnalysisPageFactory(region="12", sectors=["C"], occupations=["7223"])
    with (
        django_assert_max_num_queries(LISTING_QUERY_BUDGET),
        CaptureQueriesContext(connection) as many,
    ):
        client.get("/analyser/", {"sector": "C"})
    assert len(few) == len(many), (len(few), len(many))
