"""Sign-up by e-mail with a mandatory verification code, and its bad input."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.accounts.conftest import messages_to, verification_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/konto/signup/"
STRONG_PASSWORD = "Kompetens-Vaxer-2026"


@pytest.fixture
def client_factory():
    return Client


def signup(client, **overrides):
    data = {
        "first_name": "Sara",
        "last_name": "Lind",
        "email": "sara.lind@sundsvall.se",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        **overrides,
    }
    return client.post(SIGNUP_URL, data)


def test_signup_page_is_swedish_and_in_the_portal_layout(client):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    assert '<html lang="sv">' in response.text
    assert "Skapa konto" in response.text
    assert 'aria-label="Huvudmeny"' in response.text
    assert '<label for="id_email">E-postadress' in response.text


def test_signup_sends_a_code_and_verifying_it_logs_the_user_in(client):
    response = signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="sara.lind@sundsvall.se")
    assert (user.first_name, user.last_name) == ("Sara", "Lind")
    assert not user.emailaddress_set.get().verified

    (message,) = messages_to("sara.lind@sundsvall.se")
    assert "Kompetensförsörjningsportalen" in message.subject
    code = verification_code(message)

    page = client.get(response.url)
    assert page.status_code == 200
    response = client.post(response.url, {"code": code})
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified
    assert client.get("/konto/profil/").status_code == 200


def test_wrong_code_is_refused_in_swedish(client):
    response = signup(client)
    page = client.post(response.url, {"code": "AAAAAA"})
    assert page.status_code == 200
    assert "Koden är fel. Kontrollera den och försök igen." in page.text
    user = get_user_model().objects.get(email="sara.lind@sundsvall.se")
    assert not user.emailaddress_set.get().verified


def test_expired_code_is_refused_and_changes_nothing(client, monkeypatch):
    response = signup(client)
    code = verification_code(mail.outbox[-1])
    later = time.time() + 16 * 60
    monkeypatch.setattr("allauth.account.internal.flows.code_verification.time.time", lambda: later)
    page = client.post(response.url, {"code": code}, follow=True)
    assert page.status_code == 200
    user = get_user_model().objects.get(email="sara.lind@sundsvall.se")
    assert not user.emailaddress_set.get().verified
    assert page.redirect_chain[-1][0] == "/konto/login/"
    assert "Verifieringskoden gäller inte längre" in page.text
    assert client.get("/konto/profil/").status_code == 302


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "inte-en-adress"}, "Fyll i en giltig e-postadress."),
        ({"password1": "kort", "password2": "kort"}, "minst 10 tecken"),
        ({"password1": "1234567890123", "password2": "1234567890123"}, "numeriskt"),
        ({"password1": "password123", "password2": "password123"}, "för vanligt"),
        ({"password2": "Nagot-Annat-2026"}, "samma lösenord"),
        ({"first_name": ""}, "Det här fältet är obligatoriskt"),
    ],
)
def test_bad_input_gives_a_swedish_message_and_creates_nothing(client, overrides, message):
    response = signup(client, **overrides)
    assert response.status_code == 200
    assert message in response.text
    assert 'aria-invalid="true"' in response.text
    assert not get_user_model().objects.filter(email="sara.lind@sundsvall.se").exists()
    assert mail.outbox == []


def test_duplicate_email_does_not_reveal_the_account_but_tells_its_owner(client_factory):
    existing = UserFactory(email="sara.lind@sundsvall.se")
    unknown = signup(client_factory(), email="ny.person@sundsvall.se")
    mail.outbox.clear()
    duplicate = signup(client_factory())

    # The visitor sees exactly what a new address gets: no enumeration.
    assert duplicate.status_code == unknown.status_code == 302
    assert duplicate.url == unknown.url
    assert get_user_model().objects.filter(email__iexact=existing.email).count() == 1
    (message,) = messages_to(existing.email)
    assert "redan" in message.body


def test_signup_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for number in range(2):
        assert signup(client, email=f"person{number}@example.se").status_code == 302
        client.logout()
    response = signup(client, email="person3@example.se")
    assert response.status_code == 429
    assert "För många försök" in response.text
