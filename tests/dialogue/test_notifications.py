"""Follow, notifications in the portal and by e-mail, idempotent digests, unsubscribe."""

import datetime
import io
import re
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.dialogue import selectors, services
from portal.dialogue.models import EmailFrequency, Follow, Notification
from tests.factories import MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(need, municipality, provider):
    return ThreadFactory(need=need, participants=[municipality, provider])


def post(thread, user, organisation, body="Nytt inspel"):
    return services.post_contribution(
        user=user,
        thread=thread,
        organisation=organisation,
        kind="inspel",
        body=body,
        submission_key=uuid.uuid4(),
    )[0]


def follower(need, frequency):
    user = MembershipFactory().user
    Follow.objects.create(user=user, need=need)
    services.set_email_frequency(user=user, frequency=frequency)
    return user


def test_followers_get_a_notification_and_the_header_shows_the_count(
    client, thread, need, teacher, provider, run_on_commit
):
    reader = follower(need, EmailFrequency.NEVER)
    run_on_commit(post, thread, teacher, provider)
    run_on_commit(post, thread, teacher, provider)
    assert selectors.unread_count(user=reader) == 2
    assert not Notification.objects.filter(recipient=teacher).exists()
    client.force_login(reader)
    page = client.get(reverse("dialogue:list")).content.decode()
    assert re.search(
        r'Notiser <span class="count-badge">2<span class="visually-hidden"> olästa', page
    )
    client.post(reverse("dialogue:notifications"), {"markera_lasta": "1"})
    assert selectors.unread_count(user=reader) == 0


def test_following_through_the_need_page(client, need, member):
    client.force_login(member)
    client.post(reverse("dialogue:follow_need", args=[need.pk]), {"folj": "1"})
    assert Follow.objects.filter(user=member, need=need).exists()
    assert "Sluta följa behovet" in client.get(need.url).content.decode()
    client.post(reverse("dialogue:follow_need", args=[need.pk]), {"folj": "0"})
    assert not Follow.objects.filter(user=member, need=need).exists()


def test_immediate_email_has_a_working_unsubscribe_link_without_login(
    thread, need, teacher, provider, run_on_commit
):
    reader = follower(need, EmailFrequency.IMMEDIATELY)
    run_on_commit(post, thread, teacher, provider)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [reader.email]
    link = re.search(r"http://\S+/dialog/avregistrera/\S+/", message.body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    anonymous = Client()
    assert anonymous.get(path).status_code == 200
    anonymous.post(path)
    assert selectors.email_frequency(user=reader) == EmailFrequency.NEVER
    assert anonymous.get("/dialog/avregistrera/forfalskad-token/").status_code == 400


def test_digests_are_idempotent(thread, need, teacher, provider, run_on_commit):
    daily = follower(need, EmailFrequency.DAILY)
    weekly = follower(need, EmailFrequency.WEEKLY)
    never = follower(need, EmailFrequency.NEVER)
    run_on_commit(post, thread, teacher, provider, body="Första")
    run_on_commit(post, thread, teacher, provider, body="Andra")

    call_command("send_digests", stdout=io.StringIO())
    call_command("send_digests", stdout=io.StringIO())
    assert sorted(message.to[0] for message in mail.outbox) == sorted([daily.email, weekly.email])
    assert all("Avsluta all e-post" in message.body for message in mail.outbox)
    assert not [m for m in mail.outbox if m.to == [never.email]]

    # A new post the next hour waits for the next day (daily) or week (weekly).
    run_on_commit(post, thread, teacher, provider, body="Tredje")
    assert services.send_digests() == 0
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert services.send_digests(now=tomorrow) == 1
    assert services.send_digests(now=tomorrow) == 0
    assert mail.outbox[-1].to == [daily.email]
    assert services.send_digests(now=timezone.now() + datetime.timedelta(days=7)) == 1
    assert mail.outbox[-1].to == [weekly.email]
    assert len(mail.outbox) == 4
