"""Reports, the admin queue, hide/restore with reasons, blocks, and the moderation log."""

import pytest
from django.urls import reverse

from portal.dialogue.models import ModerationLogEntry, PostingBlock, Report
from tests.dialogue.conftest import CURATOR, EDITOR_A, EDITOR_B, contribution_data
from tests.factories import ContributionFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(need, municipality, member):
    thread = ThreadFactory(need=need, participants=[municipality])
    return ContributionFactory(
        thread=thread, author=member, organisation=municipality, body="Köp billiga klockor"
    )


def test_a_report_reaches_the_queue_of_the_regions_moderators_only(client, post, teacher):
    client.force_login(teacher)
    response = client.post(reverse("dialogue:report", args=[post.pk]), {"reason": "annat"})
    assert "Beskriv vad som är fel" in response.content.decode()
    client.post(reverse("dialogue:report", args=[post.pk]), {"reason": "spam", "text": ""})
    assert Report.objects.filter(contribution=post, reason="spam").exists()

    for groups, sees in (([CURATOR], True), ([EDITOR_A], True), ([EDITOR_B], False)):
        client.force_login(UserFactory(groups=groups, mfa=True))
        page = client.get(reverse("dialogue_admin:queue")).content.decode()
        assert ("Köp billiga klockor" in page) is sees, groups


def test_hide_restore_and_block_are_logged_with_who_what_and_why(client, post, municipality):
    moderator = UserFactory(groups=[EDITOR_A], mfa=True)
    client.force_login(moderator)
    url = reverse("dialogue_admin:contribution", args=[post.pk])
    response = client.post(url, {"atgard": "dolj", "reason": ""})
    assert "Ange ett skäl" in response.content.decode()
    post.refresh_from_db()
    assert post.hidden_at is None

    client.post(url, {"atgard": "dolj", "reason": "Reklam"})
    post.refresh_from_db()
    assert post.hidden_at is not None
    page = client.get(post.thread.get_url()).content.decode()
    assert "Inlägget har dolts av en moderator" in page
    assert "Köp billiga klockor" not in page

    client.post(url, {"atgard": "aterstall", "reason": "Felbedömning"})
    client.post(url, {"atgard": "blockera", "reason": "Upprepad reklam"})
    assert PostingBlock.objects.filter(user=post.author).exists()
    log = list(
        ModerationLogEntry.objects.order_by("created_at", "pk").values_list(
            "moderator", "kind", "reason", "target_user"
        )
    )
    assert log == [
        (moderator.pk, "dolt", "Reklam", post.author_id),
        (moderator.pk, "aterstallt", "Felbedömning", post.author_id),
        (moderator.pk, "blockerat", "Upprepad reklam", post.author_id),
    ]
    assert "Upprepad reklam" in client.get(reverse("dialogue_admin:log")).content.decode()

    client.force_login(post.author)
    client.post(post.thread.get_url(), contribution_data(municipality))
    assert post.thread.contributions.count() == 1


def test_an_editor_of_another_region_cannot_moderate(client, post):
    client.force_login(UserFactory(groups=[EDITOR_B], mfa=True))
    url = reverse("dialogue_admin:contribution", args=[post.pk])
    assert client.post(url, {"atgard": "dolj", "reason": "x"}).status_code == 404
    post.refresh_from_db()
    assert post.hidden_at is None
