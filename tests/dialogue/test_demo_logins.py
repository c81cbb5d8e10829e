"""``ensure_demo_logins``: one user per role for ``make run``, never with production settings."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import Membership, OrganisationKind
from content.models import Region
from content.site_structure import CURATOR_GROUP_NAME
from portal.dialogue.demo_logins import DEMO_LOGIN_DOMAIN, DEMO_PASSWORD
from tests.factories import OrganisationFactory
from tests.subprocesses import run_python, shared_database_url

DEMO_EMAILS = [
    f"{local_part}@{DEMO_LOGIN_DOMAIN}"
    for local_part in ("redaktor", "kurator", "kommun", "utbildning")
]


def _run() -> str:
    out = io.StringIO()
    call_command("ensure_demo_logins", stdout=out)
    return out.getvalue()


@pytest.fixture
def education_provider(portal_site):
    return OrganisationFactory(
        name="Yrkeshögskolan Mitt",
        kind=OrganisationKind.EDUCATION_PROVIDER,
        region=Region.objects.get(code="22"),
    )


@pytest.mark.django_db
def test_four_roles_with_the_printed_password_in_their_groups_and_organisations(
    settings, education_provider
):
    settings.DEBUG = True
    output = _run()
    assert f"lösenord för alla: {DEMO_PASSWORD}" in output
    users = {user.email: user for user in get_user_model().objects.filter(email__in=DEMO_EMAILS)}
    assert sorted(users) == sorted(DEMO_EMAILS)
    for email, user in users.items():
        assert email in output
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.filter(user=user, email=email, verified=True).exists()

    editor = users[f"redaktor@{DEMO_LOGIN_DOMAIN}"]
    assert list(editor.groups.values_list("name", flat=True)) == [
        "Redaktör – Region Västernorrland"
    ]
    curator = users[f"kurator@{DEMO_LOGIN_DOMAIN}"]
    assert list(curator.groups.values_list("name", flat=True)) == [CURATOR_GROUP_NAME]
    municipal = Membership.objects.get(user=users[f"kommun@{DEMO_LOGIN_DOMAIN}"])
    assert municipal.organisation.kind == OrganisationKind.MUNICIPALITY
    assert municipal.organisation.region.code == "22"
    assert municipal.status == Membership.Status.APPROVED
    teacher = Membership.objects.get(user=users[f"utbildning@{DEMO_LOGIN_DOMAIN}"])
    assert teacher.organisation == education_provider
    assert teacher.status == Membership.Status.APPROVED

    # A second run (every make run) changes nothing and restores a changed password.
    editor.set_password("något-annat-lösenord")
    editor.save()
    _run()
    assert get_user_model().objects.filter(email__in=DEMO_EMAILS).count() == 4
    assert Membership.objects.filter(user__email__in=DEMO_EMAILS).count() == 2
    editor.refresh_from_db()
    assert editor.check_password(DEMO_PASSWORD)


@pytest.mark.django_db
@pytest.mark.parametrize("production, debug", [(True, True), (False, False)])
def test_skipped_without_debug_or_with_production_settings(
    settings, education_provider, production, debug
):
    settings.PORTAL_IS_PRODUCTION = production
    settings.DEBUG = debug
    output = _run()
    assert "Demoinloggningar skapas inte" in output
    assert DEMO_PASSWORD not in output
    assert not get_user_model().objects.filter(email__in=DEMO_EMAILS).exists()


@pytest.mark.django_db(transaction=True)
def test_the_real_production_settings_skip_it_even_with_debug_on(education_provider):
    result = run_python(
        "manage.py",
        "ensure_demo_logins",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="k3x!9vQz" * 8,
        ALLOWED_HOSTS="kompetensportalen.se",
        DATABASE_URL=shared_database_url(),
        DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert "Demoinloggningar skapas inte" in result.stdout
    assert DEMO_PASSWORD not in result.stdout
    assert not get_user_model().objects.filter(email__in=DEMO_EMAILS).exists()
