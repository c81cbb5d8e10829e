"""Search alerts ("Bevaka sökningen"): saving from /sok/, the mail of new hits through the task
and the command, the signed unsubscribe link, and "Mina bevakningar" in the profile."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from search import alerts
from search import tasks as search_tasks
from search.engines.base import Hit
from search.models import SavedSearch
from tests.factories import AnalysisPageFactory, CompetenceNeedPageFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def publish(portal_site, django_capture_on_commit_callbacks):
    """Publishes an analysis and lets the index see it, as after a real publish."""

    def create(title: str, *, region: str = "22", published: datetime.date = TODAY):
        with django_capture_on_commit_callbacks(execute=True):
            return AnalysisPageFactory(title=title, region=region, published_date=published)

    return create


@pytest.fixture
def reader(portal_site):
    return UserFactory(email="lasare@example.se")


@pytest.fixture
def reader_client(reader) -> Client:
    client = Client()
    client.force_login(reader)
    return client


def save(client: Client, frequency: str = "daily", **data) -> object:
    return client.post("/sok/bevaka/", {"frequency": frequency, **data})


def send(*args: str) -> str:
    out = io.StringIO()
    call_command("send_search_alerts", *args, stdout=out)
    return out.getvalue()


# --- Saving -------------------------------------------------------------------------------------


def test_saving_requires_login(portal_site):
    response = save(Client(), q="vätgas", region="22")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    assert not SavedSearch.objects.exists()


def test_saving_requires_a_csrf_token(reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert save(client, q="vätgas").status_code == 403
    assert not SavedSearch.objects.exists()


def test_the_saved_search_is_normalised_and_saved_once(reader, reader_client):
    response = save(
        reader_client,
        q="  vätgas   elektriker ",
        region=["22", " 01", "99"],
        type="analysis",
        sort="newest",
        page="3",
        other="x",
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/sok/?")
    alert = SavedSearch.objects.get()
    # Only words and known filters, in the parser's order; unknown values, order and page go.
    assert alert.query_string == "q=v%C3%A4tgas+elektriker&type=analysis&region=01&region=22"
    assert alert.params == {
        "q": "  vätgas   elektriker ",
        "filters": {"region": ["01", "22"], "type": ["analysis"]},
    }
    assert (alert.user, alert.frequency) == (reader, "daily")

    # The same search in another order only changes the frequency.
    save(reader_client, "weekly", region=["22", "01"], q="vätgas elektriker", type="analysis")
    assert SavedSearch.objects.get().frequency == "weekly"


def test_a_search_without_words_or_filters_is_not_saved(reader_client):
    response = save(reader_client, q='" -')
    assert response.status_code == 302
    assert not SavedSearch.objects.exists()
    page = reader_client.get(response["Location"])
    assert "Skriv ett sökord eller välj ett filter" in page.content.decode()


def test_an_unknown_frequency_is_refused(reader_client):
    save(reader_client, "hourly", q="vätgas")
    assert not SavedSearch.objects.exists()


def test_the_search_page_offers_the_alert(reader_client, publish):
    publish("Vätgas i norr")
    anonymous = Client().get("/sok/", {"q": "vätgas"}).content.decode()
    assert "Logga in för att bevaka sökningen" in anonymous
    assert 'action="/sok/bevaka/"' not in anonymous
    # The Atom feed stays, named in plain Swedish.
    assert "Följ sökningen i en nyhetsläsare (Atom)" in anonymous

    page = reader_client.get("/sok/", {"q": "vätgas", "region": "22"}).content.decode()
    assert 'action="/sok/bevaka/"' in page
    assert "Varje dag" in page and "Varje vecka" in page
    assert ">Bevaka sökningen</button>" in page
    save(reader_client, q="vätgas", region="22")
    page = reader_client.get("/sok/", {"q": "vätgas", "region": "22"}).content.decode()
    assert "Du bevakar den här sökningen" in page
    assert ">Ändra bevakningen</button>" in page


# --- Mailing new hits ---------------------------------------------------------------------------


def test_a_new_matching_publication_is_mailed_once(reader_client, publish):
    publish("Vätgas före bevakningen")
    save(reader_client, q="vätgas", region="22")
    new = publish("Vätgas i stålindustrin")
    publish("Vätgas i Stockholm", region="01")  # another region: not the saved search
    publish("Batterier i Skellefteå")  # other words

    assert send() == "Mejl om bevakade sökningar skickade: 1.\n"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lasare@example.se"]
    assert "1 ny träff för din bevakning" in message.subject
    assert "Vätgas i stålindustrin" in message.body
    assert f"\n- Vätgas i stålindustrin\n  {settings.WAGTAILADMIN_BASE_URL}{new.url}\n" in (
        message.body
    )
    for not_sent in ("Vätgas före bevakningen", "Vätgas i Stockholm", "Batterier"):
        assert not_sent not in message.body
    assert "\n”vätgas”; Region: Region Västernorrland\n" in message.body
    unsubscribe = re.search(r"https?://\S+/sok/bevakningar/avsluta/\S+/", message.body)
    assert unsubscribe and message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe[0]}>"

    # A second run, on schedule or not, sends nothing: the hit is behind the mark.
    assert send() == "Mejl om bevakade sökningar skickade: 0.\n"
    assert send("--ignore-schedule") == "Mejl om bevakade sökningar skickade: 0.\n"
    assert len(mail.outbox) == 1
    alert = SavedSearch.objects.get()
    assert alert.last_sent_at is not None and f"analysis-{new.pk}" in alert.seen_keys


def test_the_task_sends_the_mail(reader_client, publish):
    save(reader_client, q="vätgas")
    publish("Vätgas i stålindustrin")
    # The test settings' task backend runs a queued task at once, as the worker would.
    search_tasks.send_search_alerts.enqueue()
    assert [message.to for message in mail.outbox] == [["lasare@example.se"]]


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_queues_it_and_the_worker_mails_once(portal_site, task_worker):
    reader = UserFactory(email="lasare@example.se")
    client = Client()
    client.force_login(reader)
    save(client, q="vätgas")
    AnalysisPageFactory(title="Vätgas i stålindustrin", published_date=TODAY)

    for _ in range(2):
        call_command("run_scheduler", "--once", stdout=io.StringIO())
        task_worker.run()
    assert [message.to for message in mail.outbox] == [["lasare@example.se"]]
    assert "Vätgas i stålindustrin" in mail.outbox[0].body


def test_a_non_matching_publication_sends_nothing(reader_client, publish):
    save(reader_client, q="vätgas", region="22")
    publish("Batterier i Skellefteå")
    publish("Vätgas i Stockholm", region="01")
    assert send("--ignore-schedule") == "Mejl om bevakade sökningar skickade: 0.\n"
    assert mail.outbox == []


def test_a_search_answered_without_some_words_mails_nothing(reader_client, publish):
    """/sok/ answers "vätgas qxzvbnm" for "vätgas" alone; the alert was not for that."""
    save(reader_client, q="vätgas qxzvbnm")
    publish("Vätgas i stålindustrin")
    assert send() == "Mejl om bevakade sökningar skickade: 0.\n"


def test_a_deleted_account_gets_nothing(reader, reader_client, publish):
    save(reader_client, q="vätgas")
    publish("Vätgas i stålindustrin")
    reader.is_active, reader.email = False, ""
    reader.save()
    assert send("--ignore-schedule") == "Mejl om bevakade sökningar skickade: 0.\n"
    assert SavedSearch.objects.get().last_checked_at is None


def test_a_page_published_after_its_date_is_still_new(reader_client, publish):
    """A publication dated before the mark (a long review) is mailed once it goes live."""
    save(reader_client, q="vätgas")
    publish("Vätgas efter granskning", published=TODAY - datetime.timedelta(days=12))
    assert send() == "Mejl om bevakade sökningar skickade: 1.\n"
    assert "Vätgas efter granskning" in mail.outbox[0].body


def test_weekly_is_not_due_after_a_day(reader_client, publish):
    save(reader_client, "weekly", q="vätgas")
    now = timezone.now()
    assert alerts.send_search_alerts(now=now) == 0  # the first check: nothing new yet
    publish("Vätgas i stålindustrin")
    assert alerts.send_search_alerts(now=now + datetime.timedelta(days=1)) == 0
    assert send("--frequency", "daily", "--ignore-schedule").endswith("skickade: 0.\n")
    assert mail.outbox == []
    assert alerts.send_search_alerts(now=now + datetime.timedelta(days=7)) == 1
    assert "varje vecka" in mail.outbox[0].body


def test_daily_is_due_after_a_day(reader_client, publish):
    save(reader_client, q="vätgas")
    now = timezone.now()
    assert alerts.send_search_alerts(now=now) == 0
    publish("Vätgas i stålindustrin")
    assert alerts.send_search_alerts(now=now + datetime.timedelta(hours=2)) == 0
    assert alerts.send_search_alerts(now=now + datetime.timedelta(days=1)) == 1


def test_the_mail_lists_fifty_titles_and_counts_the_rest(reader):
    alert = SavedSearch.objects.create(
        user=reader,
        query_string="q=v%C3%A4tgas",
        params={"q": "vätgas", "filters": {}},
        frequency="daily",
        seen_through=TODAY,
    )
    hits = [
        Hit(
            key=f"analysis-{number}",
            title=f"Vätgas {number}",
            url=f"/regioner/test/vatgas-{number}/",
            type="analysis",
            region="22",
            published=TODAY,
            snippet="",
        )
        for number in range(53)
    ]
    alerts.mail_new_hits(alert=alert, hits=hits, description="”vätgas”")
    body = mail.outbox[0].body
    assert "53 nya träffar" in mail.outbox[0].subject
    assert "Vätgas 49\n" in body and "Vätgas 50\n" not in body
    assert "och 3 till: http" in body
    assert re.search(r"^  https?://[^/\s]+/regioner/test/vatgas-0/$", body, re.M)


# --- Unsubscribing ------------------------------------------------------------------------------


def test_unsubscribing_works_without_login_and_only_by_post(reader_client):
    save(reader_client, q="vätgas")
    alert = SavedSearch.objects.get()
    url = f"/sok/bevakningar/avsluta/{alerts.unsubscribe_token(alert=alert)}/"
    anonymous = Client(enforce_csrf_checks=True)

    asked = anonymous.get(url)
    assert asked.status_code == 200
    assert "Vill du sluta få mejl om nya träffar för ”vätgas”?" in asked.content.decode()
    assert SavedSearch.objects.exists()  # mail scanners follow links: GET changes nothing

    done = anonymous.post(url)  # the token is the credential: no session, no CSRF token
    assert done.status_code == 200
    assert "är avslutad" in done.content.decode()
    assert not SavedSearch.objects.exists()

    again = anonymous.post(url)
    assert again.status_code == 200
    assert "redan avslutad" in again.content.decode()


@pytest.mark.parametrize(
    "token",
    [
        "inte-en-signatur",
        signing.dumps({"alert": 1, "user": 1}, salt="dialogue.unsubscribe"),
        signing.dumps([1], salt=alerts.UNSUBSCRIBE_SALT),
    ],
    ids=["garbage", "another-salt", "not-a-mapping"],
)
def test_a_bad_unsubscribe_link_gets_a_clear_page(portal_site, token):
    for response in (
        Client().get(f"/sok/bevakningar/avsluta/{token}/"),
        Client().post(f"/sok/bevakningar/avsluta/{token}/"),
    ):
        assert response.status_code == 400
        assert "Länken fungerar inte" in response.content.decode()


# --- The profile --------------------------------------------------------------------------------


def test_the_profile_lists_changes_and_deletes_alerts(reader, reader_client):
    save(reader_client, q="undersköterska", region="22", occupation="5321", type="need")
    alert = SavedSearch.objects.get()
    page = reader_client.get("/konto/profil/").content.decode()
    assert "Mina bevakningar" in page
    assert "”undersköterska”; Typ: Kompetensbehov; Region: Region Västernorrland" in page
    assert "Yrkesområde (SSYK): 5321 " in page
    assert "Senaste mejl: inget ännu" in page

    reader_client.post(f"/sok/bevakningar/{alert.pk}/", {"frequency": "weekly"})
    alert.refresh_from_db()
    assert alert.frequency == "weekly"

    # Someone else's alert cannot be changed or deleted.
    other = Client()
    other.force_login(UserFactory())
    assert other.post(f"/sok/bevakningar/{alert.pk}/ta-bort/").status_code == 404
    assert other.post(f"/sok/bevakningar/{alert.pk}/", {"frequency": "daily"}).status_code == 404

    response = reader_client.post(f"/sok/bevakningar/{alert.pk}/ta-bort/")
    assert response.status_code == 302 and response["Location"] == "/konto/profil/"
    assert not SavedSearch.objects.exists()
    assert "Du bevakar inga sökningar" in reader_client.get("/konto/profil/").content.decode()


def test_changing_an_alert_needs_login(reader_client):
    save(reader_client, q="vätgas")
    alert = SavedSearch.objects.get()
    response = Client().post(f"/sok/bevakningar/{alert.pk}/ta-bort/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert SavedSearch.objects.exists()


def test_a_need_matches_by_filter_alone(reader_client, django_capture_on_commit_callbacks):
    save(reader_client, type="need", region="22")
    with django_capture_on_commit_callbacks(execute=True):
        CompetenceNeedPageFactory(title="Behov av svetsare", region="22", published_date=TODAY)
    assert send() == "Mejl om bevakade sökningar skickade: 1.\n"
    assert "Behov av svetsare" in mail.outbox[0].body
