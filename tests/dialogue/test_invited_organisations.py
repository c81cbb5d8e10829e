"""Invited organisations: a chooser, only for a thread "endast inbjudna"; a public thread
refuses them, and only approved organisations from the chooser's list can be invited."""

import pytest
from django.urls import reverse

from accounts.models import Organisation
from portal.dialogue.forms import ThreadForm
from portal.dialogue.models import Thread
from portal.dialogue.selectors import posting_organisations
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def thread_data(organisation, **overrides) -> dict:
    return {
        "title": "Hur får vi fler undersköterskor?",
        "purpose": "Vi vill samla kommunerna kring behovet.",
        "organisation": organisation.pk,
        "visibility": Thread.Visibility.INVITED,
        **overrides,
    }


def form(member, data) -> ThreadForm:
    return ThreadForm(data, organisations=posting_organisations(user=member), user=member)


def test_public_thread_refuses_invited_organisations(member, municipality, provider):
    public = form(
        member,
        thread_data(municipality, visibility=Thread.Visibility.PUBLIC, invited=[provider.pk]),
    )
    assert not public.is_valid()
    assert "En publik dialog kan alla läsa" in public.errors["invited"][0]

    restricted = form(member, thread_data(municipality, invited=[provider.pk]))
    assert restricted.is_valid(), restricted.errors
    assert restricted.cleaned_data["invited"] == [provider]

    public_alone = form(member, thread_data(municipality, visibility=Thread.Visibility.PUBLIC))
    assert public_alone.is_valid(), public_alone.errors


def test_unapproved_or_unknown_organisations_cannot_be_invited(member, municipality):
    proposed = OrganisationFactory(name="Föreslagen AB", is_approved=False)
    for value in [proposed.pk, 99999999, "abc"]:
        invalid = form(member, thread_data(municipality, invited=[value]))
        assert not invalid.is_valid()
        assert "finns inte i listan" in invalid.errors["invited"][0]
    typed = form(member, thread_data(municipality, **{"invited-lagg-till": "Föreslagen AB"}))
    assert not typed.is_valid()
    assert typed.errors["invited"] == ["Inget i listan passar ”Föreslagen AB”."]


def test_starting_a_restricted_thread_invites_by_typed_name(client, need, member, municipality):
    client.force_login(member)
    response = client.post(
        reverse("dialogue:start", args=[need.pk]),
        thread_data(municipality, **{"invited-lagg-till": "Timrå kommun"}),
    )
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert set(thread.participants.values_list("name", flat=True)) == {
        "Sundsvalls kommun",
        "Timrå kommun",
    }


def test_the_form_page_lists_no_organisations(client, need, member):
    client.force_login(member)
    html = client.get(reverse("dialogue:start", args=[need.pk])).text
    assert Organisation.objects.filter(is_approved=True).count() > 300
    assert 'data-chooser-url="/valj/organisationer/"' in html
    assert f'data-shown-when="visibility={Thread.Visibility.INVITED}"' in html
    assert html.count("<option") < 5
    assert "js/chooser.js" in html and "js/shown-when.js" in html
