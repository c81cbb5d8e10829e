"""Posting saves the post and answers normally whatever the mail server or the index does.

Notifications and e-mail are background work: the request only queues them. A refusing SMTP
server makes the mail task fail and retry later; a line break in a thread title never reaches
an e-mail header; an index that fails to update after the commit is logged, not raised.
"""

from types import SimpleNamespace

import environ
import pytest
from django.core import mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from portal.dialogue import services, tasks
from portal.dialogue.models import Contribution, EmailFrequency, Follow, Notification
from search import indexing
from tests.dialogue.conftest import contribution_data
from tests.factories import MembershipFactory, ThreadFactory
from tests.smtp import Inbox, serving


def direct_email_follower(need):
    reader = MembershipFactory().user
    Follow.objects.create(user=reader, need=need)
    services.set_email_frequency(user=reader, frequency=EmailFrequency.IMMEDIATELY)
    return reader


def delivery_over_smtp(port: int):
    smtp = environ.Env.email_url_config(f"smtp://127.0.0.1:{port}")
    smtp["EMAIL_DELIVERY_BACKEND"] = smtp.pop("EMAIL_BACKEND")
    smtp["EMAIL_TIMEOUT"] = 10
    return override_settings(**smtp)


@pytest.mark.django_db
def test_a_line_break_in_the_thread_title_never_fails_a_post_or_its_mail(
    client, need, member, municipality, run_on_commit
):
    thread = ThreadFactory(
        need=need, participants=[municipality], title="Rad ett\r\nBcc: inkraktare@example.se"
    )
    reader = direct_email_follower(need)
    client.force_login(member)
    for body in ("Första inlägget", "Andra inlägget"):
        data = contribution_data(municipality, body=body)
        response = run_on_commit(client.post, thread.get_url(), data)
        assert response.status_code == 302
    assert Contribution.objects.filter(thread=thread).count() == 2
    assert [message.to for message in mail.outbox] == [[reader.email]] * 2
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "Rad ett Bcc: inkraktare@example.se" in message.subject
        assert message.bcc == []


@pytest.mark.django_db
def test_a_failing_index_update_does_not_fail_the_post(
    client, need, member, municipality, run_on_commit, monkeypatch
):
    thread = ThreadFactory(need=need, participants=[municipality])
    synced = []

    def broken_sync(refs):
        synced.append(refs)
        raise RuntimeError("index trasigt")

    monkeypatch.setattr(indexing, "sync", broken_sync)
    client.force_login(member)
    response = run_on_commit(client.post, thread.get_url(), contribution_data(municipality))
    assert response.status_code == 302
    assert Contribution.objects.filter(thread=thread).count() == 1
    assert synced, "the post should have asked for an index update"


@pytest.mark.django_db
def test_a_queue_that_refuses_the_fan_out_does_not_fail_the_post(
    client, need, member, municipality, run_on_commit, monkeypatch
):
    thread = ThreadFactory(need=need, participants=[municipality])

    def refuse(**kwargs):
        raise ConnectionError("kön svarar inte")

    monkeypatch.setattr(tasks, "notify_followers", SimpleNamespace(enqueue=refuse))
    client.force_login(member)
    response = run_on_commit(client.post, thread.get_url(), contribution_data(municipality))
    assert response.status_code == 302
    assert Contribution.objects.filter(thread=thread).count() == 1


@pytest.mark.django_db
def test_a_refusing_mail_server_does_not_fail_the_post_even_without_a_worker(
    client, need, member, municipality, run_on_commit
):
    """``make run``: tasks run inside the request; the failed delivery is only logged."""
    thread = ThreadFactory(need=need, participants=[municipality])
    direct_email_follower(need)
    client.force_login(member)
    inbox = Inbox(refuse=True)
    with serving(inbox) as port, delivery_over_smtp(port):
        response = run_on_commit(client.post, thread.get_url(), contribution_data(municipality))
    assert response.status_code == 302
    assert Contribution.objects.filter(thread=thread).count() == 1
    assert inbox.refused == 1


@pytest.mark.django_db(transaction=True)
def test_a_refusing_mail_server_leaves_the_post_saved_and_the_mail_retried(
    portal_site, task_worker, client, need, member, municipality
):
    thread = ThreadFactory(need=need, participants=[municipality])
    reader = direct_email_follower(need)
    client.force_login(member)
    inbox = Inbox(refuse=True)
    with serving(inbox) as port, delivery_over_smtp(port):
        response = client.post(thread.get_url(), contribution_data(municipality))
        assert response.status_code == 302
        assert Contribution.objects.filter(thread=thread).count() == 1
        # The request only queued the fan-out: no notification yet, nothing sent.
        assert not Notification.objects.filter(recipient=reader).exists()
        fan_out = DBTaskResult.objects.get(task_path="portal.dialogue.tasks.notify_followers")
        assert fan_out.status == "READY"

        task_worker.run()
        assert Notification.objects.filter(recipient=reader).count() == 1
        assert inbox.refused == 1
        failed = DBTaskResult.objects.get(
            task_path="portal.outgoing_mail.deliver_email", status="FAILED"
        )
        assert failed.exception_class_path == "portal.retries.RetryScheduled"
        assert "SMTPDataError" in failed.traceback
        retry = DBTaskResult.objects.get(status="READY")
        assert retry.task_path == "portal.outgoing_mail.deliver_email"
        # Everything else the request queued (Wagtail's own tasks among them) has run.
        assert DBTaskResult.objects.exclude(status__in=["SUCCESSFUL", "READY"]).get() == failed
        assert retry.run_after > failed.finished_at

        # The server is back, the backoff has passed: the retry delivers the mail.
        inbox.refuse = False
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=failed.finished_at)
        task_worker.run()
    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == [reader.email]
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
