"""A post's request does the same work however many people follow: the fan-out is a task."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.dialogue import services
from portal.dialogue.models import EmailFrequency, Follow
from tests.dialogue.conftest import contribution_data
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def follow(need, count: int) -> None:
    for _ in range(count):
        reader = MembershipFactory().user
        Follow.objects.create(user=reader, need=need)
        services.set_email_frequency(user=reader, frequency=EmailFrequency.IMMEDIATELY)


def queries_of_a_post(client, thread, organisation, run_on_commit, word: str) -> int:
    # Each post brings a word the thread did not hold: the search index's write then changes
    # the same number of token bitmaps each time (a post repeating earlier text changes none,
    # and skips their query).
    data = contribution_data(organisation, body=f"Vi ser samma behov av {word} i vår kommun.")
    with CaptureQueriesContext(connection) as queries:
        response = run_on_commit(client.post, thread.get_url(), data)
    assert response.status_code == 302
    return len(queries)


def test_the_request_does_not_grow_with_the_followers(
    client, settings, need, member, municipality, run_on_commit
):
    # The database queue, as in production: the request only enqueues the fan-out.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    thread = ThreadFactory(need=need, participants=[municipality])
    client.force_login(member)
    follow(need, 1)
    # The author follows the need after the first post.
    queries_of_a_post(client, thread, municipality, run_on_commit, "svetsare")
    few = queries_of_a_post(client, thread, municipality, run_on_commit, "snickare")
    follow(need, 20)
    many = queries_of_a_post(client, thread, municipality, run_on_commit, "murare")
    assert many == few
