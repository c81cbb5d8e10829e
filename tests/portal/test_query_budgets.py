"""Query budgets: no page's number of queries grows with the data it shows.

Each page is read by four people (anonymous, a verified member of an organisation, the
editor of the page's region, a superuser) at two sizes of the data the page lists. The budget
is one number per page and person for both sizes; the count at the larger size must also be
no higher than at the smaller one, so a query per item fails even when it stays under budget.
Anonymous page caching (if configured) is off in test settings: these are uncached renders.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Organisation, OrganisationKind
from content.models import PublicationListingPage
from portal.dialogue.models import Thread
from search.models import SavedSearch
from tests.factories import (
    AnalysisPageFactory,
    CompetenceNeedPageFactory,
    ContributionFactory,
    GoodExamplePageFactory,
    MembershipFactory,
    ResultPageFactory,
    SuperuserFactory,
    ThreadFactory,
    UserFactory,
    region_page,
)

pytestmark = pytest.mark.django_db

REGION = "22"
EDITOR_GROUP = "Redaktör – Region Västernorrland"
SMALL, LARGE = 3, 30
FEW_POSTS, MANY_POSTS = 5, 100
ROLES = ("anonym", "medlem", "redaktör", "superanvändare")


@dataclass
class Readers:
    """One signed-in client per role; the anonymous one is a plain client."""

    member_organisation: Organisation
    clients: dict[str, Client]


@pytest.fixture
def readers(db) -> Readers:
    municipality = Organisation.objects.get(
        kind=OrganisationKind.MUNICIPALITY, municipality__code="2281"
    )
    users = {
        "medlem": MembershipFactory(organisation=municipality).user,
        "redaktör": UserFactory(groups=[EDITOR_GROUP], mfa=True),
        "superanvändare": SuperuserFactory(mfa=True),
    }
    clients = {"anonym": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return Readers(member_organisation=municipality, clients=clients)


def count_queries(client: Client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def measure(
    readers: Readers, url: str, params: dict | None = None, roles: tuple[str, ...] = ROLES
) -> dict[str, int]:
    params = params or {}
    counts = {}
    for role in roles:
        # The first request fills Wagtail's site-root cache; the second is the one measured.
        readers.clients[role].get(url, params)
        counts[role] = count_queries(readers.clients[role], url, params)
    return counts


def assert_within_budget(
    readers: Readers,
    budget: dict[str, int],
    grow: Callable[[int], str],
    params: dict | None = None,
    sizes: tuple[int, int] = (SMALL, LARGE),
    roles: tuple[str, ...] = ROLES,
) -> None:
    """``grow(n)`` brings the page's data to ``n`` items and returns the page's URL."""
    small_url = grow(sizes[0])
    small = measure(readers, small_url, params, roles)
    large_url = grow(sizes[1])
    large = measure(readers, large_url, params, roles)
    over = {
        role: (small[role], large[role])
        for role in roles
        if max(small[role], large[role]) > budget[role]
    }
    assert not over, f"over budget {budget}: {over}"
    # Fewer is fine (PostgreSQL's search takes a shorter path once it has many hits).
    grown = {role: (small[role], large[role]) for role in roles if large[role] > small[role]}
    assert not grown, f"the count grows with the data: {grown}"


def growing(build: Callable[[int], None], url: Callable[[], str]) -> Callable[[int], str]:
    """Calls ``build(i)`` for every new item up to ``n`` and answers ``url()``."""
    made = 0

    def grow(n: int) -> str:
        nonlocal made
        while made < n:
            build(made)
            made += 1
        return url()

    return grow


def indexed(django_capture_on_commit_callbacks, build: Callable[[int], None]):
    """``build`` with the search index updated as after a real publish (on commit)."""

    def build_and_index(number: int) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            build(number)

    return build_and_index


# Measured on SQLite (anonym, medlem, redaktör, superanvändare), plus two for headroom:
# a page that starts a query per item fails the equality check long before the budget.
BUDGETS = {
    # The national overview: one aggregate query per figure (content/overview.py).
    "home": {"anonym": 22, "medlem": 28, "redaktör": 34, "superanvändare": 30},
    # The region's own charts add four aggregate queries (content/statistics.py).
    "region": {"anonym": 22, "medlem": 28, "redaktör": 32, "superanvändare": 28},
    # One aggregate query per chart (content/statistics.py).
    "statistics": {"anonym": 11, "medlem": 17, "redaktör": 19, "superanvändare": 17},
    "need": {"anonym": 32, "medlem": 45, "redaktör": 48, "superanvändare": 47},
    "analysis": {"anonym": 22, "medlem": 28, "redaktör": 31, "superanvändare": 28},
    "good_example": {"anonym": 23, "medlem": 29, "redaktör": 32, "superanvändare": 29},
    "result": {"anonym": 24, "medlem": 31, "redaktör": 34, "superanvändare": 31},
    "listing": {"anonym": 16, "medlem": 22, "redaktör": 27, "superanvändare": 22},
    # Signed in: one more, the saved search behind the "Bevaka sökningen" form.
    "search_page": {"anonym": 27, "medlem": 34, "redaktör": 36, "superanvändare": 34},
    "search_api": {"anonym": 23, "medlem": 23, "redaktör": 23, "superanvändare": 23},
    # The profile with "Mina bevakningar" (search/templatetags/search_alerts.py).
    "profile": {"medlem": 15, "redaktör": 17, "superanvändare": 15},
    # The filter form's choices (regions, sectors, occupations) and the page's organisation kinds.
    "thread_list": {"anonym": 9, "medlem": 15, "redaktör": 17, "superanvändare": 15},
    "thread": {"anonym": 10, "medlem": 24, "redaktör": 28, "superanvändare": 23},
}


def test_home_page(readers):
    def build(number: int) -> None:
        CompetenceNeedPageFactory(region=["01", "09", REGION][number % 3])

    assert_within_budget(readers, BUDGETS["home"], growing(build, lambda: "/"))


def test_region_page(readers):
    factories = [
        AnalysisPageFactory,
        CompetenceNeedPageFactory,
        GoodExamplePageFactory,
        ResultPageFactory,
    ]

    def build(number: int) -> None:
        factories[number % len(factories)](region=REGION, occupations=["5321"])

    assert_within_budget(
        readers, BUDGETS["region"], growing(build, lambda: region_page(REGION).url)
    )


def test_statistics_page(readers):
    def build(number: int) -> None:
        CompetenceNeedPageFactory(
            region=["01", "09", REGION][number % 3],
            sectors=[["Q"], ["P", "86"], []][number % 3],
            occupations=[["5321"], ["2221", "5321"], []][number % 3],
            horizon=["short", "long"][number % 2],
            status=["identifierat", "i_dialog"][number % 2],
        )

    assert_within_budget(readers, BUDGETS["statistics"], growing(build, lambda: "/statistik/"))


def test_need_page(readers):
    need = CompetenceNeedPageFactory(region=REGION, occupations=["5321"], sectors=["Q"])
    analyses = []

    def build(number: int) -> None:
        analyses.append(AnalysisPageFactory(region=REGION))
        need.source_analyses.set(analyses)
        GoodExamplePageFactory(region="01", needs_addressed=[need])
        ResultPageFactory(region="01", needs=[need])
        CompetenceNeedPageFactory(region=["01", "09"][number % 2], occupations=["5321"])
        thread = ThreadFactory(
            need=need,
            visibility=[Thread.Visibility.PUBLIC, Thread.Visibility.INVITED][number % 2],
            participants=[readers.member_organisation],
        )
        ContributionFactory(thread=thread, organisation=readers.member_organisation)

    # The need's similar needs are capped (six), its dialogue section is not.
    assert_within_budget(readers, BUDGETS["need"], growing(build, lambda: need.url))


def test_analysis_page(readers):
    analysis = AnalysisPageFactory(region=REGION, sectors=["Q"], occupations=["5321"])

    def build(number: int) -> None:
        CompetenceNeedPageFactory(region=REGION, source_analyses=[analysis])

    assert_within_budget(readers, BUDGETS["analysis"], growing(build, lambda: analysis.url))


def test_good_example_page(readers):
    example = GoodExamplePageFactory(region=REGION, sectors=["Q"])
    needs = []

    def build(number: int) -> None:
        needs.append(CompetenceNeedPageFactory(region=REGION))
        example.needs_addressed.set(needs)
        ResultPageFactory(region=REGION, good_examples=[example])

    assert_within_budget(readers, BUDGETS["good_example"], growing(build, lambda: example.url))


def test_result_page(readers):
    result = ResultPageFactory(region=REGION, sectors=["Q"])
    needs, examples = [], []

    def build(number: int) -> None:
        needs.append(CompetenceNeedPageFactory(region=REGION))
        examples.append(GoodExamplePageFactory(region=REGION))
        result.needs.set(needs)
        result.good_examples.set(examples)

    assert_within_budget(readers, BUDGETS["result"], growing(build, lambda: result.url))


@pytest.mark.parametrize(
    ("publication_type", "factory"),
    [
        ("analysis", AnalysisPageFactory),
        ("need", CompetenceNeedPageFactory),
        ("good_example", GoodExamplePageFactory),
        ("result", ResultPageFactory),
    ],
)
def test_listing(readers, publication_type, factory):
    listing = PublicationListingPage.objects.get(publication_type=publication_type)

    def build(number: int) -> None:
        factory(region=[REGION, "01"][number % 2], sectors=["Q"], occupations=["5321"])

    assert_within_budget(
        readers,
        BUDGETS["listing"],
        growing(build, lambda: listing.url),
        params={"sector": "Q", "region": [REGION, "01"]},
    )


@pytest.mark.parametrize(
    ("url", "budget"), [("/sok/", "search_page"), ("/api/search/", "search_api")]
)
def test_search(readers, django_capture_on_commit_callbacks, url, budget):
    def build(number: int) -> None:
        CompetenceNeedPageFactory(
            region=[REGION, "01"][number % 2],
            title=f"Undersköterskor behövs {number}",
            occupations=["5321"],
        )

    assert_within_budget(
        readers,
        BUDGETS[budget],
        growing(indexed(django_capture_on_commit_callbacks, build), lambda: url),
        params={"q": "undersköterskor"},
    )
    # The pages were found: the count above is of a search that has hits.
    assert Client().get("/api/search/", {"q": "undersköterskor"}).json()["count"] >= LARGE


def test_search_page_with_a_saved_search(readers, django_capture_on_commit_callbacks):
    """The "Bevaka sökningen" form of a search the reader already watches."""
    params = {"q": "undersköterskor", "region": REGION}
    for role in ROLES[1:]:
        readers.clients[role].post("/sok/bevaka/", {**params, "frequency": "weekly"})
    assert SavedSearch.objects.count() == len(ROLES) - 1

    def build(number: int) -> None:
        CompetenceNeedPageFactory(region=REGION, title=f"Undersköterskor behövs {number}")

    assert_within_budget(
        readers,
        BUDGETS["search_page"],
        growing(indexed(django_capture_on_commit_callbacks, build), lambda: "/sok/"),
        params=params,
    )


def test_profile_with_saved_searches(readers):
    """ "Mina bevakningar": each alert in words, with labels of its filters."""
    signed_in = ROLES[1:]
    users = {role: readers.clients[role].session["_auth_user_id"] for role in signed_in}
    occupations = ["5321", "2221", "5322", "2231"]

    def build(number: int) -> None:
        for role in signed_in:
            SavedSearch.objects.create(
                user_id=int(users[role]),
                query_string=f"q=ord{number}&region={REGION}&occupation={occupations[number % 4]}",
                params={
                    "q": f"ord{number}",
                    "filters": {"region": [REGION], "occupation": [occupations[number % 4]]},
                },
                frequency="daily",
                seen_through=datetime.date(2026, 1, 1),
            )

    assert_within_budget(
        readers, BUDGETS["profile"], growing(build, lambda: "/konto/profil/"), roles=signed_in
    )


@pytest.mark.parametrize(
    "params",
    [
        {},
        # Every filter at once (a page past the end would redirect: the list stays on page 1).
        {
            "region": REGION,
            "status": "identifierat",
            "sector": "Q",
            "occupation": "53",
            "dialog": "oppen",
        },
    ],
)
def test_thread_list(readers, params):
    """Threads with posts and participants of several kinds, over more than one page."""
    need = CompetenceNeedPageFactory(region=REGION, sectors=["87"], occupations=["5321"])
    provider = Organisation.objects.create(
        name="Yrkeshögskolan", kind=OrganisationKind.EDUCATION_PROVIDER, is_approved=True
    )

    def build(number: int) -> None:
        thread = ThreadFactory(
            need=need,
            visibility=[Thread.Visibility.PUBLIC, Thread.Visibility.INVITED][number % 2],
            participants=[readers.member_organisation, provider],
        )
        ContributionFactory(thread=thread, organisation=provider)

    assert_within_budget(
        readers, BUDGETS["thread_list"], growing(build, lambda: "/dialog/"), params=params
    )


def test_thread_page(readers):
    """Posts of every kind, replies, endorsements, and posts by the signed-in member."""
    need = CompetenceNeedPageFactory(region=REGION)
    thread = ThreadFactory(need=need, participants=[readers.member_organisation])
    member = readers.clients["medlem"].session["_auth_user_id"]
    other = UserFactory()
    kinds = ["inspel", "forslag", "fraga", "atagande"]
    posts = []

    def build(number: int) -> None:
        own = number % 3 == 0
        parent = posts[number - 1] if number % 4 == 1 and posts[number - 1].depth < 2 else None
        posts.append(
            ContributionFactory(
                thread=thread,
                kind=kinds[number % len(kinds)],
                parent=parent,
                depth=parent.depth + 1 if parent else 0,
                author_id=int(member) if own else other.pk,
                organisation=readers.member_organisation if own else thread.started_for,
                commitment_what="Utbildning",
                commitment_who="Kommunen",
                commitment_due="2027-01-01",
            )
        )

    assert_within_budget(
        readers,
        BUDGETS["thread"],
        growing(build, thread.get_url),
        sizes=(FEW_POSTS, MANY_POSTS),
    )
