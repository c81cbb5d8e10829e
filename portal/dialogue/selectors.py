"""Read-side questions about dialogue, all filtered through one visibility rule.

``visible_threads`` is the only place that decides who may see a thread. Lists, the thread
page, feeds, notifications, unread counts, the need page and search all start from it, so a
restricted thread cannot leak through a path that forgot to check.

Who sees a thread:
- a public thread on a live, public need: everyone, signed in or not;
- a thread "endast inbjudna": members (approved) of its participating organisations, and the
  moderators responsible for the need's region (its region editors, curators, superusers), who
  must be able to moderate it and accept its proposals. Reading as a moderator is a privileged
  action: it needs MFA whenever PORTAL_MFA_REQUIRED is on.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Membership, Organisation, OrganisationKind
from accounts.selectors import (
    EDITOR_GROUP_PREFIX,
    is_deleted,
    lacks_required_mfa,
    organisation_admins,
    privileged_mfa_condition,
    region_editors,
)
from content.models import CompetenceNeedPage, NeedStatus, Region
from content.site_structure import CURATOR_GROUP_NAME
from portal.dialogue.models import (
    Action,
    Contribution,
    ContributionKind,
    EmailFrequency,
    Endorsement,
    Follow,
    Notification,
    NotificationSettings,
    PostingBlock,
    Report,
    Thread,
)

AnyUser = AbstractBaseUser | AnonymousUser
EDIT_WINDOW_MINUTES = 30


def is_curator(*, user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=CURATOR_GROUP_NAME).exists()


def edited_regions(*, user: AnyUser) -> QuerySet[Region]:
    """Regions whose editor group ("Redaktör – <region>") the user belongs to."""
    if not user.is_authenticated:
        return Region.objects.none()
    names = [
        name.removeprefix(EDITOR_GROUP_PREFIX)
        for name in user.groups.filter(name__startswith=EDITOR_GROUP_PREFIX).values_list(
            "name", flat=True
        )
    ]
    return Region.objects.filter(name__in=names)


def moderated_regions(*, user: AnyUser) -> QuerySet[Region]:
    """Curators moderate everywhere, region editors in their own region."""
    if is_curator(user=user):
        return Region.objects.all()
    return edited_regions(user=user)


def is_moderator(*, user: AnyUser) -> bool:
    return moderated_regions(user=user).exists()


def member_organisations(*, user: AnyUser) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        is_approved=True,
        memberships__user=user,
        memberships__status=Membership.Status.APPROVED,
    )


def posting_organisations(*, user: AnyUser) -> QuerySet[Organisation]:
    """Organisations the user may write for: their memberships, and a region editor's region."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        Q(pk__in=member_organisations(user=user).values("pk"))
        | Q(kind=OrganisationKind.REGION, region__in=edited_regions(user=user))
    ).order_by("name")


def visible_threads(*, user: AnyUser, moderator_mfa_checked: bool = True) -> QuerySet[Thread]:
    """Every thread ``user`` may see. The single visibility rule of the dialogue.

    ``moderator_mfa_checked=False`` answers what a moderator would see once MFA is set up; only
    ``moderator_readable_after_mfa`` asks that, to explain a refusal.
    """
    live_needs = CompetenceNeedPage.objects.live().public().values("pk")
    threads = Thread.objects.filter(need__in=live_needs)
    rule = Q(visibility=Thread.Visibility.PUBLIC)
    if user.is_authenticated:
        rule |= Q(participants__in=posting_organisations(user=user).values("pk"))
        as_moderator = Q(need__region__in=moderated_regions(user=user).values("pk"))
        if moderator_mfa_checked:
            as_moderator &= privileged_mfa_condition(user=user)
        rule |= as_moderator
    # The rule joins participants, which may repeat a thread; the subquery keeps the result
    # free of duplicates without DISTINCT (which would not mix with ordering and counts).
    return Thread.objects.filter(pk__in=threads.filter(rule).values("pk"))


def moderator_readable_after_mfa(*, user: AnyUser, pk: int) -> bool:
    """True when ``user`` is refused thread ``pk`` only because their MFA is not set up."""
    return (
        lacks_required_mfa(user=user)
        and visible_threads(user=user, moderator_mfa_checked=False).filter(pk=pk).exists()
    )


def can_read(*, user: AnyUser, thread: Thread) -> bool:
    return visible_threads(user=user).filter(pk=thread.pk).exists()


def is_blocked(*, user: AnyUser) -> bool:
    return user.is_authenticated and PostingBlock.objects.filter(user=user).exists()


def has_verified_email(*, user: AnyUser) -> bool:
    return user.is_authenticated and user.emailaddress_set.filter(verified=True).exists()


def may_write_at_all(*, user: AnyUser) -> bool:
    """Signed in, verified, not deleted, not blocked."""
    return (
        user.is_authenticated
        and user.is_active
        and not is_deleted(user=user)
        and has_verified_email(user=user)
        and not is_blocked(user=user)
    )


def organisations_for_thread(*, user: AnyUser, thread: Thread) -> QuerySet[Organisation]:
    """The organisations ``user`` may write for in ``thread`` (empty: may not write)."""
    if not may_write_at_all(user=user) or not thread.is_open:
        return Organisation.objects.none()
    if not can_read(user=user, thread=thread):
        return Organisation.objects.none()
    organisations = posting_organisations(user=user)
    if not thread.is_public:
        organisations = organisations.filter(pk__in=thread.participants.values("pk"))
    return organisations


def can_start_thread(*, user: AnyUser, need: CompetenceNeedPage) -> bool:
    return (
        may_write_at_all(user=user)
        and posting_organisations(user=user).exists()
        and CompetenceNeedPage.objects.live().public().filter(pk=need.pk).exists()
    )


class WriteObstacle:
    """Why a signed-in user cannot start a dialogue: the need page names it and what to do."""

    UNVERIFIED = "overifierad"
    BLOCKED = "blockerad"
    PENDING_MEMBERSHIP = "vantar"
    NO_ORGANISATION = "ingen_organisation"
    INACTIVE = "inaktiv"


def write_obstacle(*, user: AnyUser) -> str | None:
    """The first thing that stops a signed-in ``user`` from writing, or None."""
    if not user.is_authenticated:
        return None
    if not user.is_active or is_deleted(user=user):
        return WriteObstacle.INACTIVE
    if not has_verified_email(user=user):
        return WriteObstacle.UNVERIFIED
    if is_blocked(user=user):
        return WriteObstacle.BLOCKED
    if not posting_organisations(user=user).exists():
        if Membership.objects.filter(user=user, status=Membership.Status.PENDING).exists():
            return WriteObstacle.PENDING_MEMBERSHIP
        return WriteObstacle.NO_ORGANISATION
    return None


def can_moderate(*, user: AnyUser, thread: Thread) -> bool:
    return moderated_regions(user=user).filter(pk=thread.need.region_id).exists()


def can_accept(*, user: AnyUser, thread: Thread) -> bool:
    """Only the need's own region (its editors) or a superuser turns a proposal into an insats."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or edited_regions(user=user).filter(pk=thread.need.region_id).exists()


def can_edit(*, user: AnyUser, contribution: Contribution) -> bool:
    return (
        user.is_authenticated
        and contribution.author_id == user.pk
        and not contribution.is_removed
        and may_write_at_all(user=user)
        and timezone.now() - contribution.created_at
        <= timezone.timedelta(minutes=EDIT_WINDOW_MINUTES)
    )


def can_delete(*, user: AnyUser, contribution: Contribution) -> bool:
    return (
        user.is_authenticated
        and contribution.author_id == user.pk
        and contribution.deleted_at is None
    )


def endorsing_organisations(*, user: AnyUser, contribution: Contribution) -> QuerySet[Organisation]:
    """Organisations that may still say "Vi stödjer" to this proposal through ``user``."""
    if contribution.kind != ContributionKind.PROPOSAL or contribution.is_removed:
        return Organisation.objects.none()
    return (
        organisations_for_thread(user=user, thread=contribution.thread)
        .exclude(pk=contribution.organisation_id)
        .exclude(pk__in=contribution.endorsements.values("organisation"))
    )


def threads_of_need(*, user: AnyUser, need: CompetenceNeedPage) -> QuerySet[Thread]:
    return (
        visible_threads(user=user)
        .filter(need=need)
        .select_related("started_for")
        .annotate(
            contribution_count=Count(
                "contributions",
                filter=Q(contributions__deleted_at=None, contributions__hidden_at=None),
            )
        )
        .order_by("-last_activity_at")
    )


def actions_of_need(*, user: AnyUser, need: CompetenceNeedPage) -> QuerySet[Action]:
    return actions_of_threads(threads=visible_threads(user=user).filter(need=need))


def actions_of_threads(*, threads: QuerySet[Thread] | list[Thread]) -> QuerySet[Action]:
    """Actions from threads already filtered by ``visible_threads``."""
    return (
        Action.objects.filter(thread__in=threads)
        .prefetch_related("responsible_organisations", "progress_notes")
        .select_related("result_page", "thread")
        .order_by("-accepted_at")
    )


def actions_of_result(*, user: AnyUser, result_page) -> QuerySet[Action]:
    return (
        Action.objects.filter(result_page=result_page, thread__in=visible_threads(user=user))
        .select_related("need")
        .prefetch_related("responsible_organisations")
    )


def contributions(*, thread: Thread) -> list[Contribution]:
    """The thread's posts in reading order, each reply right after what it answers."""
    rows = list(
        Contribution.objects.filter(thread=thread)
        .select_related(
            "author", "author__profile", "organisation", "linked_page", "linked_document"
        )
        .prefetch_related(
            Prefetch(
                "endorsements",
                queryset=Endorsement.objects.select_related("organisation"),
            ),
            "revisions",
        )
        .select_related("action")
    )
    children: dict[int | None, list[Contribution]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    ordered: list[Contribution] = []

    def walk(parent_id: int | None) -> None:
        for row in children.get(parent_id, []):
            ordered.append(row)
            walk(row.pk)

    walk(None)
    return ordered


def follow_of(*, user: AnyUser, thread: Thread | None = None, need=None) -> Follow | None:
    if not user.is_authenticated:
        return None
    return Follow.objects.filter(user=user, thread=thread, need=need).first()


def notifications_for(*, user: AnyUser) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(
        recipient=user, thread__in=visible_threads(user=user)
    ).select_related("thread")


def unread_count(*, user: AnyUser) -> int:
    return notifications_for(user=user).filter(read_at=None).count()


def region_recipients(*, region: Region) -> QuerySet:
    """Who hears of new public threads and proposals on ``region``'s needs without following:
    its editors and the administrators of the region's own organisation, unless muted."""
    recipients = Q(pk__in=region_editors(region=region).values("pk"))
    region_organisation = Organisation.objects.filter(
        kind=OrganisationKind.REGION, region=region
    ).first()
    if region_organisation is not None:
        recipients |= Q(pk__in=organisation_admins(organisation=region_organisation).values("pk"))
    return (
        get_user_model()
        .objects.filter(recipients, is_active=True)
        .exclude(dialogue_settings__region_updates=False)
    )


def receives_region_updates(*, user: AnyUser) -> bool:
    """The user is one that ``region_recipients`` could name (the mute choice is theirs)."""
    if not user.is_authenticated:
        return False
    return (
        edited_regions(user=user).exists()
        or Organisation.objects.filter(
            kind=OrganisationKind.REGION,
            memberships__user=user,
            memberships__role=Membership.Role.ADMIN,
            memberships__status=Membership.Status.APPROVED,
        ).exists()
    )


def notification_settings(*, user: AbstractBaseUser) -> NotificationSettings:
    settings_row, _ = NotificationSettings.objects.get_or_create(user=user)
    return settings_row


def email_frequency(*, user: AbstractBaseUser) -> str:
    row = NotificationSettings.objects.filter(user=user).first()
    return row.email_frequency if row else EmailFrequency.DAILY


def open_reports(*, user: AnyUser) -> QuerySet[Report]:
    """Unresolved reports in the regions the moderator is responsible for."""
    return (
        Report.objects.filter(
            resolved_at=None,
            contribution__thread__need__region__in=moderated_regions(user=user).values("pk"),
        )
        .select_related(
            "contribution",
            "contribution__author",
            "contribution__organisation",
            "contribution__thread",
            "reporter",
        )
        .prefetch_related("contribution__revisions")
        .order_by("created_at")
    )


def moderatable_contribution(*, user: AnyUser, pk: int) -> Contribution | None:
    return (
        Contribution.objects.filter(
            pk=pk, thread__need__region__in=moderated_regions(user=user).values("pk")
        )
        .select_related("author", "thread")
        .first()
    )


def need_evidence(need_ids: list[int]) -> dict[int, str]:
    """Evidence for ``content.need_status``: what public threads show about each need.

    Only public threads count, as only they move the public status (services): a thread
    "endast inbjudna" must not show through the need's status either.
    """
    public = Thread.objects.filter(need__in=need_ids, visibility=Thread.Visibility.PUBLIC)
    justified: dict[int, str] = dict.fromkeys(
        public.values_list("need_id", flat=True), NeedStatus.IN_DIALOGUE
    )
    proposals = Contribution.objects.filter(
        thread__in=public, kind=ContributionKind.PROPOSAL, deleted_at=None, hidden_at=None
    ).values_list("thread__need_id", flat=True)
    justified |= dict.fromkeys(proposals, NeedStatus.ACTION_PROPOSED)
    actions = Action.objects.filter(thread__in=public).exclude(status=Action.Status.CANCELLED)
    justified |= dict.fromkeys(actions.values_list("need_id", flat=True), NeedStatus.ACTION_ONGOING)
    followed = Action.objects.filter(thread__in=public, result_page__isnull=False)
    justified |= dict.fromkeys(followed.values_list("need_id", flat=True), NeedStatus.FOLLOWED_UP)
    return justified
