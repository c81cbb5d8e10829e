"""The need's region hears of every new public thread and every proposal without following.

Its editors and the region organisation's administrators get a notification, and e-mail per
their frequency; editors of other regions, and members who follow nothing, get nothing; a
recipient can mute it. Who they are is worked out in the background task, after the commit.
"""

import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import strip_tags

from accounts.models import Membership
from portal.dialogue import services
from portal.dialogue.models import EmailFrequency, Notification, NotificationSettings, Thread
from tests.dialogue.conftest import EDITOR_A, EDITOR_B
from tests.factories import MembershipFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(portal_site, region_org):
    editor_a = UserFactory(groups=[EDITOR_A])
    services.set_email_frequency(user=editor_a, frequency=EmailFrequency.IMMEDIATELY)
    return {
        "editor_a": editor_a,
        "editor_b": UserFactory(groups=[EDITOR_B]),
        "region_admin": MembershipFactory(organisation=region_org, role=Membership.Role.ADMIN).user,
        "bystander": MembershipFactory().user,
    }


def start(need, user, organisation, visibility=Thread.Visibility.PUBLIC):
    return services.start_thread(
        user=user,
        need=need,
        organisation=organisation,
        title="Fler platser på undersköterskeutbildningen",
        purpose="Vi vill starta en ny klass.",
        visibility=visibility,
    )


def post(thread, user, organisation, kind):
    return services.post_contribution(
        user=user,
        thread=thread,
        organisation=organisation,
        kind=kind,
        body="Vi föreslår en ny utbildning.",
        submission_key=uuid.uuid4(),
    )[0]


def notified(user) -> int:
    return Notification.objects.filter(recipient=user).count()


def test_new_public_thread_reaches_the_region(region, need, teacher, provider, run_on_commit):
    run_on_commit(start, need, teacher, provider)
    assert notified(region["editor_a"]) == 1
    assert notified(region["region_admin"]) == 1
    assert notified(region["editor_b"]) == 0
    assert notified(region["bystander"]) == 0
    assert notified(teacher) == 0
    # The editor chose direct e-mail; the region administrator the default daily digest.
    (message,) = [m for m in mail.outbox if region["editor_a"].email in m.to]
    assert "Ny dialog om Undersköterskor i Västernorrland" in message.subject
    assert not [m for m in mail.outbox if region["region_admin"].email in m.to]


def test_recipients_are_worked_out_after_the_commit_not_in_the_request(
    region, need, teacher, provider
):
    start(need, teacher, provider)
    assert not Notification.objects.exists()


def test_restricted_thread_is_not_announced(region, need, teacher, provider, run_on_commit):
    run_on_commit(start, need, teacher, provider, Thread.Visibility.INVITED)
    assert notified(region["editor_a"]) == 0


def test_proposals_reach_the_region_other_posts_do_not(
    region, need, teacher, provider, municipality, run_on_commit
):
    thread = ThreadFactory(need=need, participants=[provider])
    run_on_commit(post, thread, teacher, provider, "inspel")
    assert notified(region["editor_a"]) == 0
    run_on_commit(post, thread, teacher, provider, "forslag")
    assert notified(region["editor_a"]) == 1
    assert notified(region["region_admin"]) == 1
    assert notified(region["editor_b"]) == 0


def test_muted_recipient_hears_nothing_but_what_they_follow(
    client, region, need, teacher, provider, run_on_commit
):
    editor = region["editor_a"]
    client.force_login(editor)
    page = client.get(reverse("dialogue:notifications")).text
    assert "min regions kompetensbehov" in page
    client.post(reverse("dialogue:notifications"), {"email_frequency": "direkt"})
    assert NotificationSettings.objects.get(user=editor).region_updates is False
    run_on_commit(start, need, teacher, provider)
    assert notified(editor) == 0
    assert notified(region["region_admin"]) == 1


def test_others_are_not_offered_the_region_choice(client, region):
    client.force_login(region["bystander"])
    page = client.get(reverse("dialogue:notifications")).text
    assert "min regions kompetensbehov" not in page


def dialogue_panel_text(client, need) -> str:
    html = client.get(need.url).text
    panel = re.search(r'<section aria-labelledby="dialogue-heading".*?</section>', html, re.S)
    return " ".join(strip_tags(panel.group(0)).split())


def test_need_page_tells_each_visitor_why_they_cannot_write(client, need, portal_site):
    assert "Logga in eller skapa konto" in dialogue_panel_text(client, need)
    assert "/konto/signup/" in client.get(need.url).text

    loner = UserFactory()
    client.force_login(loner)
    text = dialogue_panel_text(client, need)
    assert "du är inte medlem i någon" in text
    assert "föreslå din organisation" in text
    assert "Starta en dialog" not in text

    waiting = UserFactory()
    MembershipFactory(user=waiting, status=Membership.Status.PENDING)
    client.force_login(waiting)
    assert "ansökan om medlemskap är godkänd" in dialogue_panel_text(client, need)

    unverified = UserFactory(verified=False)
    client.force_login(unverified)
    assert "bekräftat din e-postadress" in dialogue_panel_text(client, need)

    member = MembershipFactory().user
    client.force_login(member)
    assert "Starta en dialog" in dialogue_panel_text(client, need)
