"""Whole numbers from the URL or a form: any text answers 400, 404, a notice or a form error.

Found by fuzzing (issue 11): ``int()`` refuses strings of more than 4,300 digits with a
ValueError before any range check, and ``str.isdigit()`` accepts Unicode digits such as ``²``
that ``int()`` then refuses. Each case below gave a 500 before.
"""

import pytest
from django.urls import reverse

from portal.dialogue.forms import resolve_portal_link
from portal.request_numbers import MAX_ID, whole_number
from tests.factories import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000
BAD_NUMBERS = [HUGE, "1" + "0" * 4400, "²", "٣", "1.5", "abc", "-1", " 2", "0x10", "1e3"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7", 7),
        ("007", 7),
        ("1000", 1000),
        ("1001", None),
        ("0", None),
        ("", None),
        (None, None),
        *((raw, None) for raw in BAD_NUMBERS),
    ],
)
def test_whole_number_accepts_only_ascii_digits_within_range(raw, expected):
    assert whole_number(raw, lowest=1, highest=1000) == expected


def test_whole_number_allows_every_primary_key_and_nothing_larger():
    assert whole_number(str(MAX_ID)) == MAX_ID
    assert whole_number(str(MAX_ID + 1)) is None


@pytest.mark.parametrize("name", ["page", "page_size"])
@pytest.mark.parametrize("raw", BAD_NUMBERS)
def test_search_api_answers_400_naming_the_parameter(client, name, raw):
    response = client.get("/api/search/", {"q": "vård", name: raw})
    assert response.status_code == 400
    assert response.json()["parameter"] == name


@pytest.mark.parametrize("name", ["page", "page_size"])
@pytest.mark.parametrize("raw", [HUGE, "²"])
def test_search_page_shows_a_notice_and_the_feed_ignores_the_value(client, name, raw):
    page = client.get("/sok/", {"q": "vård", name: raw})
    assert page.status_code == 200
    assert "Några filter kändes inte igen" in page.text
    assert name in page.text
    assert client.get("/sok/feed/", {"q": "vård", name: raw}).status_code == 200


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/analyser/", "page"),
        ("/kompetensbehov/", "page"),
        ("/dialog/", "page"),
        ("/konto/organisationer/", "sida"),
    ],
)
@pytest.mark.parametrize("raw", [HUGE, "²", "-1"])
def test_paginated_lists_answer_with_a_page(client, url, name, raw):
    assert client.get(url, {name: raw}).status_code == 200


@pytest.mark.parametrize("raw", [HUGE, "²"])
def test_notification_list_answers_with_a_page(client, raw):
    client.force_login(UserFactory())
    assert client.get(reverse("dialogue:notifications"), {"page": raw}).status_code == 200


@pytest.mark.parametrize("raw", ["²", HUGE])
def test_a_document_link_with_a_strange_number_is_no_link(raw):
    assert resolve_portal_link(f"/dokument/{raw}/rapport.pdf") is None


@pytest.mark.parametrize("field", ["organisation", "medlemskap"])
@pytest.mark.parametrize("raw", ["²", HUGE])
def test_pending_request_decision_with_a_strange_id_answers_404(client, field, raw):
    client.force_login(SuperuserFactory(mfa=True))
    response = client.post("/admin/aktorer/forfragningar/", {"beslut": "godkann", field: raw})
    assert response.status_code == 404


@pytest.mark.parametrize("number", [HUGE, "9" * 30])
@pytest.mark.parametrize(
    "template",
    [
        "/dialog/{}/",
        "/dialog/behov/{}/ny/",
        "/dialog/inlagg/{}/anmal/",
        "/dialog/insats/{}/",
        "/konto/organisationer/{}/",
    ],
)
def test_numbers_in_the_path_beyond_any_id_answer_404(client, template, number):
    client.force_login(UserFactory())
    assert client.get(template.format(number)).status_code == 404
