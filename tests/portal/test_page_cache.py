"""The shared cache of anonymous pages (portal.page_cache): served cheaply, never stale, never
personal.

Every test runs on the database cache, the one production uses by default and the one every
gunicorn worker shares. Each write test first proves the page is served from the cache (so
that a missing invalidation would show the old page), then makes the change the way the portal
makes it, commits it, and asks again as an anonymous visitor.
"""

import textwrap
import uuid

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction

from content.models import NeedStatus, Occupation, RegionPage
from portal import page_cache
from portal.dialogue import services
from portal.dialogue.models import Thread
from portal.templatetags.hyphenation import SOFT_HYPHEN
from tests.dialogue.conftest import EDITOR_A, REGION_A
from tests.factories import (
    CompetenceNeedPageFactory,
    ContributionFactory,
    GoodExamplePageFactory,
    MembershipFactory,
    ResultPageFactory,
    ThreadFactory,
    UserFactory,
)
from tests.subprocesses import run_python, shared_database_url

PAGES_TABLE = "portal_test_cache_pages"


def database_caches() -> dict:
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": PAGES_TABLE,
            "KEY_PREFIX": "pages",
        },
    }


@pytest.fixture
def cached(settings, db):
    settings.CACHES = database_caches()
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    call_command("createcachetable", PAGES_TABLE, database="default", verbosity=0)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a write and then what waits for its commit (the invalidation, the index sync)."""

    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


@pytest.fixture
def need(db):
    return CompetenceNeedPageFactory(region=REGION_A, title="Svetsare i Västernorrland")


@pytest.fixture
def member(db):
    return MembershipFactory().user


@pytest.fixture
def thread(need, member):
    organisation = member.memberships.get().organisation
    return ThreadFactory(
        need=need, title="Fler svetsare", started_by=member, started_for=organisation
    )


def anonymous_get(url: str):
    response = Client().get(url)
    assert response.status_code == 200
    return response


def anonymous_text(url: str) -> str:
    """The page's text as a reader reads it: without the soft hyphens of long words."""
    return anonymous_get(url).text.replace(SOFT_HYPHEN, "")


def served_from_cache(url: str) -> str:
    """The page's text as a reader reads it (without the soft hyphens of long words), after
    checking that a second anonymous visitor got it from the cache."""
    anonymous_get(url)
    response = anonymous_get(url)
    assert response["X-Cache"] == "HIT"
    return response.text.replace(SOFT_HYPHEN, "")


# --- Serving ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("which", "cache_reads"),
    # One read for the page and the fixed scopes' tokens; a need's page reads the token of its
    # own dialogue too (the database cache answers each read with one query).
    [("home", 1), ("need", 2)],
)
def test_second_anonymous_visit_is_served_from_the_cache(
    cached, need, which, cache_reads, django_assert_num_queries
):
    url = "/" if which == "home" else need.url
    first = anonymous_get(url)
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(cache_reads):
        second = anonymous_get(url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_pages_keep_the_security_headers(cached, need):
    first = anonymous_get(need.url)
    second = anonymous_get(need.url)
    assert second["X-Cache"] == "HIT"
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "X-Frame-Options",
        "Vary",
        "Content-Language",
    ):
        assert second[header] == first[header], header


def test_off_when_the_setting_is_zero(cached, settings, need):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    anonymous_get(need.url)
    assert "X-Cache" not in anonymous_get(need.url)


def test_a_signed_in_reader_neither_gets_nor_fills_the_cache(cached, need, member):
    signed_in = Client()
    signed_in.force_login(member)
    # On an empty cache: the signed-in page is not stored for the next visitor.
    page = signed_in.get(need.url)
    assert "Logga ut" in page.text
    assert "X-Cache" not in page
    first_anonymous = anonymous_get(need.url)
    assert first_anonymous["X-Cache"] == "MISS"
    assert "Logga ut" not in first_anonymous.text
    # On a filled cache: the signed-in reader still gets their own page.
    assert anonymous_get(need.url)["X-Cache"] == "HIT"
    page = signed_in.get(need.url)
    assert "Logga ut" in page.text
    assert "X-Cache" not in page
    assert "Logga ut" not in anonymous_text(need.url)


def test_sign_in_pages_are_never_cached(cached):
    for url in ("/konto/login/", "/konto/signup/"):
        for _ in range(2):
            response = anonymous_get(url)
            assert "csrfmiddlewaretoken" in response.text
            assert "X-Cache" not in response


def test_a_page_with_a_form_for_the_visitor_is_not_stored(cached, need, commit):
    # A password-protected page answers anonymous visitors with a form holding a CSRF token.
    commit(PageViewRestriction.objects.create, page=need, restriction_type="password", password="x")
    for _ in range(2):
        response = anonymous_get(need.url)
        assert "csrfmiddlewaretoken" in response.text
        assert "X-Cache" not in response


def test_a_visitor_with_a_session_is_not_served_from_the_cache(cached, need):
    served_from_cache(need.url)
    visitor = Client()
    visitor.cookies["sessionid"] = "no-such-session"
    assert "X-Cache" not in visitor.get(need.url)


def test_only_successful_answers_are_stored(cached):
    for _ in range(2):
        response = Client().get("/finns-inte/")
        assert response.status_code == 404
        assert "X-Cache" not in response


# --- No stale page after a write --------------------------------------------------------------


def test_publishing_an_edit(cached, need, commit):
    listing = RegionPage.objects.get(region__code=REGION_A).url
    assert "Svetsare i Västernorrland" in served_from_cache(need.url)
    assert "Svetsare i Västernorrland" in served_from_cache(listing)
    need.title = "Plåtslagare i Västernorrland"
    commit(need.save_revision().publish)
    assert "Plåtslagare i Västernorrland" in anonymous_text(need.url)
    assert "Plåtslagare i Västernorrland" in anonymous_text(listing)


@pytest.fixture
def example(need):
    """A good example linking the need: it shows the need's title, date and status."""
    page = GoodExamplePageFactory(region=REGION_A, title="Lärlingar på verkstaden")
    page.needs_addressed.add(need)
    page.save_revision().publish()
    return page


def test_editing_a_summary_leaves_the_pages_that_link_the_need(cached, need, example, commit):
    """Other pages show a need as a link, never its summary: they stay in the cache."""
    listing = RegionPage.objects.get(region__code=REGION_A).url
    served_from_cache(need.url)
    served_from_cache(listing)
    served_from_cache(example.url)
    need.summary = "En ny sammanfattning av behovet."
    commit(need.save_revision().publish)
    assert "En ny sammanfattning av behovet." in anonymous_text(need.url)
    assert anonymous_get(listing)["X-Cache"] == "MISS"  # lists, counts and dates: every publish
    assert "Svetsare i Västernorrland" in served_from_cache(example.url)


@pytest.mark.parametrize("change", ["title", "status", "unpublish", "occupations"])
def test_what_a_link_shows_reaches_the_pages_that_link_the_need(
    cached, need, example, commit, change
):
    assert "Svetsare i Västernorrland" in served_from_cache(example.url)
    if change == "unpublish":
        commit(need.unpublish)
        assert "Svetsare i Västernorrland" not in anonymous_text(example.url)
        return
    if change == "title":
        need.title = "Plåtslagare i Västernorrland"
    elif change == "status":
        need.status = NeedStatus.IN_DIALOGUE
    else:
        need.occupations.set(Occupation.objects.exclude(pk__in=need.occupations.all())[:1])
    commit(need.save_revision().publish)
    response = anonymous_get(example.url)
    # Occupations are not shown by the example, but not named as the need's own either.
    assert response["X-Cache"] == "MISS"
    text = response.text.replace(SOFT_HYPHEN, "")
    if change == "title":
        assert "Plåtslagare i Västernorrland" in text
    elif change == "status":
        assert "Status: I dialog" in text


def test_a_saved_draft_is_not_shown(cached, need, commit):
    served_from_cache(need.url)
    need.title = "Ett utkast"
    commit(need.save_revision)
    assert "Ett utkast" not in anonymous_text(need.url)


def test_unpublishing(cached, need, commit):
    served_from_cache(need.url)
    commit(need.unpublish)
    assert Client().get(need.url).status_code == 404


def test_moving(cached, need, commit):
    old_url = need.url
    served_from_cache(old_url)
    commit(need.move, RegionPage.objects.get(region__code="25"), pos="last-child")
    need.refresh_from_db()
    # The old address now leads to the new one (Wagtail's automatic redirect), not the old page.
    old = Client().get(old_url)
    assert (old.status_code, old["Location"]) == (301, need.url)
    assert "Norrbotten" in anonymous_text(need.url)


def test_deleting(cached, need, commit):
    url = need.url
    served_from_cache(url)
    commit(need.delete)
    assert Client().get(url).status_code == 404


def post(thread, member, *, kind: str = "inspel", body: str = "Vi kan ta emot tio lärlingar."):
    return services.post_contribution(
        user=member,
        thread=thread,
        organisation=thread.started_for,
        kind=kind,
        body=body,
        submission_key=uuid.uuid4(),
    )


def test_a_new_post_on_a_public_thread(cached, thread, member, commit):
    url = thread.get_url()
    assert "Inga inlägg ännu" in served_from_cache(url)
    commit(post, thread, member)
    assert "Vi kan ta emot tio lärlingar." in anonymous_text(url)


def test_a_post_empties_its_need_and_the_dialogue_pages_and_nothing_else(
    cached, thread, member, commit
):
    """Members post every second at peak: each post emptying every page kept the cache cold."""
    other_need = CompetenceNeedPageFactory(region=REGION_A, title="Lärare i Västernorrland")
    assert "0 inlägg" in served_from_cache(thread.need.url)
    assert "0 inlägg" in served_from_cache("/dialog/")
    served_from_cache(other_need.url)
    served_from_cache("/")
    commit(post, thread, member)
    assert "1 inlägg" in anonymous_text(thread.need.url)
    assert "1 inlägg" in anonymous_text("/dialog/")
    served_from_cache(other_need.url)
    served_from_cache("/")


def test_a_post_empties_the_result_pages(cached, thread, member, commit):
    """A result page lists the insatser that point at it, which may change with any write."""
    result = ResultPageFactory(parent=thread.need.get_parent(), title="Uppföljning svetsare")
    served_from_cache(result.url)
    commit(post, thread, member)
    assert anonymous_get(result.url)["X-Cache"] == "MISS"


def test_publishing_empties_the_dialogue_pages(cached, thread, commit):
    """The dialogue pages name the needs: a new title reaches them."""
    assert "Svetsare i Västernorrland" in served_from_cache("/dialog/")
    need = thread.need
    need.title = "Svetsare och plåtslagare i Västernorrland"
    commit(need.save_revision().publish)
    assert "Svetsare och plåtslagare" in anonymous_text("/dialog/")


def test_a_new_thread_moves_the_need_into_dialogue(cached, need, member, commit):
    assert "Ingen dialog är startad" in served_from_cache(need.url)
    commit(
        services.start_thread,
        user=member,
        need=need,
        organisation=member.memberships.get().organisation,
        title="Hur utbildar vi fler svetsare?",
        purpose="Vi vill samla utbildarna.",
        visibility=Thread.Visibility.PUBLIC,
    )
    page = anonymous_text(need.url)
    assert "Hur utbildar vi fler svetsare?" in page
    assert NeedStatus.IN_DIALOGUE.label in page


def test_a_proposal_changes_the_need_status(cached, thread, member, commit):
    served_from_cache(thread.need.url)
    commit(post, thread, member, kind="forslag", body="En gemensam svetsutbildning.")
    assert NeedStatus.ACTION_PROPOSED.label in anonymous_text(thread.need.url)


def test_closing_a_thread(cached, thread, member, commit):
    assert "Dialog · Öppen" in served_from_cache(thread.get_url())
    commit(services.set_thread_status, user=member, thread=thread, status=Thread.Status.CLOSED)
    assert "Dialog · Stängd" in anonymous_text(thread.get_url())


def test_hiding_a_post(cached, thread, commit):
    post = ContributionFactory(
        thread=thread, body="Ett olämpligt inlägg", body_html="<p>Olämpligt</p>"
    )
    assert "Olämpligt" in served_from_cache(thread.get_url())
    moderator = UserFactory(groups=[EDITOR_A])
    commit(services.hide_contribution, moderator=moderator, contribution=post, reason="Spam")
    page = anonymous_text(thread.get_url())
    assert "Olämpligt" not in page
    assert "Inlägget har dolts av en moderator." in page


def test_accepting_a_proposal_as_an_insats(cached, thread, commit):
    proposal = ContributionFactory(thread=thread, kind="forslag", organisation=thread.started_for)
    assert "Inga insatser är beslutade" in served_from_cache(thread.need.url)
    editor = UserFactory(groups=[EDITOR_A])
    commit(
        services.accept_proposal,
        user=editor,
        proposal=proposal,
        title="Svetsutbildning i Sundsvall",
        description="Start i höst.",
        responsible_organisations=[thread.started_for],
    )
    page = anonymous_text(thread.need.url)
    assert "Svetsutbildning i Sundsvall" in page
    assert NeedStatus.ACTION_ONGOING.label in page


def test_search_is_never_stored(cached):
    # The search views are never_cache: a new index entry shows at once, with no invalidation.
    for url in ("/sok/?q=svetsare", "/api/search/?q=svetsare", "/sok/feed/?q=svetsare"):
        for _ in range(2):
            assert "X-Cache" not in anonymous_get(url)


# --- Across processes -------------------------------------------------------------------------


@pytest.mark.parametrize("scope", ["site", "links", "own path", "need's dialogue"])
def test_a_change_made_through_another_cache_connection_is_seen(cached, need, scope):
    served_from_cache(need.url)
    other_worker = DatabaseCache(PAGES_TABLE, {"KEY_PREFIX": "pages"})
    name = {
        "need's dialogue": page_cache.need_dialogue(need.pk),
        "own path": page_cache.page_path(need.url),
    }.get(scope, scope)
    other_worker.set(page_cache.scope_key(name), "another-token", None)
    assert anonymous_get(need.url)["X-Cache"] == "MISS"


@pytest.mark.parametrize("scope", ["site", "own path"])
def test_a_token_that_is_gone_is_a_miss_never_a_stale_hit(cached, need, scope):
    """Path tokens expire with the pages; any token may be evicted. A new one never matches."""
    served_from_cache(need.url)
    name = page_cache.page_path(need.url) if scope == "own path" else scope
    DatabaseCache(PAGES_TABLE, {"KEY_PREFIX": "pages"}).delete(page_cache.scope_key(name))
    assert anonymous_get(need.url)["X-Cache"] == "MISS"
    assert anonymous_get(need.url)["X-Cache"] == "HIT"


def test_a_need_page_does_not_show_the_whole_dialogue_or_every_publish(cached, need):
    served_from_cache(need.url)
    served_from_cache("/")
    other_worker = DatabaseCache(PAGES_TABLE, {"KEY_PREFIX": "pages"})
    other_worker.set(page_cache.scope_key(page_cache.PAGES), "another-token", None)
    other_worker.set(page_cache.scope_key(page_cache.DIALOGUE), "another-token", None)
    assert anonymous_get(need.url)["X-Cache"] == "HIT"
    assert anonymous_get("/")["X-Cache"] == "MISS"


def test_a_change_made_through_another_redis_connection_is_seen(settings, need, redis_url):
    settings.CACHES = {
        **database_caches(),
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "pages",
        },
    }
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    served_from_cache(need.url)
    other_worker = RedisCache(redis_url, {"KEY_PREFIX": "pages"})
    other_worker.set(page_cache.scope_key(page_cache.SITE), "another-token", None)
    assert anonymous_get(need.url)["X-Cache"] == "MISS"


INVALIDATE_IN_ANOTHER_PROCESS = textwrap.dedent(
    """
    import django

    django.setup()
    from portal import page_cache

    page_cache.invalidate()
    """
)


@pytest.mark.django_db(transaction=True)
def test_a_change_in_another_process_is_seen(settings, portal_site):
    settings.CACHES = database_caches()
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    call_command("createcachetable", PAGES_TABLE, verbosity=0)
    served_from_cache("/")
    result = run_python(
        "-c",
        INVALIDATE_IN_ANOTHER_PROCESS,
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=shared_database_url(),
        # The other process's "pages" alias is the same table under the same key prefix.
        CACHE_URL=f"dbcache://{PAGES_TABLE.removesuffix('_pages')}",
        REDIS_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert anonymous_get("/")["X-Cache"] == "MISS"
    assert anonymous_get("/")["X-Cache"] == "HIT"


@pytest.mark.parametrize("url", ["/dialog/", f"/dialog/?region={REGION_A}&dialog=oppen"])
def test_the_dialogue_list_is_cached_and_a_new_thread_or_post_reaches_it(
    cached, thread, member, commit, url
):
    assert "Fler svetsare" in served_from_cache(url)
    assert "0 inlägg" in served_from_cache(url)
    commit(post, thread, member)
    assert "1 inlägg" in anonymous_text(url)
    served_from_cache(url)
    commit(
        services.start_thread,
        user=member,
        need=thread.need,
        organisation=thread.started_for,
        title="Hur utbildar vi fler svetsare?",
        purpose="Vi vill samla utbildarna.",
        visibility=Thread.Visibility.PUBLIC,
    )
    assert "Hur utbildar vi fler svetsare?" in anonymous_text(url)
