"""Line breaks never reach a single-line field (issue 11).

A thread title with CR/LF was saved; the request then answered 500, and so did every later post
in the thread, when a follower had direct e-mail (BadHeaderError on the subject).
"""

import inspect

import pytest
from django import forms
from django.core import mail
from django.urls import reverse

import accounts.forms
import portal.dialogue.forms
from accounts.models import Organisation, OrganisationKind
from portal.dialogue import services
from portal.dialogue.models import EmailFrequency, Follow, Thread
from portal.forms import SingleLineFieldsMixin, single_line
from tests.dialogue.conftest import contribution_data
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CRAFTED_TITLE = "Vårdens behov\r\nBcc: alla@example.se\n\u2028Del två\x0b\x85slut"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("En rad", "En rad"),
        ("Två\r\nrader", "Två rader"),
        ("Tre \n\n rader \r mitt", "Tre rader mitt"),
        ("Separatorer\u2028och\u2029stycken", "Separatorer och stycken"),
        ("Styr\x0btecken\x0c\x1c\x85\x01kvar", "Styr tecken kvar"),
        ("\r\n  kant  \n", "kant"),
        ("Å, ä och ö  med  dubbla mellanslag", "Å, ä och ö  med  dubbla mellanslag"),
    ],
)
def test_single_line_turns_breaks_and_control_characters_into_one_space(raw, expected):
    assert single_line(raw) == expected


def _portal_forms():
    for module in (accounts.forms, portal.dialogue.forms):
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                yield pytest.param(value, id=f"{module.__name__}.{name}")


@pytest.mark.parametrize("form_class", list(_portal_forms()))
def test_every_dialogue_and_account_form_normalises_its_single_line_fields(form_class):
    assert issubclass(form_class, SingleLineFieldsMixin)
    assert form_class.__mro__.index(SingleLineFieldsMixin) < form_class.__mro__.index(
        forms.BaseForm
    )


def test_a_title_with_line_breaks_is_saved_on_one_line_and_mail_still_goes_out(
    client, need, member, municipality, django_capture_on_commit_callbacks
):
    reader = MembershipFactory().user
    Follow.objects.create(user=reader, need=need)
    services.set_email_frequency(user=reader, frequency=EmailFrequency.IMMEDIATELY)
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dialogue:start", args=[need.pk]),
            {
                "title": CRAFTED_TITLE,
                "purpose": "Första raden.\n\nAndra stycket.",
                "organisation": municipality.pk,
                "visibility": Thread.Visibility.PUBLIC,
            },
        )
    assert response.status_code == 302
    thread = Thread.objects.get()
    assert thread.title == "Vårdens behov Bcc: alla@example.se Del två slut"
    # A textarea keeps its paragraphs.
    assert thread.purpose == "Första raden.\n\nAndra stycket."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(thread.get_url(), contribution_data(municipality))
    assert response.status_code == 302
    assert mail.outbox
    assert all("\n" not in message.subject for message in mail.outbox)
    assert all(message.to == [reader.email] for message in mail.outbox)


def test_commitment_fields_are_single_line(client, need, member, municipality):
    thread = services.start_thread(
        user=member,
        need=need,
        organisation=municipality,
        title="Åtaganden",
        purpose="Vem gör vad?",
        visibility=Thread.Visibility.PUBLIC,
    )
    client.force_login(member)
    response = client.post(
        thread.get_url(),
        contribution_data(
            municipality,
            kind="atagande",
            commitment_what="Fler\r\nplatser",
            commitment_who="Kommunen\nSubject: x",
            commitment_due="2027-01-01",
        ),
    )
    assert response.status_code == 302
    contribution = thread.contributions.get()
    assert (contribution.commitment_what, contribution.commitment_who) == (
        "Fler platser",
        "Kommunen Subject: x",
    )


def test_a_title_of_only_control_characters_is_refused(client, need, member, municipality):
    client.force_login(member)
    response = client.post(
        reverse("dialogue:start", args=[need.pk]),
        {
            "title": "\x0b\x85\x01",
            "purpose": "Syfte",
            "organisation": municipality.pk,
            "visibility": Thread.Visibility.PUBLIC,
        },
    )
    assert response.status_code == 200
    assert "Skriv en rubrik." in response.text
    assert not Thread.objects.exists()


def test_profile_names_are_single_line(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/konto/profil/",
        {"first_name": "Sara\r\nBcc: x@example.se", "last_name": "Lind\n", "title": "A\rB"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.profile.title) == (
        "Sara Bcc: x@example.se",
        "Lind",
        "A B",
    )


def test_a_proposed_organisation_name_is_single_line(client):
    client.force_login(UserFactory())
    response = client.post(
        "/konto/organisationer/ny/",
        {
            "name": "Mittuniversitetet\r\nSubject: hej",
            "kind": OrganisationKind.EDUCATION_PROVIDER,
            "education_kind": "universitet",
            "organisation_number": "2021005489",
            "website": "miun.se",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Mittuniversitetet Subject: hej").exists()
