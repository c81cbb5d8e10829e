"""MFA: required before the admin for editors, curators and superusers; optional for others."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.test import override_settings

from tests.accounts.totp import totp_code
from tests.factories import PASSWORD, SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db

EDITOR_GROUP = "Redaktör – Region Västernorrland"
CURATOR_GROUP = "Tillväxtverket – kurator"
ACTIVATE_URL = "/konto/2fa/totp/activate/"
REAUTHENTICATE_URL = "/konto/reauthenticate/?next=%2Fkonto%2F2fa%2Ftotp%2Factivate%2F"


def login(client, user):
    return client.post("/konto/login/", {"login": user.email, "password": PASSWORD})


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: UserFactory(groups=[EDITOR_GROUP]),
        lambda: UserFactory(groups=[CURATOR_GROUP]),
        SuperuserFactory,
    ],
    ids=["region editor", "curator", "superuser"],
)
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/snippets/"])
def test_no_admin_page_without_mfa(client, make_user, path):
    client.force_login(make_user())
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == ACTIVATE_URL
    # allauth asks for the password again before an authenticator can be added.
    page = client.get(ACTIVATE_URL, follow=True)
    assert page.redirect_chain == [(REAUTHENTICATE_URL, 302)]
    assert "måste därför använda tvåstegsverifiering" in page.text


def test_enrolled_editor_reaches_the_admin(client):
    client.force_login(UserFactory(groups=[EDITOR_GROUP], mfa=True))
    assert client.get("/admin/").status_code == 200


@override_settings(PORTAL_MFA_REQUIRED=False)
def test_the_requirement_can_be_turned_off_explicitly(client):
    client.force_login(UserFactory(groups=[EDITOR_GROUP]))
    assert client.get("/admin/").status_code == 200


def test_mfa_is_optional_for_members_of_the_public(client):
    client.force_login(UserFactory())
    assert client.get("/konto/profil/").status_code == 200
    assert client.get("/konto/organisationer/").status_code == 200


def enrol_start(client, user):
    """Log in, get sent from the admin to MFA set-up, confirm the password again."""
    assert login(client, user).status_code == 302
    assert client.get("/admin/").url == ACTIVATE_URL
    assert client.get(ACTIVATE_URL).url == REAUTHENTICATE_URL
    confirmed = client.post(REAUTHENTICATE_URL, {"password": PASSWORD})
    assert confirmed.status_code == 302
    return client.get(ACTIVATE_URL)


def test_editor_enrols_totp_and_then_reaches_the_admin(client):
    editor = UserFactory(groups=[EDITOR_GROUP])
    form = enrol_start(client, editor)
    assert form.status_code == 200
    assert "Aktivera" in form.text
    secret = client.session[SECRET_SESSION_KEY]

    wrong = client.post(ACTIVATE_URL, {"code": "000000"})
    assert wrong.status_code == 200
    assert "Koden är fel. Kontrollera den och försök igen." in wrong.text
    assert not Authenticator.objects.filter(user=editor).exists()

    done = client.post(ACTIVATE_URL, {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_login_asks_for_the_code_and_refuses_a_wrong_one(client):
    editor = UserFactory(groups=[EDITOR_GROUP], mfa=True)
    response = login(client, editor)
    assert response.status_code == 302
    assert response.url == "/konto/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    wrong = client.post(response.url, {"code": totp_code(editor.totp_secret, offset_periods=10)})
    assert wrong.status_code == 200
    assert "Koden är fel. Kontrollera den och försök igen." in wrong.text
    assert "_auth_user_id" not in client.session

    right = client.post(response.url, {"code": totp_code(editor.totp_secret)})
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(("offset", "accepted"), [(-1, True), (1, True), (-2, False), (2, False)])
def test_a_code_one_period_off_is_accepted_two_periods_off_is_not(client, offset, accepted):
    editor = UserFactory(groups=[EDITOR_GROUP], mfa=True)
    response = login(client, editor)
    answer = client.post(
        response.url, {"code": totp_code(editor.totp_secret, offset_periods=offset)}
    )
    assert (answer.status_code == 302) is accepted
    assert ("_auth_user_id" in client.session) is accepted


def test_recovery_codes_are_offered_after_enrolment(client):
    editor = UserFactory(groups=[EDITOR_GROUP])
    enrol_start(client, editor)
    client.post(ACTIVATE_URL, {"code": totp_code(client.session[SECRET_SESSION_KEY])})
    response = client.get("/konto/2fa/recovery-codes/")
    assert response.status_code == 200
    assert Authenticator.objects.filter(
        user=editor, type=Authenticator.Type.RECOVERY_CODES
    ).exists()
