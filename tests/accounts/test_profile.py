"""Profile: name and title, e-mail never public, JSON export, account deletion."""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from accounts.models import Membership
from accounts.selectors import public_name
from search.models import SavedSearch
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(sundsvall):
    return MembershipFactory(organisation=sundsvall, user=UserFactory(mfa=True)).user


def save_search(user) -> SavedSearch:
    return SavedSearch.objects.create(
        user=user,
        query_string="q=v%C3%A4tgas",
        params={"q": "vätgas"},
        frequency=SavedSearch.Frequency.WEEKLY,
        seen_through=datetime.date(2026, 12, 1),
    )


def test_profile_shows_organisations_and_saves_name_and_title(client, member):
    client.force_login(member)
    page = client.get("/konto/profil/")
    assert "Sundsvalls kommun" in page.text
    assert "Godkänd" in page.text
    response = client.post(
        "/konto/profil/",
        {"first_name": "Sara", "last_name": "Lind", "title": "Utvecklingsstrateg"},
        follow=True,
    )
    assert "Dina uppgifter är sparade." in response.text
    member.refresh_from_db()
    assert (member.get_full_name(), member.profile.title) == ("Sara Lind", "Utvecklingsstrateg")


def test_empty_name_is_refused(client, member):
    client.force_login(member)
    response = client.post("/konto/profil/", {"first_name": "", "last_name": "Lind"})
    assert response.status_code == 200
    assert "Det här fältet är obligatoriskt" in response.text
    assert 'aria-invalid="true"' in response.text


def test_email_is_never_shown_publicly(client, sundsvall):
    admin = MembershipFactory(organisation=sundsvall, role=Membership.Role.ADMIN).user
    applicant = MembershipFactory(organisation=sundsvall, status="pending").user
    client.force_login(admin)
    page = client.get(f"/konto/organisationer/{sundsvall.pk}/")
    assert applicant.get_full_name() in page.text
    assert applicant.email not in page.text
    client.logout()
    assert applicant.email not in client.get(f"/konto/organisationer/{sundsvall.pk}/").text


def test_export_contains_everything_stored_about_the_user(client, member):
    save_search(member)
    client.force_login(member)
    response = client.get("/konto/profil/mina-uppgifter.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["konto"]["e-post"] == member.email
    assert data["konto"]["förnamn"] == member.first_name
    assert data["e-postadresser"] == [{"adress": member.email, "verifierad": True, "primär": True}]
    assert data["tvåstegsverifiering"] == ["totp"]
    assert data["medlemskap"][0]["organisation"] == "Sundsvalls kommun"
    assert [(row["sökning"], row["frekvens"]) for row in data["bevakningar"]] == [
        ("q=v%C3%A4tgas", "Varje vecka")
    ]


def test_export_requires_login(client):
    response = client.get("/konto/profil/mina-uppgifter.json")
    assert response.status_code == 302


def test_wrong_password_does_not_delete(client, member):
    client.force_login(member)
    response = client.post("/konto/profil/ta-bort/", {"password": "fel", "confirm": "on"})
    assert response.status_code == 200
    assert "Lösenordet stämmer inte." in response.text
    member.refresh_from_db()
    assert member.is_active


def test_deleting_the_account_erases_personal_data_but_keeps_the_row(client, member):
    save_search(member)
    client.force_login(member)
    response = client.post(
        "/konto/profil/ta-bort/", {"password": PASSWORD, "confirm": "on"}, follow=True
    )
    assert "Ditt konto är borttaget" in response.text
    assert "_auth_user_id" not in client.session

    member.refresh_from_db()
    assert not member.is_active
    assert (member.email, member.first_name, member.last_name) == ("", "", "")
    assert not member.has_usable_password()
    assert not EmailAddress.objects.filter(user=member).exists()
    assert not Authenticator.objects.filter(user=member).exists()
    assert not Membership.objects.filter(user=member).exists()
    assert not SavedSearch.objects.filter(user=member).exists()
    # What the person wrote keeps pointing at this row, which now reads "Borttagen användare".
    assert public_name(user=member) == "Borttagen användare"


def test_deleted_user_cannot_log_in(client, member):
    email = member.email
    client.force_login(member)
    client.post("/konto/profil/ta-bort/", {"password": PASSWORD, "confirm": "on"})
    response = client.post("/konto/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
