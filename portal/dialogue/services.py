"""Write-side operations of the dialogue. Views, the admin and commands call these.

Every function checks its own permission through the selectors and raises PermissionDenied
or ValidationError with a Swedish message the view shows as it is.
"""

import datetime
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page

from accounts.models import Organisation
from content import services as content_services
from content.models import CompetenceNeedPage, NeedStatus, ResultPage
from portal.dialogue import selectors, tasks
from portal.dialogue.models import (
    MAX_DEPTH,
    Action,
    ActionProgressNote,
    Contribution,
    ContributionKind,
    ContributionRevision,
    EmailFrequency,
    Endorsement,
    Follow,
    ModerationLogEntry,
    Notification,
    NotificationSettings,
    PostingBlock,
    Report,
    Thread,
)
from portal.dialogue.text import render_markdown

NOT_ALLOWED_TO_POST = (
    "Du kan inte skriva i den här dialogen. Du behöver vara inloggad med en verifierad "
    "e-postadress och medlem i en organisation som deltar."
)
BLOCKED = "En moderator har stängt av dig från att skriva i dialogerna."
RATE_LIMITED = (
    "Du har skrivit många inlägg på kort tid. Vänta några minuter och försök sedan igen – "
    "din text finns kvar i formuläret."
)
UNSUBSCRIBE_SALT = "portal.dialogue.unsubscribe"
RATE_WINDOW = datetime.timedelta(minutes=10)


def thread_url(thread: Thread, contribution: Contribution | None = None) -> str:
    """A lasting link to the thread or to one of its posts (which page it is on may change)."""
    if contribution is None:
        return thread.get_url()
    return reverse("dialogue:post", args=[contribution.pk])


# --- The need's status follows the dialogue ---------------------------------------------------


# The content app owns the write (content.services.advance_need_status): a published revision,
# the page_published signal search listens to, and an entry in the page history.


def _sync_need_with_action(action: Action, *, user: AbstractBaseUser) -> None:
    # A restricted thread must not show in the public need's status either.
    if not action.thread.is_public:
        return
    if action.result_page_id:
        content_services.advance_need_status(
            need=action.need,
            status=NeedStatus.FOLLOWED_UP,
            reason=f"Insatsen ”{action.title}” följdes upp i ”{action.result_page.title}”.",
            user=user,
        )
    elif action.status != Action.Status.CANCELLED:
        content_services.advance_need_status(
            need=action.need,
            status=NeedStatus.ACTION_ONGOING,
            reason=f"Insatsen ”{action.title}” antogs i dialogen ”{action.thread.title}”.",
            user=user,
        )


# --- Threads ----------------------------------------------------------------------------------


@transaction.atomic
def start_thread(
    *,
    user: AbstractBaseUser,
    need: CompetenceNeedPage,
    organisation: Organisation,
    title: str,
    purpose: str,
    visibility: str,
    invited: Iterable[Organisation] = (),
) -> Thread:
    if not selectors.can_start_thread(user=user, need=need):
        raise PermissionDenied(NOT_ALLOWED_TO_POST)
    if not selectors.posting_organisations(user=user).filter(pk=organisation.pk).exists():
        raise PermissionDenied(f"Du kan inte skriva för {organisation.name}.")
    thread = Thread.objects.create(
        need=need,
        title=title,
        purpose=purpose,
        visibility=visibility,
        started_by=user,
        started_for=organisation,
    )
    thread.participants.add(organisation, *invited)
    Follow.objects.get_or_create(user=user, thread=thread)
    if thread.is_public:
        content_services.advance_need_status(
            need=need,
            status=NeedStatus.IN_DIALOGUE,
            reason=f"Dialogen ”{thread.title}” startades.",
            user=user,
        )
    _notify(
        thread=thread,
        actor=user,
        kind=Notification.Kind.CONTRIBUTION,
        text=f"Ny dialog om {need.title}: {thread.title}",
        url=thread_url(thread),
        tell_region=thread.is_public,
    )
    return thread


@transaction.atomic
def set_thread_status(*, user: AbstractBaseUser, thread: Thread, status: str) -> Thread:
    allowed = thread.started_by_id == user.pk or selectors.can_moderate(user=user, thread=thread)
    if not allowed or not selectors.can_read(user=user, thread=thread):
        raise PermissionDenied(
            "Bara den som startade dialogen eller en moderator kan ändra status."
        )
    if status not in Thread.Status.values:
        raise ValidationError("Välj en av statusarna öppen, stängd eller arkiverad.")
    if thread.status != status:
        thread.status = status
        thread.save(update_fields=["status"])
        _notify(
            thread=thread,
            actor=user,
            kind=Notification.Kind.STATUS,
            text=f"Dialogen {thread.title} är nu {thread.get_status_display().lower()}",
            url=thread_url(thread),
        )
    return thread


# --- Contributions ----------------------------------------------------------------------------


def _check_rate_limit(user: AbstractBaseUser) -> None:
    recent = Contribution.objects.filter(
        author=user, created_at__gte=timezone.now() - RATE_WINDOW
    ).count()
    if recent >= settings.DIALOGUE_POSTS_PER_10_MINUTES:
        raise ValidationError(RATE_LIMITED, code="rate_limited")


def post_contribution(
    *,
    user: AbstractBaseUser,
    thread: Thread,
    organisation: Organisation,
    kind: str,
    body: str,
    submission_key: uuid.UUID,
    parent: Contribution | None = None,
    linked_page: Page | None = None,
    linked_document: Document | None = None,
    commitment_what: str = "",
    commitment_who: str = "",
    commitment_due: datetime.date | None = None,
) -> tuple[Contribution, bool]:
    """Post once per ``submission_key``: a repeated submit returns the first post, unchanged.

    Returns the contribution and whether it was created now.
    """
    existing = Contribution.objects.filter(author=user, submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    if selectors.is_blocked(user=user):
        raise PermissionDenied(BLOCKED)
    if not selectors.organisations_for_thread(user=user, thread=thread).filter(pk=organisation.pk):
        raise PermissionDenied(NOT_ALLOWED_TO_POST)
    if parent is not None:
        if parent.thread_id != thread.pk:
            raise ValidationError("Svaret måste höra till samma dialog.")
        if parent.depth >= MAX_DEPTH:
            raise ValidationError("Svar kan bara göras i två nivåer. Svara på inlägget ovanför.")
    if kind not in ContributionKind.values:
        raise ValidationError("Välj vilken typ av inlägg det är.")
    _check_rate_limit(user)
    try:
        with transaction.atomic():
            contribution = Contribution.objects.create(
                thread=thread,
                parent=parent,
                depth=parent.depth + 1 if parent else 0,
                kind=kind,
                body=body,
                body_html=render_markdown(body),
                linked_page=linked_page,
                linked_document=linked_document,
                commitment_what=commitment_what,
                commitment_who=commitment_who,
                commitment_due=commitment_due,
                author=user,
                organisation=organisation,
                submission_key=submission_key,
            )
            Thread.objects.filter(pk=thread.pk).update(last_activity_at=contribution.created_at)
            thread.participants.add(organisation)
            Follow.objects.get_or_create(user=user, thread=thread)
            if kind == ContributionKind.PROPOSAL and thread.is_public:
                content_services.advance_need_status(
                    need=thread.need,
                    status=NeedStatus.ACTION_PROPOSED,
                    reason=f"{organisation.name} föreslog en insats i dialogen ”{thread.title}”.",
                    user=user,
                )
            _notify(
                thread=thread,
                actor=user,
                kind=Notification.Kind.CONTRIBUTION,
                text=f"{organisation.name}: {contribution.get_kind_display().lower()} i "
                f"{thread.title}",
                url=thread_url(thread, contribution),
                tell_region=kind == ContributionKind.PROPOSAL,
            )
    except IntegrityError:
        # The same form submitted twice at the same moment: the other request won.
        existing = Contribution.objects.filter(author=user, submission_key=submission_key).first()
        if existing is None:
            raise
        return existing, False
    return contribution, True


@transaction.atomic
def edit_contribution(*, user: AbstractBaseUser, contribution: Contribution, body: str) -> None:
    if not selectors.can_edit(user=user, contribution=contribution):
        raise PermissionDenied(
            f"Ett inlägg kan bara ändras av den som skrev det, inom "
            f"{selectors.EDIT_WINDOW_MINUTES} minuter."
        )
    if body == contribution.body:
        return
    ContributionRevision.objects.create(contribution=contribution, body=contribution.body)
    contribution.body = body
    contribution.body_html = render_markdown(body)
    contribution.edited_at = timezone.now()
    contribution.save(update_fields=["body", "body_html", "edited_at"])


@transaction.atomic
def delete_contribution(*, user: AbstractBaseUser, contribution: Contribution) -> None:
    """The post stays in place as "Inlägget har tagits bort" so that replies keep context."""
    if not selectors.can_delete(user=user, contribution=contribution):
        raise PermissionDenied("Bara den som skrev inlägget kan ta bort det.")
    ContributionRevision.objects.create(contribution=contribution, body=contribution.body)
    contribution.deleted_at = timezone.now()
    contribution.save(update_fields=["deleted_at"])


def endorse(
    *, user: AbstractBaseUser, contribution: Contribution, organisation: Organisation
) -> Endorsement:
    if not selectors.endorsing_organisations(user=user, contribution=contribution).filter(
        pk=organisation.pk
    ):
        if contribution.endorsements.filter(organisation=organisation).exists():
            raise ValidationError(f"{organisation.name} stödjer redan förslaget.")
        raise PermissionDenied(
            "Du kan inte stödja förslaget för den organisationen. Varje organisation stödjer "
            "ett förslag en gång, och inte sitt eget."
        )
    try:
        with transaction.atomic():
            return Endorsement.objects.create(
                contribution=contribution, organisation=organisation, user=user
            )
    except IntegrityError as error:
        raise ValidationError(f"{organisation.name} stödjer redan förslaget.") from error


# --- Actions ----------------------------------------------------------------------------------


@transaction.atomic
def accept_proposal(
    *,
    user: AbstractBaseUser,
    proposal: Contribution,
    title: str,
    description: str,
    responsible_organisations: Iterable[Organisation],
    status: str = Action.Status.PLANNED,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Action:
    thread = proposal.thread
    if not selectors.can_accept(user=user, thread=thread):
        raise PermissionDenied("Bara regionens redaktörer kan anta ett förslag som insats.")
    if proposal.kind != ContributionKind.PROPOSAL or proposal.is_removed:
        raise ValidationError("Bara ett synligt förslag på insats kan antas som insats.")
    if Action.objects.filter(proposal=proposal).exists():
        raise ValidationError("Förslaget är redan antaget som insats.")
    action = Action.objects.create(
        need=thread.need,
        thread=thread,
        proposal=proposal,
        title=title,
        description=description,
        status=status,
        start_date=start_date,
        end_date=end_date,
        accepted_by=user,
    )
    action.responsible_organisations.set(list(responsible_organisations))
    _sync_need_with_action(action, user=user)
    _notify(
        thread=thread,
        actor=user,
        kind=Notification.Kind.ACTION,
        text=f"Förslaget antogs som insats: {action.title}",
        url=thread_url(thread, proposal),
    )
    return action


@transaction.atomic
def update_action(
    *,
    user: AbstractBaseUser,
    action: Action,
    status: str,
    note: str = "",
    result_page: ResultPage | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Action:
    if not selectors.can_accept(user=user, thread=action.thread):
        raise PermissionDenied("Bara regionens redaktörer kan uppdatera insatsen.")
    status_changed = action.status != status
    action.status = status
    action.result_page = result_page
    action.start_date = start_date
    action.end_date = end_date
    action.save(update_fields=["status", "result_page", "start_date", "end_date"])
    if note:
        ActionProgressNote.objects.create(action=action, text=note, author=user)
    _sync_need_with_action(action, user=user)
    if status_changed:
        _notify(
            thread=action.thread,
            actor=user,
            kind=Notification.Kind.STATUS,
            text=f"Insatsen {action.title} har status {action.get_status_display().lower()}",
            url=thread_url(action.thread),
        )
    return action


# --- Follow -----------------------------------------------------------------------------------


def set_follow(
    *,
    user: AbstractBaseUser,
    follow: bool,
    thread: Thread | None = None,
    need: CompetenceNeedPage | None = None,
) -> None:
    if thread is not None and not selectors.can_read(user=user, thread=thread):
        raise PermissionDenied("Du kan inte följa en dialog du inte kan läsa.")
    if follow:
        Follow.objects.get_or_create(user=user, thread=thread, need=need)
    else:
        Follow.objects.filter(user=user, thread=thread, need=need).delete()


# --- Notifications ----------------------------------------------------------------------------


def _notify(
    *,
    thread: Thread,
    actor: AbstractBaseUser,
    kind: str,
    text: str,
    url: str,
    tell_region: bool = False,
) -> None:
    """Queue the fan-out to followers once the change is committed (it runs in the worker).

    ``tell_region``: the need's region is told too (its editors and its organisation's
    administrators), whether they follow or not; the worker works out who they are.
    """
    thread_id, actor_id = thread.pk, actor.pk

    def fan_out() -> None:
        tasks.notify_followers.enqueue(
            thread_id=thread_id,
            actor_id=actor_id,
            kind=kind,
            text=text,
            url=url,
            tell_region=tell_region,
        )

    # robust: the change is saved; failing to queue its notifications is logged, not raised.
    transaction.on_commit(fan_out, robust=True)


@transaction.atomic
def notify_followers(
    *, thread_id: int, actor_id: int, kind: str, text: str, url: str, tell_region: bool = False
) -> int:
    """Tell everyone who follows the thread or its need, and may read it, except the actor;
    with ``tell_region`` also the need's region (see ``selectors.region_recipients``).

    Followers who chose direct e-mail get theirs queued now. Everything happens in one
    transaction, so a retried run never creates a notification twice. Returns how many.
    """
    thread = Thread.objects.select_related("need").filter(pk=thread_id).first()
    if thread is None:
        return 0
    follower_ids = (
        Follow.objects.filter(thread=thread)
        .values_list("user_id", flat=True)
        .union(Follow.objects.filter(need=thread.need_id).values_list("user_id", flat=True))
    )
    recipient_ids = set(follower_ids)
    if tell_region:
        recipient_ids |= set(
            selectors.region_recipients(region=thread.need.region).values_list("pk", flat=True)
        )
    recipients = get_user_model().objects.filter(pk__in=recipient_ids, is_active=True)
    now = timezone.now()
    created = 0
    for recipient in recipients.exclude(pk=actor_id):
        if not selectors.can_read(user=recipient, thread=thread):
            continue
        frequency = selectors.email_frequency(user=recipient)
        notification = Notification.objects.create(
            recipient=recipient,
            thread=thread,
            kind=kind,
            text=text[:400],
            url=url,
            emailed_at=now if frequency == EmailFrequency.NEVER else None,
        )
        created += 1
        if frequency == EmailFrequency.IMMEDIATELY:
            _send_notification_email(
                recipient=recipient, notifications=[notification], subject=notification.text
            )
    return created


def unsubscribe_token(*, user: AbstractBaseUser) -> str:
    return signing.dumps({"user": user.pk}, salt=UNSUBSCRIBE_SALT)


def unsubscribe(*, token: str) -> AbstractBaseUser:
    """Stop all dialogue e-mail for the user the signed token names; raises BadSignature."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    user = get_user_model().objects.get(pk=data["user"])
    settings_row = selectors.notification_settings(user=user)
    settings_row.email_frequency = EmailFrequency.NEVER
    settings_row.save(update_fields=["email_frequency"])
    Notification.objects.filter(recipient=user, emailed_at=None).update(emailed_at=timezone.now())
    return user


def set_email_frequency(
    *, user: AbstractBaseUser, frequency: str, region_updates: bool | None = None
) -> None:
    """Save the e-mail choice; ``region_updates`` None leaves the region choice as it is."""
    settings_row = selectors.notification_settings(user=user)
    settings_row.email_frequency = frequency
    if region_updates is not None:
        settings_row.region_updates = region_updates
    settings_row.save(update_fields=["email_frequency", "region_updates"])


def mark_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())


def _send_notification_email(
    *, recipient: AbstractBaseUser, notifications: list[Notification], subject: str
) -> None:
    """Send and mark in one go: a row marked ``emailed_at`` is never sent again."""
    if recipient.email:
        base_url = settings.WAGTAILADMIN_BASE_URL
        unsubscribe_url = base_url + reverse(
            "dialogue:unsubscribe", args=[unsubscribe_token(user=recipient)]
        )
        body = render_to_string(
            "dialogue/email/notifications.txt",
            {
                "notifications": notifications,
                "base_url": base_url,
                "unsubscribe_url": unsubscribe_url,
                "settings_url": base_url + reverse("dialogue:notifications"),
            },
        )
        EmailMessage(
            subject=f"[{settings.WAGTAIL_SITE_NAME}] {subject}",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[recipient.email],
            headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
        ).send()
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )


DIGEST_INTERVALS = {
    # A little under a day and a week, so a cron job at the same time each day is never
    # skipped because the previous run took a few seconds longer.
    EmailFrequency.DAILY: datetime.timedelta(hours=23),
    EmailFrequency.WEEKLY: datetime.timedelta(days=6, hours=23),
}


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """Send the daily and weekly digests that are due. Running it twice sends nothing twice."""
    now = now or timezone.now()
    sent = 0
    for frequency, interval in DIGEST_INTERVALS.items():
        candidates = NotificationSettings.objects.filter(
            email_frequency=frequency,
            user__dialogue_notifications__emailed_at=None,
        ).values_list("pk", flat=True)
        for settings_pk in set(candidates):
            with transaction.atomic():
                row = (
                    NotificationSettings.objects.select_for_update()
                    .select_related("user")
                    .get(pk=settings_pk)
                )
                if row.last_digest_at and now - row.last_digest_at < interval:
                    continue
                pending = list(
                    selectors.notifications_for(user=row.user)
                    .filter(emailed_at=None, created_at__lte=now)
                    .order_by("created_at")
                )
                if not pending:
                    continue
                label = "dagens" if frequency == EmailFrequency.DAILY else "veckans"
                _send_notification_email(
                    recipient=row.user,
                    notifications=pending,
                    subject=f"Sammanfattning av {label} nyheter i dialogerna ({len(pending)})",
                )
                row.last_digest_at = now
                row.save(update_fields=["last_digest_at"])
                sent += 1
    return sent


# --- Reports and moderation -------------------------------------------------------------------


def report(*, user: AbstractBaseUser, contribution: Contribution, reason: str, text: str) -> Report:
    if not user.is_authenticated or not selectors.can_read(user=user, thread=contribution.thread):
        raise PermissionDenied("Logga in för att anmäla ett inlägg.")
    if reason == Report.Reason.OTHER and not text.strip():
        raise ValidationError("Beskriv vad som är fel när du väljer ”Annat”.")
    return Report.objects.create(contribution=contribution, reporter=user, reason=reason, text=text)


def _require_moderator(user: AbstractBaseUser, contribution: Contribution) -> None:
    if not selectors.can_moderate(user=user, thread=contribution.thread):
        raise PermissionDenied(
            "Bara Tillväxtverkets kuratorer och regionens redaktörer kan moderera här."
        )


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError("Ange ett skäl. Det sparas i moderationsloggen.")


def _resolve_reports(contribution: Contribution, moderator: AbstractBaseUser) -> None:
    contribution.reports.filter(resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )


def _log(
    kind: str, *, moderator: AbstractBaseUser, contribution: Contribution, reason: str
) -> None:
    """Record who did what to whose contribution, and why."""
    ModerationLogEntry.objects.create(
        moderator=moderator,
        kind=kind,
        contribution=contribution,
        target_user=contribution.author,
        reason=reason,
    )


@transaction.atomic
def hide_contribution(
    *, moderator: AbstractBaseUser, contribution: Contribution, reason: str
) -> None:
    _require_moderator(moderator, contribution)
    _require_reason(reason)
    contribution.hidden_at = timezone.now()
    contribution.hidden_reason = reason
    contribution.save(update_fields=["hidden_at", "hidden_reason"])
    _resolve_reports(contribution, moderator)
    _log(
        ModerationLogEntry.Kind.HIDE, moderator=moderator, contribution=contribution, reason=reason
    )


@transaction.atomic
def restore_contribution(
    *, moderator: AbstractBaseUser, contribution: Contribution, reason: str
) -> None:
    _require_moderator(moderator, contribution)
    _require_reason(reason)
    contribution.hidden_at = None
    contribution.hidden_reason = ""
    contribution.save(update_fields=["hidden_at", "hidden_reason"])
    _log(
        ModerationLogEntry.Kind.RESTORE,
        moderator=moderator,
        contribution=contribution,
        reason=reason,
    )


@transaction.atomic
def dismiss_reports(
    *, moderator: AbstractBaseUser, contribution: Contribution, reason: str
) -> None:
    _require_moderator(moderator, contribution)
    _require_reason(reason)
    _resolve_reports(contribution, moderator)
    _log(
        ModerationLogEntry.Kind.DISMISS,
        moderator=moderator,
        contribution=contribution,
        reason=reason,
    )


@transaction.atomic
def block_author(*, moderator: AbstractBaseUser, contribution: Contribution, reason: str) -> None:
    """Stop the author of a contribution in the moderator's region from posting anywhere."""
    _require_moderator(moderator, contribution)
    _require_reason(reason)
    PostingBlock.objects.update_or_create(
        user=contribution.author, defaults={"blocked_by": moderator, "reason": reason}
    )
    _log(
        ModerationLogEntry.Kind.BLOCK, moderator=moderator, contribution=contribution, reason=reason
    )


@transaction.atomic
def unblock_author(*, moderator: AbstractBaseUser, contribution: Contribution, reason: str) -> None:
    _require_moderator(moderator, contribution)
    _require_reason(reason)
    PostingBlock.objects.filter(user=contribution.author).delete()
    _log(
        ModerationLogEntry.Kind.UNBLOCK,
        moderator=moderator,
        contribution=contribution,
        reason=reason,
    )
