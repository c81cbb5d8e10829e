"""The thread page in pages: a Swedish pager, oldest or newest first, links to posts that land.

A thread of 30 posts at 25 a page has two pages. Reading order keeps every reply right after
what it answers, in both orders.
"""

import re

import pytest
from django.urls import reverse

from portal.dialogue.models import Notification, Thread
from portal.dialogue.selectors import POSTS_PER_PAGE
from tests.dialogue.conftest import contribution_data
from tests.factories import ContributionFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db

POSTS = 30


def post_ids(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'<li id="inlagg-(\d+)"', response.text)]


@pytest.fixture
def thread(need, municipality):
    return ThreadFactory(need=need, participants=[municipality])


@pytest.fixture
def posts(thread, municipality):
    """30 top-level posts, oldest first; the second one has a reply, written last."""
    author = UserFactory()
    made = [
        ContributionFactory(thread=thread, organisation=municipality, author=author)
        for _ in range(POSTS)
    ]
    reply = ContributionFactory(
        thread=thread, organisation=municipality, author=author, parent=made[1], depth=1
    )
    return made, reply


def test_the_first_page_is_the_oldest_posts_with_a_swedish_pager(client, thread, posts):
    made, reply = posts
    response = client.get(thread.get_url())
    assert response.status_code == 200
    shown = post_ids(response)
    assert len(shown) == POSTS_PER_PAGE
    # The reply comes right after what it answers, although it was written last.
    assert shown[:4] == [made[0].pk, made[1].pk, reply.pk, made[2].pk]
    html = response.text
    assert '<nav class="pagination" aria-label="Sidnumrering">' in html
    assert '<span aria-current="page">1</span>' in html
    assert 'href="?page=2" rel="next">Nästa</a>' in html
    assert "Föregående" not in html
    assert f"Inlägg ({POSTS + 1})" in html
    assert f"Inlägg 1–{POSTS_PER_PAGE} av {POSTS + 1}, äldst först." in html


def test_the_second_page_holds_the_rest(client, thread, posts):
    made, _ = posts
    response = client.get(thread.get_url(), {"page": 2})
    assert post_ids(response) == [post.pk for post in made[POSTS_PER_PAGE - 1 :]]
    assert 'rel="prev">Föregående</a>' in response.text
    assert '<span aria-current="page">2</span>' in response.text


def test_newest_first_keeps_replies_after_their_post(client, thread, posts):
    made, reply = posts
    first = client.get(thread.get_url(), {"ordning": "nyast"})
    assert post_ids(first)[:2] == [made[-1].pk, made[-2].pk]
    assert '<span aria-current="true"><strong>Nyast först</strong></span>' in first.text
    assert f'href="{thread.get_url()}#posts-heading">Äldst först</a>' in first.text
    # The pager keeps the order.
    assert 'href="?ordning=nyast&amp;page=2" rel="next">Nästa</a>' in first.text
    last = client.get(thread.get_url(), {"ordning": "nyast", "page": 2})
    assert post_ids(last)[-3:] == [made[1].pk, reply.pk, made[0].pk]


def test_an_unknown_order_reads_oldest_first(client, thread, posts):
    made, _ = posts
    response = client.get(thread.get_url(), {"ordning": "<script>"})
    assert response.status_code == 200
    assert post_ids(response)[0] == made[0].pk


@pytest.mark.parametrize("raw", ["abc", "0", "-1", "1.5", "²", "9" * 5000, ""])
def test_a_page_that_is_not_a_number_shows_the_first(client, thread, posts, raw):
    made, _ = posts
    response = client.get(thread.get_url(), {"page": raw})
    assert response.status_code == 200
    assert post_ids(response)[0] == made[0].pk


def test_a_page_past_the_end_redirects_to_the_last(client, thread, posts):
    response = client.get(thread.get_url(), {"page": 99, "ordning": "nyast"})
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_url()}?page=2&ordning=nyast"


def test_a_thread_without_posts_has_no_pager(client, thread):
    assert client.get(thread.get_url(), {"page": 5})["Location"] == thread.get_url()
    response = client.get(thread.get_url())
    assert "Inga inlägg ännu." in response.text
    assert "Sidnumrering" not in response.text


def test_a_link_to_a_post_lands_on_its_page(client, thread, posts):
    made, reply = posts
    late = made[-1]
    response = client.get(reverse("dialogue:post", args=[late.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_url()}?page=2#inlagg-{late.pk}"
    assert late.pk in post_ids(client.get(response["Location"]))
    newest = client.get(reverse("dialogue:post", args=[late.pk]), {"ordning": "nyast"})
    assert newest["Location"] == f"{thread.get_url()}?ordning=nyast#inlagg-{late.pk}"
    early = client.get(reverse("dialogue:post", args=[reply.pk]))
    assert early["Location"] == f"{thread.get_url()}#inlagg-{reply.pk}"


def test_a_link_to_a_post_in_a_thread_one_may_not_read_is_not_found(
    client, need, municipality, member
):
    thread = ThreadFactory(
        need=need, visibility=Thread.Visibility.INVITED, participants=[municipality]
    )
    post = ContributionFactory(thread=thread, organisation=municipality)
    assert client.get(reverse("dialogue:post", args=[post.pk])).status_code == 404
    client.force_login(member)
    assert client.get(reverse("dialogue:post", args=[post.pk])).status_code == 302


def test_a_new_post_lands_on_the_page_it_is_on(
    client, thread, posts, member, municipality, run_on_commit
):
    client.force_login(member)
    response = run_on_commit(client.post, thread.get_url(), contribution_data(municipality))
    assert response.status_code == 302
    location = response["Location"]
    assert re.fullmatch(rf"{thread.get_url()}\?page=2#inlagg-\d+", location), location
    new_pk = int(location.rsplit("-", 1)[1])
    assert new_pk in post_ids(client.get(location))


def test_notifications_link_to_the_post_wherever_it_is(
    client, need, thread, posts, member, municipality, run_on_commit
):
    """A follower's notification names the post; following it finds the post's page."""
    follower = UserFactory()
    client.force_login(follower)
    client.post(reverse("dialogue:follow_thread", args=[thread.pk]), {"folj": "1"})
    client.force_login(member)
    run_on_commit(client.post, thread.get_url(), contribution_data(municipality))
    notification = Notification.objects.get(recipient=follower)
    assert re.fullmatch(r"/dialog/inlagg/\d+/", notification.url), notification.url
    client.force_login(follower)
    landing = client.get(notification.url)
    assert landing.status_code == 302
    assert landing["Location"].startswith(f"{thread.get_url()}?page=2#inlagg-")


def test_reply_links_keep_the_page_and_order(client, thread, posts, member):
    made, _ = posts
    client.force_login(member)
    response = client.get(thread.get_url(), {"page": 2, "ordning": "nyast"})
    oldest = made[0]
    assert f'href="?page=2&amp;ordning=nyast&amp;svar={oldest.pk}#skriv">Svara' in response.text
