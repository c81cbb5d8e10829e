"""MFA outside the admin: a moderator without an authenticator acts or reads as a moderator
only after setting one up, and is told so with a link; PORTAL_MFA_REQUIRED=0 lifts it."""

import pytest
from django.test import override_settings
from django.urls import reverse

from portal.dialogue.models import Action
from portal.dialogue.selectors import visible_threads
from tests.dialogue.conftest import EDITOR_A
from tests.factories import ContributionFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db

ACTIVATE_URL = "/konto/2fa/totp/activate/"


@pytest.fixture
def restricted_thread(need, municipality, provider):
    """A restricted thread the region does not take part in: its editors read it as moderators."""
    return ThreadFactory(
        need=need, visibility="inbjudna", started_for=municipality, participants=[provider]
    )


def test_a_moderator_without_mfa_is_told_to_set_it_up_before_reading(client, restricted_thread):
    editor = UserFactory(groups=[EDITOR_A])
    client.force_login(editor)
    response = client.get(restricted_thread.get_url())
    assert response.status_code == 403
    assert "Tvåstegsverifiering krävs" in response.text
    assert f'href="{ACTIVATE_URL}"' in response.text
    assert restricted_thread.title not in response.text
    assert restricted_thread not in visible_threads(user=editor)
    assert restricted_thread.title not in client.get(reverse("dialogue:list")).text


def test_the_same_moderator_reads_it_once_mfa_is_set_up(client, restricted_thread):
    client.force_login(UserFactory(groups=[EDITOR_A], mfa=True))
    response = client.get(restricted_thread.get_url())
    assert response.status_code == 200
    assert restricted_thread.title in response.text


def test_a_stranger_still_gets_not_found_not_the_mfa_page(client, restricted_thread):
    client.force_login(UserFactory())
    response = client.get(restricted_thread.get_url())
    assert response.status_code == 404


def test_the_refusal_links_back_to_the_page_the_form_was_on(client, need, region_org):
    thread = ThreadFactory(need=need, started_for=region_org)
    client.force_login(UserFactory(groups=[EDITOR_A]))
    response = client.post(
        reverse("dialogue:thread_status", args=[thread.pk]),
        {"status": "stangd"},
        headers={"referer": f"http://testserver{thread.get_url()}"},
    )
    assert response.status_code == 403
    assert f'href="http://testserver{thread.get_url()}"' in response.text
    thread.refresh_from_db()
    assert thread.status == "oppen"


@override_settings(PORTAL_MFA_REQUIRED=False)
def test_without_the_requirement_an_editor_without_mfa_reads_and_accepts(
    client, restricted_thread, provider
):
    proposal = ContributionFactory(thread=restricted_thread, kind="forslag", organisation=provider)
    client.force_login(UserFactory(groups=[EDITOR_A]))
    assert client.get(restricted_thread.get_url()).status_code == 200
    client.post(
        reverse("dialogue:accept", args=[proposal.pk]),
        {"title": "Insats", "responsible_organisations": [provider.pk], "status": "planerad"},
    )
    assert Action.objects.filter(proposal=proposal).exists()
