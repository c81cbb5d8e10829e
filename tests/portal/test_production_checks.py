"""System checks refuse PORTAL_MFA_REQUIRED=0 and ALLOWED_HOSTS=* under production settings."""

from django.core.checks import run_checks
from django.test import override_settings

from tests.portal.test_settings import PRODUCTION, run_manage

SECRET = "k3x!9vQz" * 8


def check_ids() -> set[str]:
    return {message.id for message in run_checks() if message.id.startswith("portal.")}


@override_settings(
    PORTAL_IS_PRODUCTION=True, PORTAL_MFA_REQUIRED=False, ALLOWED_HOSTS=["kompetensportalen.se"]
)
def test_production_refuses_mfa_turned_off():
    assert check_ids() == {"portal.E001"}


@override_settings(PORTAL_IS_PRODUCTION=True, ALLOWED_HOSTS=["kompetensportalen.se", "*"])
def test_production_refuses_any_host():
    assert check_ids() == {"portal.E002"}


@override_settings(PORTAL_IS_PRODUCTION=True, ALLOWED_HOSTS=["kompetensportalen.se"])
def test_production_with_mfa_and_named_hosts_passes():
    assert check_ids() == set()


@override_settings(PORTAL_MFA_REQUIRED=False, ALLOWED_HOSTS=["*"])
def test_other_settings_may_turn_mfa_off_and_accept_any_host():
    # The test settings accept any host and the local demo turns MFA off on purpose.
    assert check_ids() == set()


def test_manage_py_stops_on_both_under_production_settings():
    result = run_manage(
        "check",
        SECRET_KEY=SECRET,
        **{**PRODUCTION, "ALLOWED_HOSTS": "*", "PORTAL_MFA_REQUIRED": "0"},
    )
    assert result.returncode != 0
    assert "portal.E001" in result.stderr
    assert "portal.E002" in result.stderr
