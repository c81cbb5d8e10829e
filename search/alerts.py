"""Search alerts ("Bevaka sökningen"): saving a search, mailing its new hits, ending it.

A saved search is the /sok/ search normalised by :func:`search.params.parse` (only the words
and the filters; order and page do not change what is new). The hourly task
:func:`send_search_alerts` runs each due alert's search newest first and mails the hits it has
not seen. "Seen" is a high-water mark on the publication date plus the keys seen in a
look-back window before it: publication dates are chosen by editors and a page can go live
days after its date (a review takes time), so a date alone would lose those pages.
"""

import datetime
import logging
from dataclasses import dataclass, replace
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from search import params as search_params
from search import selectors, services
from search.engines.base import Hit
from search.models import SavedSearch

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "search.alert.unsubscribe"
MAX_ALERTS_PER_USER = 50
MAX_QUERY_STRING = 2000
MAX_TITLES = 50
# A page going live this long after its publication date is still mailed as new.
LOOKBACK = datetime.timedelta(days=30)
PAGE_SIZE = search_params.MAX_PAGE_SIZE
MAX_PAGES = 20
INTERVALS = {
    # A little under a day and a week, like the dialogue digests: an hourly round that starts
    # a few seconds later than the one before never skips a day.
    SavedSearch.Frequency.DAILY: datetime.timedelta(hours=23),
    SavedSearch.Frequency.WEEKLY: datetime.timedelta(days=6, hours=23),
}


@dataclass(frozen=True)
class Found:
    """What one run of an alert's search found: the hits not seen, and the new mark."""

    new: list[Hit]
    seen_through: datetime.date
    seen_keys: dict[str, str]


# --- The saved search itself ------------------------------------------------------------------


def normalised_query(*, params: search_params.SearchParams) -> str:
    """The query string of the words and filters of ``params``, in one fixed order."""
    query = QueryDict(mutable=True)
    if params.q.strip():
        query["q"] = " ".join(params.q.split())
    for name in search_params.FILTER_NAMES:
        if params.filters.get(name):
            query.setlist(name, sorted(params.filters[name]))
    return query.urlencode()


def stored_params(*, alert: SavedSearch) -> search_params.SearchParams:
    """The alert's search, newest first, read back through the same parser as /sok/."""
    parsed = search_params.parse(QueryDict(alert.query_string))
    return replace(parsed.params, sort="newest", page=1, page_size=PAGE_SIZE)


def save_search(
    *, user: AbstractBaseUser, data: QueryDict, frequency: str, today: datetime.date | None = None
) -> SavedSearch:
    """Save (or change the frequency of) the search ``data`` describes, for ``user``.

    A new alert starts with everything that matches now counted as seen: its first mail holds
    only what is published after it was saved.
    """
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError("Välj hur ofta du vill få mejl.")
    params = search_params.parse(data).params
    if not (services.has_search_words(q=params.q) or params.filters):
        raise ValidationError("Skriv ett sökord eller välj ett filter för att bevaka sökningen.")
    query_string = normalised_query(params=params)
    if len(query_string) > MAX_QUERY_STRING:
        raise ValidationError("Sökningen är för lång för att bevaka. Korta den och försök igen.")
    existing = SavedSearch.objects.filter(user=user, query_string=query_string).first()
    if existing:
        existing.frequency = frequency
        existing.save(update_fields=["frequency"])
        return existing
    if SavedSearch.objects.filter(user=user).count() >= MAX_ALERTS_PER_USER:
        raise ValidationError(
            f"Du kan bevaka högst {MAX_ALERTS_PER_USER} sökningar. "
            "Ta bort någon under Mina bevakningar i din profil först."
        )
    alert = SavedSearch(
        user=user,
        query_string=query_string,
        params={"q": params.q, "filters": {k: sorted(v) for k, v in params.filters.items()}},
        frequency=frequency,
        seen_through=today or timezone.localdate(),
    )
    found = find_new_hits(alert=alert, today=alert.seen_through)
    alert.seen_through, alert.seen_keys = found.seen_through, found.seen_keys
    alert.save()
    return alert


def change_frequency(*, alert: SavedSearch, frequency: str) -> None:
    if frequency not in SavedSearch.Frequency.values:
        raise ValidationError("Välj hur ofta du vill få mejl.")
    alert.frequency = frequency
    alert.save(update_fields=["frequency"])


def unsubscribe_token(*, alert: SavedSearch) -> str:
    return signing.dumps({"alert": alert.pk, "user": alert.user_id}, salt=UNSUBSCRIBE_SALT)


def alert_for_token(*, token: str) -> SavedSearch | None:
    """The alert a signed token names; None when it is already gone. Raises BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict):
        raise signing.BadSignature("not an alert token")
    return SavedSearch.objects.filter(pk=data.get("alert"), user_id=data.get("user")).first()


# --- Words for people ---------------------------------------------------------------------------


def descriptions(*, alerts: list[SavedSearch]) -> dict[int, str]:
    """Each alert's search in words ("”undersköterska”, Region: Västernorrland"), in one query
    per classification for all of them."""
    selected: dict[str, set[str]] = {}
    for alert in alerts:
        for name, values in alert.params.get("filters", {}).items():
            selected.setdefault(name, set()).update(values)
    labels = selectors.facet_labels(
        facets={}, selected={name: frozenset(values) for name, values in selected.items()}
    )
    described = {}
    for alert in alerts:
        parts = [f"”{alert.params['q'].strip()}”"] if alert.params.get("q", "").strip() else []
        for name in search_params.FILTER_NAMES:
            values = alert.params.get("filters", {}).get(name)
            if values:
                names = ", ".join(labels.get(name, {}).get(value, value) for value in values)
                parts.append(f"{selectors.FACET_LEGENDS[name]}: {names}")
        described[alert.pk] = "; ".join(parts)
    return described


# --- Finding and mailing new hits ---------------------------------------------------------------


def find_new_hits(*, alert: SavedSearch, today: datetime.date) -> Found:
    """The alert's hits it has not seen, newest first, back to the look-back window.

    A search that found nothing as typed and was answered without some of its words (see
    :func:`search.services.run_search`) mails nothing: those hits are not what was saved.
    """
    floor = min(alert.seen_through, today) - LOOKBACK
    seen = {key: date for key, date in alert.seen_keys.items() if date >= floor.isoformat()}
    params = stored_params(alert=alert)
    new: list[Hit] = []
    newest = alert.seen_through
    for page in range(1, MAX_PAGES + 1):
        outcome = services.run_search(params=replace(params, page=page), highlight=False)
        if outcome.unknown_words:
            break
        hits = outcome.result.hits
        in_window = [hit for hit in hits if hit.published >= floor]
        for hit in in_window:
            if hit.key not in seen:
                new.append(hit)
                seen[hit.key] = hit.published.isoformat()
            newest = max(newest, hit.published)
        if len(in_window) < len(hits) or len(hits) < PAGE_SIZE:
            break
    return Found(new=new, seen_through=min(newest, max(today, alert.seen_through)), seen_keys=seen)


def is_due(*, alert: SavedSearch, now: datetime.datetime) -> bool:
    return (
        alert.last_checked_at is None or now - alert.last_checked_at >= INTERVALS[alert.frequency]
    )


def mail_new_hits(*, alert: SavedSearch, hits: list[Hit], description: str) -> None:
    base_url = settings.WAGTAILADMIN_BASE_URL
    unsubscribe_url = base_url + reverse(
        "search:alert_unsubscribe", args=[unsubscribe_token(alert=alert)]
    )
    count = len(hits)
    body = render_to_string(
        "search/email/search_alert.txt",
        {
            "hits": [
                {"title": hit.title, "url": urljoin(base_url + "/", hit.url)}
                for hit in hits[:MAX_TITLES]
            ],
            "more": max(0, count - MAX_TITLES),
            "count": count,
            "description": description,
            "frequency": alert.get_frequency_display().lower(),
            "base_url": base_url,
            "search_url": f"{base_url}/sok/?{alert.query_string}&sort=newest",
            "profile_url": base_url + reverse("accounts:profile"),
            "unsubscribe_url": unsubscribe_url,
        },
    )
    word = "ny träff" if count == 1 else "nya träffar"
    EmailMessage(
        subject=f"[{settings.WAGTAIL_SITE_NAME}] {count} {word} för din bevakning: {description}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[alert.user.email],
        # The signed link is the credential, so a mail client's one-click POST may end it
        # (RFC 8058) just as the confirmation page does.
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()


def run_alert(*, alert_id: int, now: datetime.datetime, ignore_schedule: bool = False) -> bool:
    """Check one alert; mail its new hits. True when a mail was sent.

    The search runs outside any transaction (it may take a while, and on SQLite a transaction
    that writes holds the database's one write lock). The mail is queued and the mark moved
    in one transaction, and only if no other run checked the alert meanwhile: a mail is
    queued exactly when its hits are marked as seen.
    """
    alert = SavedSearch.objects.select_related("user").filter(pk=alert_id).first()
    if alert is None or not (ignore_schedule or is_due(alert=alert, now=now)):
        return False
    found = find_new_hits(alert=alert, today=timezone.localdate(now))
    send = bool(found.new and alert.user.is_active and alert.user.email)
    description = descriptions(alerts=[alert])[alert.pk] if send else ""
    with transaction.atomic():
        claimed = SavedSearch.objects.filter(
            pk=alert.pk, last_checked_at=alert.last_checked_at, seen_through=alert.seen_through
        ).update(
            last_checked_at=now,
            seen_through=found.seen_through,
            seen_keys=found.seen_keys,
            **({"last_sent_at": now} if send else {}),
        )
        if claimed and send:
            mail_new_hits(alert=alert, hits=found.new, description=description)
    return bool(claimed and send)


def send_search_alerts(
    *,
    now: datetime.datetime | None = None,
    frequency: str | None = None,
    ignore_schedule: bool = False,
) -> int:
    """Check every due alert (of ``frequency``, or all) and mail new hits; returns mails sent.

    Safe to run twice: a hit is mailed once per alert, and an alert checked less than a day
    (or a week) ago is not due unless ``ignore_schedule``.
    """
    now = now or timezone.now()
    # A deleted account keeps its user row (inactive, no address): nothing to search for.
    alerts = SavedSearch.objects.filter(user__is_active=True).exclude(user__email="")
    if frequency:
        alerts = alerts.filter(frequency=frequency)
    if not ignore_schedule:
        due = Q(last_checked_at=None)
        for each, interval in INTERVALS.items():
            due |= Q(frequency=each, last_checked_at__lte=now - interval)
        alerts = alerts.filter(due)
    sent = 0
    for alert_id in alerts.order_by("pk").values_list("pk", flat=True):
        try:
            sent += run_alert(alert_id=alert_id, now=now, ignore_schedule=ignore_schedule)
        except Exception:
            # One broken alert (a search engine error, a mail that cannot be queued) must not
            # stop the others; it is tried again next round.
            logger.exception("Search alert %s failed", alert_id)
    return sent
