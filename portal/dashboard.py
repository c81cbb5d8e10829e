"""The to-do lists on the admin home: what waits for a decision by the signed-in editor.

A region editor sees their region's lists, a curator (and a superuser) the whole country's and
also the good examples awaiting curation. Each list answers three questions with a fixed number
of queries, whatever the amount of data: how many items wait (one count), the newest few (one
query, plus one for the pages of review tasks) and one page of the full list. Every item links
to where the decision is taken: the need's edit page, the proposal's accept view, the
moderation of the reported post, the queue of pending requests, the page under review.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import CharField, Count, Exists, F, Max, OuterRef, Q, QuerySet, Value
from django.urls import reverse
from django.utils.text import Truncator
from wagtail.models import Page, TaskState, WorkflowState

from accounts.models import Membership, Organisation
from accounts.selectors import decidable_organisations, decidable_requests, edited_region_names
from content.models import CompetenceNeedPage, ReviewByOthersTask
from content.site_structure import CURATION_TASK_NAME
from portal.dialogue.models import Contribution, ContributionKind, Thread
from portal.dialogue.selectors import (
    is_curator,
    moderated_regions,
    open_reports,
    visible_threads,
)

AnyUser = AbstractBaseUser | AnonymousUser
NEWEST_SHOWN = 5
ITEMS_PER_PAGE = 25


@dataclass(frozen=True)
class Item:
    """One thing waiting: what it is, where to decide it, and a line of context."""

    title: str
    url: str
    detail: str
    when: datetime | None


@dataclass(frozen=True)
class TodoList:
    slug: str
    title: str
    empty: str
    rows: Callable[[AnyUser], QuerySet]
    items: Callable[[AnyUser, list], list[Item]]
    curators_only: bool = False


@dataclass(frozen=True)
class Panel:
    todo: TodoList
    count: int
    items: list[Item]

    @property
    def full_list_url(self) -> str:
        return reverse("portal_dashboard:list", args=[self.todo.slug])


def is_dashboard_user(*, user: AnyUser) -> bool:
    """Region editors, curators and superusers: those who decide something on the portal."""
    return user.is_authenticated and (is_curator(user=user) or bool(edited_region_names(user=user)))


def _regions(user: AnyUser):
    return moderated_regions(user=user).values("pk")


# --- Needs without dialogue ---------------------------------------------------------------


def _needs_without_dialogue(user: AnyUser) -> QuerySet[CompetenceNeedPage]:
    """Live needs with no public thread: a thread "endast inbjudna" is no public dialogue and
    does not move the need's status either."""
    public = Thread.objects.filter(need=OuterRef("pk"), visibility=Thread.Visibility.PUBLIC)
    return (
        CompetenceNeedPage.objects.live()
        .filter(region__in=_regions(user))
        .exclude(Exists(public))
        .select_related("region")
        .order_by("-first_published_at", "-pk")
    )


def _need_items(user: AnyUser, needs: list[CompetenceNeedPage]) -> list[Item]:
    return [
        Item(
            title=need.title,
            url=reverse("wagtailadmin_pages:edit", args=[need.pk]),
            detail=f"{need.region.name} · {need.get_status_display()}",
            when=need.first_published_at,
        )
        for need in needs
    ]


# --- Proposals awaiting a decision -------------------------------------------------------


def _open_proposals(user: AnyUser) -> QuerySet[Contribution]:
    """Proposals not yet accepted as an insats, in threads the user may read."""
    return (
        Contribution.objects.filter(
            kind=ContributionKind.PROPOSAL,
            deleted_at=None,
            hidden_at=None,
            action__isnull=True,
            thread__in=visible_threads(user=user),
            thread__need__region__in=_regions(user),
        )
        .select_related("organisation", "thread", "thread__need", "thread__need__region")
        .order_by("-created_at", "-pk")
    )


def _proposal_items(user: AnyUser, proposals: list[Contribution]) -> list[Item]:
    # Only the need's own region (or a superuser) accepts; a curator follows the proposal to
    # its thread. The region names come from the user's groups, read once per request.
    accepting = set(edited_region_names(user=user))
    items = []
    for proposal in proposals:
        need = proposal.thread.need
        may_accept = user.is_superuser or need.region.name in accepting
        view = "dialogue:accept" if may_accept else "dialogue:post"
        items.append(
            Item(
                title=Truncator(proposal.body).chars(90),
                url=reverse(view, args=[proposal.pk]),
                detail=f"{proposal.organisation.name} · {need.title}",
                when=proposal.created_at,
            )
        )
    return items


# --- Reports to moderate -----------------------------------------------------------------


def _reported_posts(user: AnyUser) -> QuerySet[Contribution]:
    unresolved = Q(reports__resolved_at=None)
    return (
        Contribution.objects.filter(pk__in=open_reports(user=user).values("contribution"))
        .annotate(
            open_report_count=Count("reports", filter=unresolved),
            last_reported_at=Max("reports__created_at", filter=unresolved),
        )
        .select_related("organisation", "thread")
        .order_by("-last_reported_at", "-pk")
    )


def _report_items(user: AnyUser, posts: list[Contribution]) -> list[Item]:
    return [
        Item(
            title=f"Inlägg i ”{post.thread.title}”",
            url=reverse("dialogue_admin:contribution", args=[post.pk]),
            detail=(
                f"{post.open_report_count} "
                f"{'anmälan' if post.open_report_count == 1 else 'anmälningar'} · "
                f"{post.organisation.name}"
            ),
            when=post.last_reported_at,
        )
        for post in posts
    ]


# --- Pending requests --------------------------------------------------------------------

_TEXT = CharField()


def _pending_requests(user: AnyUser) -> QuerySet:
    """Membership requests and proposed organisations the user may decide, as one list."""
    memberships = (
        Membership.objects.filter(pk__in=decidable_requests(user=user).values("pk"))
        .annotate(
            request_kind=Value("medlemskap", output_field=_TEXT),
            request_name=F("organisation__name"),
            first_name=F("user__first_name"),
            last_name=F("user__last_name"),
            requested=F("requested_at"),
        )
        .values("request_kind", "request_name", "first_name", "last_name", "requested")
        .order_by()
    )
    organisations = (
        Organisation.objects.filter(pk__in=decidable_organisations(user=user).values("pk"))
        .annotate(
            request_kind=Value("organisation", output_field=_TEXT),
            request_name=F("name"),
            first_name=F("requested_by__first_name"),
            last_name=F("requested_by__last_name"),
            requested=F("created_at"),
        )
        .values("request_kind", "request_name", "first_name", "last_name", "requested")
        .order_by()
    )
    # The parts of a union may not be ordered (SQLite refuses): only the whole is.
    return memberships.union(organisations, all=True).order_by("-requested")


def _request_items(user: AnyUser, rows: list[dict]) -> list[Item]:
    url = reverse("accounts_admin:pending")
    items = []
    for row in rows:
        person = " ".join(filter(None, [row["first_name"], row["last_name"]])) or "Namnlös"
        if row["request_kind"] == "medlemskap":
            title = f"Ansökan om medlemskap i {row['request_name']}"
            detail = f"Från {person}"
        else:
            title = f"Föreslagen organisation: {row['request_name']}"
            detail = f"Föreslagen av {person}"
        items.append(Item(title=title, url=url, detail=detail, when=row["requested"]))
    return items


# --- Pages awaiting review and good examples awaiting curation ----------------------------


def _reviewable_states(user: AnyUser) -> QuerySet[TaskState]:
    """Task states in progress that the user may approve.

    The rule of ``ReviewByOthersTask.get_task_states_user_can_moderate`` (a member of the
    task's groups, or a superuser, never for their own submission) asked once for all tasks in
    a single query, instead of a query per task as Wagtail's ``reviewable_by`` does.
    """
    if not user.is_authenticated:
        return TaskState.objects.none()
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__active=True,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
    )
    if not user.is_superuser:
        tasks = ReviewByOthersTask.objects.filter(groups__in=user.groups.all()).values("pk")
        states = states.filter(task__in=tasks)
    return (
        states.exclude(workflow_state__requested_by=user)
        .select_related("task", "workflow_state__requested_by")
        .order_by("-started_at", "-pk")
    )


def _pages_in_review(user: AnyUser) -> QuerySet[TaskState]:
    return _reviewable_states(user).exclude(task__name=CURATION_TASK_NAME)


def _examples_in_curation(user: AnyUser) -> QuerySet[TaskState]:
    return _reviewable_states(user).filter(task__name=CURATION_TASK_NAME)


def _review_items(user: AnyUser, states: list[TaskState]) -> list[Item]:
    pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    items = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        requester = state.workflow_state.requested_by
        name = requester.get_full_name() if requester else ""
        items.append(
            Item(
                title=page.draft_title,
                url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                detail=f"{state.task.name} · skickad av {name or 'okänd'}",
                when=state.started_at,
            )
        )
    return items


TODO_LISTS = (
    TodoList(
        slug="behov-utan-dialog",
        title="Kompetensbehov utan dialog",
        empty="Alla publicerade kompetensbehov har minst en publik dialog.",
        rows=_needs_without_dialogue,
        items=_need_items,
    ),
    TodoList(
        slug="forslag",
        title="Förslag som väntar på beslut",
        empty="Inga förslag på insats väntar på beslut.",
        rows=_open_proposals,
        items=_proposal_items,
    ),
    TodoList(
        slug="anmalningar",
        title="Anmälda inlägg att moderera",
        empty="Inga anmälda inlägg väntar.",
        rows=_reported_posts,
        items=_report_items,
    ),
    TodoList(
        slug="forfragningar",
        title="Väntande förfrågningar",
        empty="Inga ansökningar om medlemskap eller föreslagna organisationer väntar.",
        rows=_pending_requests,
        items=_request_items,
    ),
    TodoList(
        slug="granskning",
        title="Sidor som väntar på granskning",
        empty="Inga sidor väntar på din granskning.",
        rows=_pages_in_review,
        items=_review_items,
    ),
    TodoList(
        slug="kurering",
        title="Goda exempel som väntar på kurering",
        empty="Inga goda exempel väntar på kurering.",
        rows=_examples_in_curation,
        items=_review_items,
        curators_only=True,
    ),
)
TODO_LISTS_BY_SLUG = {todo.slug: todo for todo in TODO_LISTS}


def todo_lists_for(*, user: AnyUser) -> list[TodoList]:
    """The lists shown to ``user``: none for users who decide nothing."""
    if not is_dashboard_user(user=user):
        return []
    curator = is_curator(user=user)
    return [todo for todo in TODO_LISTS if curator or not todo.curators_only]


def panel(*, user: AnyUser, todo: TodoList, shown: int = NEWEST_SHOWN) -> Panel:
    rows = todo.rows(user)
    return Panel(todo=todo, count=rows.count(), items=todo.items(user, list(rows[:shown])))


def panels_for(*, user: AnyUser) -> list[Panel]:
    return [panel(user=user, todo=todo) for todo in todo_lists_for(user=user)]


def list_page(*, user: AnyUser, todo: TodoList, page_number: str | None) -> PaginatorPage:
    """One page of a full list; its ``object_list`` holds ``Item``s. Bad numbers give page 1
    or the last page (``Paginator.get_page``)."""
    page = Paginator(todo.rows(user), ITEMS_PER_PAGE).get_page(page_number)
    page.object_list = todo.items(user, list(page.object_list))
    return page
