"""Public threads are searchable (type ``thread``); restricted ones and hidden posts are not."""

import pytest
from django.utils import timezone

from tests.factories import CompetenceNeedPageFactory, ContributionFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def search(client, q: str, **params) -> list[dict]:
    response = client.get("/api/search/", {"q": q, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def need(run_on_commit):
    return run_on_commit(
        CompetenceNeedPageFactory,
        region="22",
        title="Svetsare i Västernorrland",
        occupations=["7212"],
    )


def test_a_public_thread_and_its_contributions_are_found(client, need, run_on_commit):
    thread = run_on_commit(ThreadFactory, need=need, title="Dialog om svetsutbildning")
    run_on_commit(
        ContributionFactory, thread=thread, body="Komvux kan starta en **lärlingsklass**."
    )

    hits = search(client, "lärlingsklass", type="thread")
    assert "**" not in hits[0]["snippet"]
    assert "<mark>lärlingsklass</mark>" in hits[0]["snippet"]
    assert [hit["title"] for hit in hits] == ["Dialog om svetsutbildning"]
    assert hits[0]["type"] == "thread"
    assert hits[0]["url"] == thread.get_url()
    assert hits[0]["region"] == "22"
    facets = client.get("/api/search/", {"q": "svetsutbildning"}).json()["facets"]
    assert facets["type"].get("thread") == 1


def test_a_restricted_thread_never_reaches_search(client, need, run_on_commit):
    run_on_commit(
        ThreadFactory, need=need, title="Hemlig dialog om svetsare", visibility="inbjudna"
    )
    assert search(client, "hemlig") == []
    assert client.get("/api/search/", {"q": "hemlig"}).json()["count"] == 0


def test_hidden_contribution_text_is_removed_from_the_index(client, need, run_on_commit):
    thread = run_on_commit(ThreadFactory, need=need)
    post = run_on_commit(ContributionFactory, thread=thread, body="Olämpligt reklamord xyzzyspam")
    assert len(search(client, "xyzzyspam")) == 1
    post.hidden_at = timezone.now()
    run_on_commit(post.save)
    assert search(client, "xyzzyspam") == []


def test_unpublishing_the_need_removes_its_threads(client, need, run_on_commit):
    run_on_commit(ThreadFactory, need=need, title="Dialog om rekrytering")
    assert len(search(client, "rekrytering", type="thread")) == 1
    run_on_commit(need.unpublish)
    assert search(client, "rekrytering", type="thread") == []


def test_the_threads_purpose_is_indexed_as_the_text_readers_see(client, need, run_on_commit):
    run_on_commit(
        ThreadFactory,
        need=need,
        title="Dialog om lärlingar",
        purpose="Vi vill samla aktörer kring **konkreta insatser** för svetsare.",
    )

    hits = search(client, "insatser", type="thread")
    assert [hit["title"] for hit in hits] == ["Dialog om lärlingar"]
    assert "**" not in hits[0]["snippet"]
    assert "konkreta <mark>insatser</mark>" in hits[0]["snippet"]
