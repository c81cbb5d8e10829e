"""Shared set-up of the dialogue tests: a need in Region Västernorrland and its actors."""

import pytest
from django.test import override_settings

from accounts.models import EducationProviderKind, Organisation, OrganisationKind
from tests.factories import CompetenceNeedPageFactory, MembershipFactory, OrganisationFactory

REGION_A, REGION_B = "22", "09"
EDITOR_A = "Redaktör – Region Västernorrland"
EDITOR_B = "Redaktör – Region Gotland"
CURATOR = "Tillväxtverket – kurator"


@pytest.fixture
def need(db):
    return CompetenceNeedPageFactory(region=REGION_A, title="Undersköterskor i Västernorrland")


@pytest.fixture
def region_org(db):
    return Organisation.objects.get(kind=OrganisationKind.REGION, region__code=REGION_A)


@pytest.fixture
def municipality(db):
    return Organisation.objects.get(kind=OrganisationKind.MUNICIPALITY, municipality__code="2281")


@pytest.fixture
def provider(db):
    return OrganisationFactory(
        name="Yrkeshögskolan Mitt",
        kind=OrganisationKind.EDUCATION_PROVIDER,
        education_kind=EducationProviderKind.HIGHER_VOCATIONAL,
    )


@pytest.fixture
def member(municipality):
    return MembershipFactory(organisation=municipality).user


@pytest.fixture
def teacher(provider):
    return MembershipFactory(organisation=provider).user


@pytest.fixture
def no_rate_limit():
    with override_settings(DIALOGUE_POSTS_PER_10_MINUTES=10_000):
        yield


def contribution_data(organisation, **overrides) -> dict:
    """The contribution form as a browser would post it, with a fresh submission key."""
    import uuid

    return {
        "kind": "inspel",
        "organisation": organisation.pk,
        "body": "Vi ser samma behov i vår kommun.",
        "link": "",
        "commitment_what": "",
        "commitment_who": "",
        "commitment_due": "",
        "parent": "",
        "submission_key": str(uuid.uuid4()),
        **overrides,
    }
