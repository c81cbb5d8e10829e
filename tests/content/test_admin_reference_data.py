"""The classifications are visible and searchable in the admin, and read-only there."""

import pytest

from content.models import Municipality, Region
from tests.factories import SuperuserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(SuperuserFactory(mfa=True))
    return client


def test_listing_and_search(admin_client):
    response = admin_client.get("/admin/snippets/content/region/")
    assert response.status_code == 200
    assert "Region Stockholm" in response.text
    response = admin_client.get("/admin/snippets/content/municipality/", {"q": "Sundsvall"})
    assert response.status_code == 200
    assert "Sundsvall" in response.text
    assert "Upplands Väsby" not in response.text


def test_inspect_view_shows_the_code(admin_client):
    region = Region.objects.get(code="22")
    response = admin_client.get(f"/admin/snippets/content/region/inspect/{region.pk}/")
    assert response.status_code == 200
    assert "Västernorrlands län" in response.text


def test_even_a_superuser_cannot_add_edit_or_delete(admin_client):
    municipality = Municipality.objects.get(code="2281")
    for url in (
        "/admin/snippets/content/municipality/add/",
        f"/admin/snippets/content/municipality/edit/{municipality.pk}/",
        f"/admin/snippets/content/municipality/delete/{municipality.pk}/",
    ):
        response = admin_client.get(url)
        assert response.status_code in (302, 403), url
    response = admin_client.post(
        f"/admin/snippets/content/municipality/edit/{municipality.pk}/",
        {"code": "9999", "name": "Ändrad", "region": municipality.region_id},
    )
    municipality.refresh_from_db()
    assert (municipality.code, municipality.name) == ("2281", "Sundsvall")


def test_curators_can_view_reference_data(client):
    client.force_login(UserFactory(groups=["Tillväxtverket – kurator"], mfa=True))
    response = client.get("/admin/snippets/content/occupation/", {"q": "undersköterskor"})
    assert response.status_code == 200
    assert "5321" in response.text
