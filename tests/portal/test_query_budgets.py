"""Query budgets: no page's number of queries grows with the data it shows.

Each page is read by four people (anonymous, a verified member of an organisation, the
editor of the page's region, a superuser) at two sizes of the data the page lists. The budget
is one number per page and person for both sizes; the count at the larger size must also be
no higher than at the smaller one, so a query per item fails even when it stays under budget.
Anonymous page caching (if configured) is off in test settings: these are uncached renders.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import Organisation, OrganisationKind
from content.models import PublicationListingPage
from portal.dialogue.models import Thread
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


def measure(readers: Readers, url: str, params: dict | None = None) -> dict[str, int]:
    params = params or {}
    counts = {}
    for role in ROLES:
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
) -> None:
    """``grow(n)`` brings the page's data to ``n`` items and returns the page's URL."""
    small_url = grow(sizes[0])
    small = measure(readers, small_url, params)
    large_url = grow(sizes[1])
    large = measure(readers, large_url, params)
    over = {
        role: (small[role], large[role])
        for role in ROLES
        if max(small[role], large[role]) > budget[role]
    }
    assert not over, f"over budget {budget}: {over}"
    # Fewer is fine (PostgreSQL's search takes a shorter path once it has many hits).
    grown = {role: (small[role], large[role]) for role in ROLES if large[role] > small[role]}
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
    "search_page": {"anonym": 27, "medlem": 33, "redaktör": 35, "superanvändare": 33},
    "search_api": {"anonym": 23, "medlem": 23, "redaktör": 23, "superanvändare": 23},
    "thread_list": {"anonym": 5, "medlem": 11, "redaktör": 13, "superanvändare": 11},
    "thread": {"anonym": 10, "medlem": 26, "redaktör": 30, "superanvändare": 24},
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


def test_thread_list(readers):
    need = CompetenceNeedPageFactory(region=REGION)

    def build(number: int) -> None:
        ThreadFactory(
            need=need,
            visibility=[Thread.Visibility.PUBLIC, Thread.Visibility.INVITED][number % 2],
            participants=[readers.member_organisation],
        )

    assert_within_budget(readers, BUDGETS["thread_list"], growing(build, lambda: "/dialog/"))


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
