"""Background work: queued e-mail, retries with backoff, the scheduler and the queue report.

Most tests here use the real database queue (``task_worker``): a task is enqueued, nothing
happens until the worker runs, then the effect is there.
"""

import datetime
import io

import pytest
from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import outgoing_mail, retries
from portal.dialogue.models import EmailFrequency, Notification, NotificationSettings
from portal.retries import MAX_ATTEMPTS, RETRY_DELAYS, retried_task
from tests.factories import CompetenceNeedPageFactory, ThreadFactory, UserFactory

# The task the retry tests run: it fails while FLAKY["failures_left"] > 0.
FLAKY = {"failures_left": 0, "calls": 0}


@retried_task()
def flaky(label: str) -> str:
    FLAKY["calls"] += 1
    if FLAKY["failures_left"] > 0:
        FLAKY["failures_left"] -= 1
        raise ConnectionError(f"tjänsten svarar inte ({label})")
    return f"klar: {label}"


@pytest.fixture
def failing(request):
    FLAKY.update(failures_left=request.param, calls=0)
    yield
    FLAKY.update(failures_left=0, calls=0)


def make_due() -> None:
    """Let the backoff pass: every waiting task becomes due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def rows() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path__endswith=".flaky").order_by("enqueued_at"))


# --- The queued e-mail backend --------------------------------------------------------------


def test_a_message_survives_the_queue_with_everything_it_carries():
    original = EmailMultiAlternatives(
        subject="Rad ett\r\nrad två\n",
        body="Hej!\nTvå rader i brödtexten får vara kvar.",
        from_email="Portalen <noreply@example.se>",
        to=["a@example.se"],
        cc=["b@example.se"],
        bcc=["c@example.se"],
        reply_to=["svar@example.se"],
        headers={"X-Dialog": "Rad ett\r\nBcc: inkraktare@example.se"},
    )
    original.attach_alternative("<p>Hej!</p>", "text/html")
    original.attach("data.bin", b"\x00\xff\x10", "application/octet-stream")
    original.attach("notis.txt", "åäö", "text/plain")

    restored = outgoing_mail.restore_message(outgoing_mail.serialise_message(original))

    assert restored.subject == "Rad ett rad två"
    assert restored.body == original.body
    assert (restored.from_email, restored.to, restored.cc, restored.bcc, restored.reply_to) == (
        original.from_email,
        original.to,
        original.cc,
        original.bcc,
        original.reply_to,
    )
    assert restored.extra_headers == {"X-Dialog": "Rad ett Bcc: inkraktare@example.se"}
    assert [tuple(a) for a in restored.alternatives] == [("<p>Hej!</p>", "text/html")]
    assert [tuple(a) for a in restored.attachments] == [
        ("data.bin", b"\x00\xff\x10", "application/octet-stream"),
        ("notis.txt", "åäö", "text/plain"),
    ]
    # Without the folding Django refuses the subject (BadHeaderError); now it renders.
    assert restored.message()["Subject"]


def test_every_mail_goes_through_the_queue_and_arrives_in_the_outbox(settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent = EmailMessage("Ämne\ni två rader", "Text", to=["mottagare@example.se"]).send()
    assert sent == 1
    (message,) = mail.outbox
    assert message.subject == "Ämne i två rader"


@pytest.mark.django_db(transaction=True)
def test_queued_mail_is_sent_only_when_the_worker_runs(task_worker):
    EmailMessage("Välkommen", "Text", to=["mottagare@example.se"]).send()
    assert mail.outbox == []
    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "portal.outgoing_mail.deliver_email"
    task_worker.run()
    assert [message.subject for message in mail.outbox] == ["Välkommen"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


# --- Retries with backoff -------------------------------------------------------------------


def test_backoff_grows_and_ends():
    assert [retries.retry_delay(attempt) for attempt in range(1, MAX_ATTEMPTS)] == list(
        RETRY_DELAYS
    )
    assert list(RETRY_DELAYS) == sorted(RETRY_DELAYS)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failing", [2], indirect=True)
def test_a_failing_task_is_retried_later_and_then_succeeds(task_worker, failing):
    flaky.enqueue("rapport")
    task_worker.run()

    first, second = rows()
    assert first.status == "FAILED"
    assert first.exception_class_path == "portal.retries.RetryScheduled"
    assert "ConnectionError" in first.traceback
    assert second.status == "READY"
    assert second.args_kwargs["kwargs"] == {retries.ATTEMPT_KWARG: 2}
    wait = second.run_after - first.finished_at
    assert RETRY_DELAYS[0] - datetime.timedelta(seconds=5) <= wait <= RETRY_DELAYS[0]

    task_worker.run()  # the backoff has not passed: nothing runs
    assert FLAKY["calls"] == 1

    make_due()
    task_worker.run()
    make_due()
    task_worker.run()
    assert [row.status for row in rows()] == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert rows()[-1].return_value == "klar: rapport"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failing", [100], indirect=True)
def test_a_task_gives_up_after_the_last_attempt_and_the_report_shows_it(task_worker, failing):
    flaky.enqueue("rapport")
    for _ in range(MAX_ATTEMPTS + 2):
        task_worker.run()
        make_due()
    assert FLAKY["calls"] == MAX_ATTEMPTS
    history = rows()
    assert [row.status for row in history] == ["FAILED"] * MAX_ATTEMPTS
    assert history[-1].exception_class_path == "builtins.ConnectionError"

    out = io.StringIO()
    with pytest.raises(CommandError, match="1 bakgrundsjobb har misslyckats för gott"):
        call_command("tasks_status", stdout=out)
    report = out.getvalue()
    assert f"misslyckade, nytt försök köat {MAX_ATTEMPTS - 1}" in report
    assert "misslyckade, gav upp 1" in report
    assert f"FEL flaky (försök {MAX_ATTEMPTS}, gav upp)" in report
    assert "ConnectionError: tjänsten svarar inte (rapport)" in report


@pytest.mark.django_db
@pytest.mark.parametrize("failing", [1], indirect=True)
def test_the_immediate_backend_records_a_failure_without_raising_or_retrying(failing):
    result = flaky.enqueue("rapport")
    assert result.status == "FAILED"
    assert result.errors[0].exception_class_path == "builtins.ConnectionError"
    assert FLAKY["calls"] == 1


@pytest.mark.django_db(transaction=True)
def test_the_report_lists_waiting_tasks(task_worker):
    flaky.using(run_after=timezone.now() + datetime.timedelta(hours=1)).enqueue("senare")
    out = io.StringIO()
    call_command("tasks_status", stdout=out)
    assert "schemalagda senare 1" in out.getvalue()
    assert "flaky (försök 1): köad, tidigast" in out.getvalue()


def test_the_report_explains_that_the_immediate_backend_keeps_no_queue():
    out = io.StringIO()
    call_command("tasks_status", stdout=out)
    assert "det finns ingen kö" in out.getvalue()


# --- The scheduler --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_run_scheduler_queues_the_digests_once_and_the_worker_sends_them(portal_site, task_worker):
    reader = UserFactory()
    NotificationSettings.objects.create(user=reader, email_frequency=EmailFrequency.DAILY)
    thread = ThreadFactory(need=CompetenceNeedPageFactory(region="22"))
    Notification.objects.create(
        recipient=reader, thread=thread, kind=Notification.Kind.CONTRIBUTION, text="Nytt"
    )

    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    call_command("run_scheduler", "--once", stdout=out)
    assert out.getvalue().splitlines() == [
        "send_digests: köad.",
        "send_search_alerts: köad.",
        "prune_task_results: köad.",
        "send_digests: väntar redan i kön, köas inte igen.",
        "send_search_alerts: väntar redan i kön, köas inte igen.",
        "prune_task_results: väntar redan i kön, köas inte igen.",
    ]
    assert mail.outbox == []
    task_worker.run()
    assert [message.to for message in mail.outbox] == [[reader.email]]
    assert DBTaskResult.objects.exclude(status="SUCCESSFUL").count() == 0

    # Two days later the next round prunes what finished then (queued mail holds its text).
    finished = set(DBTaskResult.objects.values_list("pk", flat=True))
    DBTaskResult.objects.update(finished_at=timezone.now() - datetime.timedelta(days=2))
    call_command("run_scheduler", "--once", stdout=io.StringIO())
    task_worker.run()
    assert not DBTaskResult.objects.filter(pk__in=finished).exists()
    # The round's own three: digests, search alerts, pruning.
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3
