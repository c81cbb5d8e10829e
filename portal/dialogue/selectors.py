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

from functools import cached_property

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Membership, Organisation, OrganisationKind
from accounts.selectors import (
    edited_region_names,
    in_curator_group,
    is_deleted,
    lacks_required_mfa,
    organisation_admins,
    privileged_mfa_condition,
    region_editors,
)
from content.classification_filters import occupation_condition, sector_condition
from content.models import CompetenceNeedPage, NeedStatus, Region
from content.selectors import live_public
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
# A page of a thread: long enough to follow an exchange, short enough to stay cheap.
POSTS_PER_PAGE = 25
OLDEST_FIRST, NEWEST_FIRST = "aldst", "nyast"
POST_ORDERS = {OLDEST_FIRST: "Äldst först", NEWEST_FIRST: "Nyast först"}


def is_curator(*, user: AnyUser) -> bool:
    return user.is_authenticated and (user.is_superuser or in_curator_group(user=user))


def edited_regions(*, user: AnyUser) -> QuerySet[Region]:
    """Regions whose editor group ("Redaktör – <region>") the user belongs to."""
    names = edited_region_names(user=user)
    return Region.objects.filter(name__in=names) if names else Region.objects.none()


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
    live_needs = live_public(CompetenceNeedPage.objects.all()).values("pk")
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
    return ThreadPermissions(user=user, thread=thread).organisations


def can_start_thread(*, user: AnyUser, need: CompetenceNeedPage) -> bool:
    return (
        may_write_at_all(user=user)
        and posting_organisations(user=user).exists()
        and live_public(CompetenceNeedPage.objects.filter(pk=need.pk)).exists()
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


def _editable(*, user: AnyUser, contribution: Contribution) -> bool:
    """The edit rule apart from the account checks of ``may_write_at_all``."""
    return (
        user.is_authenticated
        and contribution.author_id == user.pk
        and not contribution.is_removed
        and timezone.now() - contribution.created_at
        <= timezone.timedelta(minutes=EDIT_WINDOW_MINUTES)
    )


def can_edit(*, user: AnyUser, contribution: Contribution) -> bool:
    # The cheap checks first: the account's queries only for the author's own post.
    return _editable(user=user, contribution=contribution) and may_write_at_all(user=user)


def can_delete(*, user: AnyUser, contribution: Contribution) -> bool:
    return (
        user.is_authenticated
        and contribution.author_id == user.pk
        and contribution.deleted_at is None
    )


def endorsing_organisations(*, user: AnyUser, contribution: Contribution) -> QuerySet[Organisation]:
    """Organisations that may still say "Vi stödjer" to this proposal through ``user``."""
    permissions = ThreadPermissions(user=user, thread=contribution.thread)
    allowed = permissions.endorsing_organisations(contribution)
    return Organisation.objects.filter(
        pk__in=[organisation.pk for organisation in allowed]
    ).order_by("name")


class ThreadPermissions:
    """What one reader may do in one thread, each question asked of the database once.

    The thread page shows a post's tools (edit, delete, endorse) on every post. Asking the
    module's functions per post cost about five queries a post; this object answers the
    reader's questions (may they write, for which organisations, may they moderate or accept)
    once, when first needed, and works out each post's tools from those answers in Python.
    Build one per request: the answers are not refreshed.
    """

    def __init__(self, *, user: AnyUser, thread: Thread, read_checked: bool = False):
        """``read_checked``: ``thread`` was loaded through ``visible_threads(user=user)`` in
        this request (the thread page), so whether the user may read it is not asked again."""
        self.user = user
        self.thread = thread
        self.read_checked = read_checked

    @cached_property
    def may_write(self) -> bool:
        return may_write_at_all(user=self.user)

    @cached_property
    def organisations(self) -> QuerySet[Organisation]:
        """The organisations the reader may write for here (empty: may not write)."""
        if not self.thread.is_open or not self.may_write:
            return Organisation.objects.none()
        if not self.read_checked and not can_read(user=self.user, thread=self.thread):
            return Organisation.objects.none()
        organisations = posting_organisations(user=self.user)
        if not self.thread.is_public:
            organisations = organisations.filter(pk__in=self.thread.participants.values("pk"))
        return organisations

    @cached_property
    def organisation_list(self) -> list[Organisation]:
        return list(self.organisations)

    @cached_property
    def is_blocked(self) -> bool:
        return is_blocked(user=self.user)

    @cached_property
    def can_moderate(self) -> bool:
        return can_moderate(user=self.user, thread=self.thread)

    @cached_property
    def can_accept(self) -> bool:
        return can_accept(user=self.user, thread=self.thread)

    @cached_property
    def can_set_status(self) -> bool:
        return self.user.is_authenticated and (
            self.thread.started_by_id == self.user.pk or self.can_moderate
        )

    @cached_property
    def is_following(self) -> bool:
        return follow_of(user=self.user, thread=self.thread) is not None

    def can_edit(self, contribution: Contribution) -> bool:
        return _editable(user=self.user, contribution=contribution) and self.may_write

    def can_delete(self, contribution: Contribution) -> bool:
        return can_delete(user=self.user, contribution=contribution)

    def endorsing_organisations(self, contribution: Contribution) -> list[Organisation]:
        """Organisations that may still say "Vi stödjer" to this proposal through the reader."""
        if contribution.kind != ContributionKind.PROPOSAL or contribution.is_removed:
            return []
        endorsed = {endorsement.organisation_id for endorsement in contribution.endorsements.all()}
        return [
            organisation
            for organisation in self.organisation_list
            if organisation.pk != contribution.organisation_id and organisation.pk not in endorsed
        ]


def _shown_post_count() -> Count:
    """A thread's posts that readers see: neither deleted nor hidden by a moderator."""
    return Count(
        "contributions", filter=Q(contributions__deleted_at=None, contributions__hidden_at=None)
    )


def threads_of_need(*, user: AnyUser, need: CompetenceNeedPage) -> QuerySet[Thread]:
    return (
        visible_threads(user=user)
        .filter(need=need)
        .select_related("started_for")
        .annotate(contribution_count=_shown_post_count())
        .order_by("-last_activity_at")
    )


def listed_threads(
    *,
    user: AnyUser,
    regions: list[str] | None = None,
    need_status: str = "",
    sector: str = "",
    occupation: str = "",
    thread_status: str = "",
    own_organisations: bool = False,
) -> QuerySet[Thread]:
    """The dialogue list: threads ``user`` may see, narrowed by each filter given, latest
    activity first. ``sector`` and ``occupation`` match a need as the national listings do
    (a section covers its divisions, an SSYK group its sub-groups). ``own_organisations``
    keeps the threads one of the user's organisations takes part in (nothing when anonymous).
    """
    need_conditions = []
    if regions:
        need_conditions.append(Q(region__code__in=regions))
    if need_status:
        need_conditions.append(Q(status=need_status))
    # A sector or occupation condition joins a many-to-many relation: kept in a subquery so
    # a need classified twice under the filter does not list its threads twice.
    for condition in (
        sector_condition(sector) if sector else None,
        occupation_condition(occupation) if occupation else None,
    ):
        if condition is not None:
            need_conditions.append(
                Q(pk__in=CompetenceNeedPage.objects.filter(condition).values("pk"))
            )
    threads = visible_threads(user=user)
    if need_conditions:
        threads = threads.filter(
            need__in=CompetenceNeedPage.objects.filter(*need_conditions).values("pk")
        )
    if thread_status:
        threads = threads.filter(status=thread_status)
    if own_organisations:
        threads = threads.filter(
            pk__in=Thread.objects.filter(
                participants__in=posting_organisations(user=user).values("pk")
            ).values("pk")
        )
    return (
        threads.select_related("need", "need__region", "started_for")
        .annotate(contribution_count=_shown_post_count())
        .order_by("-last_activity_at", "-pk")
    )


def participant_kinds(*, threads: list[Thread]) -> dict[int, list[str]]:
    """The kinds of organisation taking part in each thread, in the order of the kinds' list
    (one query for a whole page of threads)."""
    pairs = set(
        Thread.participants.through.objects.filter(thread__in=threads).values_list(
            "thread_id", "organisation__kind"
        )
    )
    order = {kind: position for position, kind in enumerate(OrganisationKind.values)}
    labels = dict(OrganisationKind.choices)
    kinds: dict[int, list[str]] = {thread.pk: [] for thread in threads}
    for thread_id, kind in sorted(pairs, key=lambda pair: order.get(pair[1], len(order))):
        kinds[thread_id].append(labels.get(kind, kind))
    return kinds


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


def post_order(*, thread: Thread, order: str = OLDEST_FIRST) -> list[int]:
    """Ids of the thread's posts in reading order, each reply right after what it answers.

    Top-level posts come oldest first (a conversation reads that way) or newest first; the
    replies under a post always keep their own order, oldest first, so that an answer never
    comes before its question. Only ids and parents are read, so a thread of any length costs
    one small query, and the page's posts are then loaded by ``posts_in_order``.
    """
    children: dict[int | None, list[int]] = {}
    rows = Contribution.objects.filter(thread=thread).order_by("created_at", "pk")
    for pk, parent_id in rows.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    roots = children.get(None, [])
    if order == NEWEST_FIRST:
        roots = roots[::-1]
    ordered: list[int] = []
    pending = list(reversed(roots))
    while pending:
        pk = pending.pop()
        ordered.append(pk)
        pending.extend(reversed(children.get(pk, [])))
    return ordered


def posts_in_order(*, ids: list[int]) -> list[Contribution]:
    """The posts ``ids`` with everything the thread page shows of them, in the order given."""
    rows = (
        Contribution.objects.filter(pk__in=ids)
        .select_related(
            "author",
            "author__profile",
            "organisation",
            "parent__organisation",
            "linked_page",
            "linked_document",
            "action",
        )
        .prefetch_related(
            Prefetch("endorsements", queryset=Endorsement.objects.select_related("organisation"))
        )
    )
    by_id = {row.pk: row for row in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def post_page_number(*, thread: Thread, contribution: Contribution, order: str) -> int:
    """The page of the thread on which ``contribution`` is shown in ``order``."""
    ids = post_order(thread=thread, order=order)
    return ids.index(contribution.pk) // POSTS_PER_PAGE + 1 if contribution.pk in ids else 1


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
