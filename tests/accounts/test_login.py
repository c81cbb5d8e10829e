"""Login by e-mail: no enumeration, rate limits, password reset, and the admin's entrance."""

import pytest
from django.core import mail

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/login/"
WRONG_LOGIN = "E-postadressen eller lösenordet är fel."


def login(client, email, password=PASSWORD):
    return client.post(LOGIN_URL, {"login": email, "password": password})


def test_login_page_is_swedish_and_labelled(client):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    assert "<h1>Logga in</h1>" in response.text
    assert '<label for="id_login">E-postadress' in response.text
    assert '<label for="id_password">Lösenord' in response.text


def test_login_with_email_and_password(client):
    user = UserFactory()
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.url == "/konto/profil/"


def test_unknown_address_and_wrong_password_get_the_same_answer(client):
    user = UserFactory()
    unknown = login(client, "finns.inte@example.se")
    wrong = login(client, user.email, "fel-losenord-123")
    assert unknown.status_code == wrong.status_code == 200
    assert WRONG_LOGIN in unknown.text
    assert WRONG_LOGIN in wrong.text
    assert "_auth_user_id" not in client.session


def test_unverified_address_must_be_verified_before_login(client):
    user = UserFactory(verified=False)
    response = login(client, user.email)
    assert response.status_code == 302
    assert response.url == "/konto/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_repeated_wrong_passwords_are_rate_limited(client):
    user = UserFactory()
    for _ in range(5):
        assert login(client, user.email, "fel-losenord-123").status_code == 200
    # Even the right password is refused until the lock has passed.
    blocked = login(client, user.email)
    assert blocked.status_code == 200
    assert "För många misslyckade inloggningsförsök" in blocked.text
    assert "_auth_user_id" not in client.session


def test_login_is_rate_limited_per_ip(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    for number in range(3):
        login(client, f"person{number}@example.se")
    blocked = login(client, "person4@example.se")
    assert blocked.status_code == 429
    assert "För många försök" in blocked.text


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client):
    user = UserFactory()
    known = client.post("/konto/password/reset/", {"email": user.email})
    unknown = client.post("/konto/password/reset/", {"email": "finns.inte@example.se"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert client.get(known.url).status_code == 200
    reset_mail = next(message for message in mail.outbox if user.email in message.to)
    assert "/konto/password/reset/key/" in reset_mail.body


def test_password_reset_link_sets_a_new_password(client):
    user = UserFactory()
    client.post("/konto/password/reset/", {"email": user.email})
    (message,) = mail.outbox
    link = next(word for word in message.body.split() if "/konto/password/reset/key/" in word)
    path = link.split("127.0.0.1:8000", 1)[-1]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    new_password = "Nytt-Starkt-Losenord-2026"
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path,
        {"password1": new_password, "password2": new_password},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_wagtail_login_form_is_not_served(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url.startswith("/konto/admin-inloggning/")
    forwarded = client.get(response.url)
    assert forwarded.status_code == 302
    assert forwarded.url == "/konto/login/?next=/admin/pages/"


def test_admin_sends_anonymous_visitors_through_allauth(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/konto/login/?next=/admin/"


def test_signed_in_user_without_admin_rights_is_told_so(client):
    client.force_login(UserFactory())
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "Ingen behörighet till administrationen" in response.text
