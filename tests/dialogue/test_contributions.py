"""Posting: types, replies, edits with history, deletion, double submits, limits, blocks."""

import datetime
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.services import delete_account
from portal.dialogue import services
from portal.dialogue.models import BODY_MAX_LENGTH, Contribution, PostingBlock
from tests.dialogue.conftest import contribution_data
from tests.factories import SuperuserFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(need, municipality, provider):
    return ThreadFactory(need=need, participants=[municipality, provider])


def test_a_post_shows_its_organisation_type_and_rendered_markdown(
    client, thread, member, municipality
):
    client.force_login(member)
    response = client.post(
        thread.get_url(),
        contribution_data(municipality, kind="fraga", body="Vad gör **ni**? Se https://scb.se"),
    )
    assert response.status_code == 302
    page = client.get(thread.get_url()).content.decode()
    assert "Fråga</span> från Sundsvalls kommun" in page
    assert "(kommun)" in page
    assert "<strong>ni</strong>" in page
    assert 'href="https://scb.se" rel="nofollow ugc noopener"' in page


def test_a_commitment_needs_what_who_and_when(client, thread, member, municipality):
    client.force_login(member)
    response = client.post(thread.get_url(), contribution_data(municipality, kind="atagande"))
    assert response.status_code == 200
    assert "Skriv vad ni åtar er." in response.content.decode()
    assert not Contribution.objects.exists()


def test_too_long_text_gets_a_clear_message(client, thread, member, municipality):
    client.force_login(member)
    response = client.post(
        thread.get_url(), contribution_data(municipality, body="a" * (BODY_MAX_LENGTH + 1))
    )
    assert f"högst {BODY_MAX_LENGTH} tecken" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Contribution.objects.exists()


def test_an_inspel_can_link_a_portal_page(client, thread, member, municipality, need):
    client.force_login(member)
    client.post(thread.get_url(), contribution_data(municipality, link=need.url))
    assert Contribution.objects.get().linked_page_id == need.pk
    response = client.post(thread.get_url(), contribution_data(municipality, link="/finns/inte/"))
    assert "leder inte till någon publicerad sida" in response.content.decode()


def test_replies_nest_two_levels_and_no_deeper(thread, member, municipality):
    def post(parent=None):
        return services.post_contribution(
            user=member,
            thread=thread,
            organisation=municipality,
            kind="inspel",
            body="Svar",
            parent=parent,
            submission_key=uuid.uuid4(),
        )[0]

    top = post()
    reply = post(top)
    second = post(reply)
    assert (top.depth, reply.depth, second.depth) == (0, 1, 2)
    with pytest.raises(Exception, match="två nivåer"):
        post(second)


def test_a_double_submit_creates_one_post(client, thread, member, municipality):
    client.force_login(member)
    data = contribution_data(municipality)
    first = client.post(thread.get_url(), data)
    second = client.post(thread.get_url(), data)
    assert first.status_code == second.status_code == 302
    assert Contribution.objects.count() == 1


@override_settings(DIALOGUE_POSTS_PER_10_MINUTES=3)
def test_the_rate_limit_stops_a_flood_with_a_clear_message(client, thread, member, municipality):
    client.force_login(member)
    for _ in range(3):
        client.post(thread.get_url(), contribution_data(municipality))
    response = client.post(thread.get_url(), contribution_data(municipality))
    assert response.status_code == 200
    assert "Du har skrivit många inlägg på kort tid" in response.content.decode()
    assert Contribution.objects.count() == 3


def test_blocked_and_anonymous_users_cannot_post(client, thread, member, municipality):
    response = client.post(thread.get_url(), contribution_data(municipality))
    assert response.url.startswith("/konto/login/")
    PostingBlock.objects.create(user=member, blocked_by=SuperuserFactory(), reason="Spam")
    client.force_login(member)
    response = client.post(thread.get_url(), contribution_data(municipality))
    assert not Contribution.objects.exists()
    assert "stängt av dig" in client.get(thread.get_url()).content.decode()


def test_an_unverified_user_cannot_post(client, thread, municipality):
    from tests.factories import MembershipFactory

    user = MembershipFactory(organisation=municipality, user=UserFactory(verified=False)).user
    client.force_login(user)
    client.post(thread.get_url(), contribution_data(municipality))
    assert not Contribution.objects.exists()


def test_authors_edit_for_30_minutes_and_moderators_see_the_history(
    client, thread, member, municipality
):
    contribution, _ = services.post_contribution(
        user=member,
        thread=thread,
        organisation=municipality,
        kind="inspel",
        body="Första versionen",
        submission_key=uuid.uuid4(),
    )
    client.force_login(member)
    client.post(reverse("dialogue:edit", args=[contribution.pk]), {"body": "Andra versionen"})
    contribution.refresh_from_db()
    assert contribution.body == "Andra versionen"
    assert list(contribution.revisions.values_list("body", flat=True)) == ["Första versionen"]

    Contribution.objects.filter(pk=contribution.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=31)
    )
    client.post(reverse("dialogue:edit", args=[contribution.pk]), {"body": "För sent"})
    contribution.refresh_from_db()
    assert contribution.body == "Andra versionen"

    curator = UserFactory(groups=["Tillväxtverket – kurator"], mfa=True)
    client.force_login(curator)
    page = client.get(reverse("dialogue_admin:contribution", args=[contribution.pk]))
    assert "Första versionen" in page.content.decode()


def test_deleting_leaves_a_placeholder_and_keeps_the_replies(
    client, thread, member, teacher, municipality, provider
):
    top, _ = services.post_contribution(
        user=member, thread=thread, organisation=municipality, kind="fraga",
        body="Hemlig fråga", submission_key=uuid.uuid4(),
    )  # fmt: skip
    services.post_contribution(
        user=teacher, thread=thread, organisation=provider, kind="inspel",
        body="Svaret finns kvar", parent=top, submission_key=uuid.uuid4(),
    )  # fmt: skip
    client.force_login(member)
    client.post(reverse("dialogue:delete", args=[top.pk]))
    page = client.get(thread.get_url()).content.decode()
    assert "Inlägget har tagits bort" in page
    assert "Hemlig fråga" not in page
    assert "Svaret finns kvar" in page


def test_a_deleted_account_keeps_its_posts_as_borttagen_anvandare(
    client, thread, member, municipality
):
    services.post_contribution(
        user=member, thread=thread, organisation=municipality, kind="inspel",
        body="Ett inspel som ska finnas kvar", submission_key=uuid.uuid4(),
    )  # fmt: skip
    name = member.get_full_name()
    delete_account(user=member)
    page = client.get(thread.get_url()).content.decode()
    assert "Ett inspel som ska finnas kvar" in page
    assert "Borttagen användare" in page
    assert name not in page
