"""All 21 regions and 290 municipalities exist as organisations, idempotently."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from accounts.models import Organisation, OrganisationKind
from accounts.services import sync_reference_organisations

pytestmark = pytest.mark.django_db


def test_every_region_and_municipality_is_an_organisation():
    assert Organisation.objects.filter(kind=OrganisationKind.REGION).count() == 21
    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).count() == 290
    sundsvall = Organisation.objects.get(municipality__code="2281")
    assert sundsvall.name == "Sundsvalls kommun"
    assert sundsvall.region.code == "22"
    assert Organisation.objects.get(municipality__code="1490").name == "Borås kommun"
    assert Organisation.objects.get(municipality__code="2480").name == "Umeå kommun"
    assert Organisation.objects.get(municipality__code="2080").name == "Falu kommun"
    assert Organisation.objects.get(region__code="22", kind="region").name == (
        "Region Västernorrland"
    )


def test_running_again_changes_nothing_and_keeps_staff_edits():
    sundsvall = Organisation.objects.get(municipality__code="2281")
    sundsvall.website = "https://sundsvall.se"
    sundsvall.organisation_number = "212000-2411"
    sundsvall.save()
    before = Organisation.objects.count()

    result = sync_reference_organisations()

    assert (result.created, result.renamed) == (0, 0)
    assert Organisation.objects.count() == before
    sundsvall.refresh_from_db()
    assert sundsvall.website == "https://sundsvall.se"


def test_a_missing_organisation_is_recreated(capsys):
    Organisation.objects.get(municipality__code="2281").delete()
    call_command("sync_organisations")
    assert "1 skapade" in capsys.readouterr().out
    assert Organisation.objects.filter(municipality__code="2281").exists()


def test_curators_may_manage_organisations_and_memberships():
    curators = Group.objects.get(name="Tillväxtverket – kurator")
    codenames = set(curators.permissions.values_list("codename", flat=True))
    assert {"add_organisation", "change_organisation", "change_membership"} <= codenames
