"""The production e-mail path: EMAIL_URL -> Django's SMTP backend -> a real SMTP server.

The test starts aiosmtpd on a free local port and collects what arrives.
"""

from email import message_from_bytes
from email.header import decode_header, make_header

import environ
import pytest
from django.test import override_settings

from accounts import services
from accounts.models import Membership
from tests.factories import MembershipFactory, UserFactory
from tests.smtp import Inbox, serving
from tests.subprocesses import run_python


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with serving(inbox) as port:
        yield inbox, port


def subject_of(envelope) -> str:
    return str(make_header(decode_header(message_from_bytes(envelope.content)["Subject"])))


def test_email_url_configures_smtp_for_manage_py(smtp_server):
    inbox, port = smtp_server
    result = run_python(
        "manage.py", "sendtestemail", "mottagare@example.se", EMAIL_URL=f"smtp://127.0.0.1:{port}"
    )
    assert result.returncode == 0, result.stderr
    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["mottagare@example.se"]
    assert "noreply@kompetensportalen.se" in envelope.mail_from


@pytest.mark.django_db
def test_membership_decision_is_delivered_over_smtp(
    smtp_server, sundsvall, django_capture_on_commit_callbacks
):
    inbox, port = smtp_server
    smtp_settings = environ.Env.email_url_config(f"smtp://127.0.0.1:{port}")
    # EMAIL_URL configures the backend the mail task delivers through, as in base settings.
    smtp_settings["EMAIL_DELIVERY_BACKEND"] = smtp_settings.pop("EMAIL_BACKEND")
    applicant = UserFactory(email="sara.lind@sundsvall.se")
    membership = MembershipFactory(
        user=applicant, organisation=sundsvall, status=Membership.Status.PENDING
    )
    curator = UserFactory(groups=["Tillväxtverket – kurator"])
    with (
        override_settings(**smtp_settings),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.decide_membership(membership=membership, decided_by=curator, approve=True)
    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["sara.lind@sundsvall.se"]
    assert subject_of(envelope).endswith("Du är nu medlem i Sundsvalls kommun")
