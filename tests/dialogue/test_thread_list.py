"""The dialogue list (/dialog/): filters, what each card shows, order, pages and bad input."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation, OrganisationKind
from portal.dialogue import services
from portal.dialogue.models import Thread
from tests.dialogue.conftest import EDITOR_A, REGION_A, REGION_B
from tests.factories import (
    CompetenceNeedPageFactory,
    ContributionFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/dialog/"


def titles(response) -> list[str]:
    """The thread titles of the list, in the order shown."""
    assert response.status_code == 200
    return [thread.title for thread in response.context["page_obj"]]


def at(days_ago: int, thread: Thread) -> Thread:
    """Give ``thread`` its latest activity ``days_ago`` days back."""
    moment = timezone.now() - timedelta(days=days_ago)
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=moment)
    return thread


@pytest.fixture
def catalogue(provider, municipality):
    """Threads on needs that differ in one property each; the titles name the property."""
    care = CompetenceNeedPageFactory(
        region=REGION_A, title="Vård", sectors=["87"], occupations=["5321"]
    )
    software = CompetenceNeedPageFactory(
        region=REGION_B,
        title="Mjukvara",
        sectors=["J"],
        occupations=["2512"],
        status="i_dialog",
    )
    at(3, ThreadFactory(need=care, title="Vård, kommunen", started_for=municipality))
    at(
        1,
        ThreadFactory(
            need=care,
            title="Vård, stängd",
            status=Thread.Status.CLOSED,
            started_for=municipality,
            participants=[provider],
        ),
    )
    at(2, ThreadFactory(need=software, title="Mjukvara, utbildaren", started_for=provider))
    return {"care": care, "software": software}


def test_newest_activity_first(client, catalogue):
    assert titles(client.get(URL)) == ["Vård, stängd", "Mjukvara, utbildaren", "Vård, kommunen"]


def test_a_new_post_moves_its_thread_to_the_top(client, catalogue, member, no_rate_limit):
    thread = Thread.objects.get(title="Vård, kommunen")
    services.post_contribution(
        user=member,
        thread=thread,
        organisation=thread.started_for,
        kind="inspel",
        body="Vi ser samma behov.",
        submission_key=uuid.uuid4(),
    )
    assert titles(client.get(URL))[0] == "Vård, kommunen"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": REGION_A}, {"Vård, kommunen", "Vård, stängd"}),
        (
            {"region": [REGION_A, REGION_B]},
            {"Vård, kommunen", "Vård, stängd", "Mjukvara, utbildaren"},
        ),
        ({"status": "i_dialog"}, {"Mjukvara, utbildaren"}),
        ({"status": "identifierat"}, {"Vård, kommunen", "Vård, stängd"}),
        # A section covers its divisions: the care need is classified under 87 (in Q).
        ({"sector": "Q"}, {"Vård, kommunen", "Vård, stängd"}),
        ({"sector": "J"}, {"Mjukvara, utbildaren"}),
        # A major group covers its sub-groups: 5321 lies under 5 and 53.
        ({"occupation": "5"}, {"Vård, kommunen", "Vård, stängd"}),
        ({"occupation": "53"}, {"Vård, kommunen", "Vård, stängd"}),
        ({"occupation": "25"}, {"Mjukvara, utbildaren"}),
        ({"dialog": "oppen"}, {"Vård, kommunen", "Mjukvara, utbildaren"}),
        ({"dialog": "stangd"}, {"Vård, stängd"}),
    ],
)
def test_each_filter(client, catalogue, params, expected):
    assert set(titles(client.get(URL, params))) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": REGION_A, "dialog": "oppen"}, ["Vård, kommunen"]),
        ({"sector": "Q", "dialog": "stangd"}, ["Vård, stängd"]),
        ({"region": REGION_B, "occupation": "5"}, []),
        ({"status": "i_dialog", "sector": "J", "occupation": "2"}, ["Mjukvara, utbildaren"]),
    ],
)
def test_filters_combine(client, catalogue, params, expected):
    assert titles(client.get(URL, params)) == expected


def test_a_need_classified_twice_under_the_filter_lists_its_thread_once(client, municipality):
    need = CompetenceNeedPageFactory(
        region=REGION_A, sectors=["86", "87"], occupations=["5321", "5322"]
    )
    ThreadFactory(need=need, title="Två gånger", started_for=municipality)
    assert titles(client.get(URL, {"sector": "Q", "occupation": "53"})) == ["Två gånger"]


def test_card_shows_posts_activity_and_organisation_kinds(
    client, catalogue, municipality, provider
):
    thread = Thread.objects.get(title="Vård, stängd")
    ContributionFactory.create_batch(2, thread=thread, organisation=municipality)
    ContributionFactory(thread=thread, organisation=municipality, deleted_at=timezone.now())
    ContributionFactory(thread=thread, organisation=municipality, hidden_at=timezone.now())
    Thread.objects.filter(pk=thread.pk).update(
        last_activity_at=timezone.make_aware(timezone.datetime(2026, 3, 9, 12))
    )
    page = client.get(URL, {"dialog": "stangd"}).text
    assert "2 inlägg" in page
    assert '<time datetime="2026-03-09">9 mars 2026</time>' in page
    # The kinds in the kinds' own order, each once.
    assert "Deltar: Kommun, Utbildningsanordnare" in page
    assert "Behovets status: Identifierat" in page


def test_twenty_per_page_and_the_swedish_pager(client, municipality):
    need = CompetenceNeedPageFactory(region=REGION_A)
    for number in range(45):
        at(
            number,
            ThreadFactory(need=need, title=f"Dialog nummer {number:02}", started_for=municipality),
        )
    first = client.get(URL, {"region": REGION_A})
    assert titles(first) == [f"Dialog nummer {number:02}" for number in range(20)]
    assert "Sida 1 av 3" in first.text
    assert f'href="?region={REGION_A}&amp;page=2" rel="next">Nästa</a>' in first.text
    third = client.get(URL, {"region": REGION_A, "page": 3})
    assert len(titles(third)) == 5
    assert "Föregående" in third.text


def test_a_page_past_the_end_redirects_to_the_last_page_keeping_the_filters(client, municipality):
    need = CompetenceNeedPageFactory(region=REGION_A)
    for _ in range(21):
        ThreadFactory(need=need, started_for=municipality)
    response = client.get(URL, {"region": REGION_A, "page": 7})
    assert response.status_code == 302
    assert response.url == f"{URL}?region={REGION_A}&page=2"
    # One page only: the redirect carries no page number.
    response = client.get(URL, {"dialog": "stangd", "page": 2})
    assert response.status_code == 302
    assert response.url == f"{URL}?dialog=stangd"


@pytest.mark.parametrize(
    "params",
    [
        {"page": "x"},
        {"page": "-1"},
        {"page": "9" * 40},
        {"page": "²"},
        {"region": "99"},
        {"region": "<script>"},
        {"status": "nonsens"},
        {"sector": "ZZ"},
        {"occupation": "5" * 300},
        {"dialog": "\x00"},
        {"mina": "ja", "page": "0"},
    ],
)
def test_bad_parameters_answer_with_the_list(client, catalogue, params):
    client.force_login(UserFactory())
    response = client.get(URL, params)
    # The signed-in user has no organisation: "mina" lists nothing, the rest all three.
    assert len(titles(response)) == (0 if "mina" in params else 3)


def test_an_unknown_value_is_reported_and_the_other_filters_still_apply(client, catalogue):
    response = client.get(URL, {"region": "99", "dialog": "stangd"})
    assert "Några filter kunde inte användas och har ignorerats" in response.text
    assert titles(response) == ["Vård, stängd"]


def test_mina_organisationer_lists_the_threads_of_my_organisations(client, catalogue, teacher):
    client.force_login(teacher)
    page = client.get(URL)
    assert "Mina organisationer" in page.text
    assert set(titles(client.get(URL, {"mina": "on"}))) == {"Vård, stängd", "Mjukvara, utbildaren"}
    # With other filters too.
    assert titles(client.get(URL, {"mina": "on", "region": REGION_B})) == ["Mjukvara, utbildaren"]


def test_a_region_editor_has_the_region_organisation_as_their_own(client, catalogue, region_org):
    editor = UserFactory(groups=[EDITOR_A], mfa=True)
    ThreadFactory(need=catalogue["care"], title="Regionens", started_for=region_org)
    client.force_login(editor)
    assert titles(client.get(URL, {"mina": "on"})) == ["Regionens"]


def test_mina_organisationer_without_an_organisation_is_empty(client, catalogue):
    client.force_login(UserFactory())
    response = client.get(URL, {"mina": "on"})
    assert titles(response) == []
    assert "Inga dialoger matchar filtren." in response.text


def test_mina_organisationer_is_hidden_from_and_asks_an_anonymous_visitor_to_sign_in(
    client, catalogue
):
    assert "Mina organisationer" not in client.get(URL).text
    response = client.get(URL, {"mina": "on", "region": REGION_A})
    assert response.status_code == 302
    assert response.url.startswith("/konto/login/?next=")
    assert "mina%3Don" in response.url


def test_restricted_threads_stay_hidden_through_every_filter(client, catalogue, provider):
    other = Organisation.objects.get(kind=OrganisationKind.REGION, region__code=REGION_B)
    ThreadFactory(
        need=catalogue["care"],
        title="Hemlig",
        visibility=Thread.Visibility.INVITED,
        started_for=other,
    )
    for params in ({}, {"region": REGION_A}, {"sector": "Q"}, {"dialog": "oppen"}):
        assert "Hemlig" not in titles(client.get(URL, params))


def test_swedish_empty_states(client):
    assert "Det finns inga dialoger ännu." in client.get(URL).text
    CompetenceNeedPageFactory(region=REGION_A)
    filtered = client.get(URL, {"region": REGION_A})
    assert "Inga dialoger matchar filtren." in filtered.text
    assert "0 dialoger" in filtered.text
    assert "Rensa filter" in filtered.text


def test_the_filters_fold_behind_the_listings_disclosure_and_apply_on_change(client, catalogue):
    page = client.get(URL).text
    assert '<details class="wide-open filters-disclosure">' in page
    assert 'class="filters apply-on-change"' in page
    for label in (
        "Region",
        "Behovets status",
        "Sektor (SNI)",
        "Yrkesområde (SSYK)",
        "Dialogens status",
    ):
        assert label in page
