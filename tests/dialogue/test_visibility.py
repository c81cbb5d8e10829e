"""A thread "endast inbjudna" never shows to outsiders: lists, need page, feed, notifications."""

import pytest
from django.urls import reverse

from portal.dialogue import selectors, services
from portal.dialogue.models import Follow, Notification
from tests.dialogue.conftest import contribution_data
from tests.factories import MembershipFactory, OrganisationFactory, ThreadFactory

pytestmark = pytest.mark.django_db

SECRET = "Hemlig planering av ansökan"


@pytest.fixture
def restricted(need, municipality, region_org):
    return ThreadFactory(
        need=need,
        title=SECRET,
        visibility="inbjudna",
        started_for=region_org,
        participants=[municipality],
    )


@pytest.fixture
def outsider():
    return MembershipFactory(organisation=OrganisationFactory()).user


def test_outsiders_see_it_nowhere(client, restricted, outsider, need):
    for user in (None, outsider):
        if user:
            client.force_login(user)
        assert SECRET not in client.get(reverse("dialogue:list")).content.decode()
        assert SECRET not in client.get(need.url).content.decode()
        assert SECRET not in client.get(reverse("dialogue:feed")).content.decode()
        assert client.get(restricted.get_url()).status_code == 404


def test_insiders_see_it_in_the_list_on_the_need_page_but_not_in_the_public_feed(
    client, restricted, member, need
):
    client.force_login(member)
    assert SECRET in client.get(reverse("dialogue:list")).content.decode()
    assert SECRET in client.get(need.url).content.decode()
    assert client.get(restricted.get_url()).status_code == 200
    assert SECRET not in client.get(reverse("dialogue:feed")).content.decode()


def test_following_the_need_brings_no_notification_or_count_from_a_restricted_thread(
    client, restricted, outsider, member, municipality, need, run_on_commit
):
    Follow.objects.create(user=outsider, need=need)
    Follow.objects.create(user=MembershipFactory(organisation=municipality).user, need=need)
    client.force_login(member)
    run_on_commit(client.post, restricted.get_url(), contribution_data(municipality))
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert Notification.objects.filter(thread=restricted).count() == 1
    assert selectors.unread_count(user=outsider) == 0
    client.force_login(outsider)
    page = client.get(reverse("dialogue:notifications")).content.decode()
    assert SECRET not in page


def test_a_member_who_leaves_loses_the_thread_and_its_notifications(
    restricted, municipality, need, teacher, provider, run_on_commit
):
    insider = MembershipFactory(organisation=municipality)
    Follow.objects.create(user=insider.user, thread=restricted)
    restricted.participants.add(provider)
    run_on_commit(
        services.post_contribution,
        user=teacher,
        thread=restricted,
        organisation=provider,
        kind="fraga",
        body="Fråga",
        submission_key=__import__("uuid").uuid4(),
    )
    assert selectors.unread_count(user=insider.user) == 1
    insider.delete()
    assert selectors.unread_count(user=insider.user) == 0
    assert not selectors.visible_threads(user=insider.user).filter(pk=restricted.pk).exists()


def test_restricted_threads_do_not_move_the_public_need_status(need, municipality, member):
    services.start_thread(
        user=member,
        need=need,
        organisation=municipality,
        title=SECRET,
        purpose="Syfte",
        visibility="inbjudna",
    )
    need.refresh_from_db()
    assert need.status == "identifierat"
