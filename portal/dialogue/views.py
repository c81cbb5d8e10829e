"""Public pages of the dialogue. Views translate HTTP to services; rules live elsewhere."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from accounts.mfa import MFARequired, require_mfa_when_privileged
from content.models import CompetenceNeedPage, ResultPage
from content.selectors import live_public
from portal.dialogue import forms, selectors, services, thread_filters
from portal.dialogue.models import Action, Contribution, Thread
from portal.dialogue.text import render_markdown
from portal.forms import single_line
from portal.request_numbers import whole_number

THREADS_PER_PAGE = 20
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _thread_or_404(request: HttpRequest, pk: int) -> Thread:
    # An invisible thread answers exactly like a missing one: its existence is not revealed.
    thread = (
        selectors.visible_threads(user=request.user)
        .select_related("need", "need__region", "started_for")
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        if selectors.moderator_readable_after_mfa(user=request.user, pk=pk):
            raise MFARequired("En moderator läser dialoger för endast inbjudna med MFA.")
        raise Http404("Dialogen finns inte.")
    return thread


def _contribution_or_404(request: HttpRequest, pk: int) -> Contribution:
    contribution = get_object_or_404(
        Contribution.objects.select_related("thread", "organisation", "author"), pk=pk
    )
    _thread_or_404(request, contribution.thread_id)
    return contribution


def _need_or_404(pk: int) -> CompetenceNeedPage:
    return get_object_or_404(live_public(CompetenceNeedPage.objects.all()), pk=pk)


def _show_error(request: HttpRequest, error: Exception) -> None:
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


def thread_list(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    if "mina" in request.GET and not signed_in:
        # "Mina organisationer" is someone's own list: sign in, then come back to it.
        return redirect_to_login(request.get_full_path())
    form = thread_filters.ThreadFilterForm(request.GET or None, signed_in=signed_in)
    filters = thread_filters.parse_filters(form)
    threads = selectors.listed_threads(
        user=request.user,
        regions=filters.regions,
        need_status=filters.need_status,
        sector=filters.sector,
        occupation=filters.occupation,
        thread_status=filters.thread_status,
        own_organisations=filters.own_organisations,
    )
    query = request.GET.copy()
    query.pop("page", None)
    filter_query = query.urlencode()
    paginator = Paginator(threads, THREADS_PER_PAGE)
    # A page past the end (threads were closed off, or a hand-typed URL) shows the last page
    # under its own URL; anything that is not a page number shows the first.
    number = whole_number(request.GET.get("page")) or 1
    if number > paginator.num_pages:
        if paginator.num_pages > 1:
            query["page"] = paginator.num_pages
        return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)
    page = paginator.get_page(number)
    page.object_list = list(page.object_list)
    kinds = selectors.participant_kinds(threads=page.object_list)
    for thread in page.object_list:
        thread.participant_kinds = kinds[thread.pk]
    return render(
        request,
        "dialogue/thread_list.html",
        {
            "page_obj": page,
            "filter_form": form,
            "filter_query": filter_query,
            "is_filtered": any(request.GET.get(name) for name in thread_filters.FILTER_PARAMETERS),
            "filter_errors": form.errors if form.is_bound else None,
        },
    )


def _thread_page_url(thread: Thread, *, page: int = 1, order: str = "") -> str:
    """The thread page's URL with its page and order; the defaults stay out of the URL."""
    query = {}
    if page > 1:
        query["page"] = page
    if order == selectors.NEWEST_FIRST:
        query["ordning"] = order
    return f"{thread.get_url()}?{urlencode(query)}" if query else thread.get_url()


def _post_order(request: HttpRequest) -> str:
    order = request.GET.get("ordning")
    return order if order in selectors.POST_ORDERS else selectors.OLDEST_FIRST


def _back_to_post(contribution: Contribution, order: str = selectors.OLDEST_FIRST) -> str:
    """Where a post is shown: its page of the thread, scrolled to the post."""
    thread = contribution.thread
    page = selectors.post_page_number(thread=thread, contribution=contribution, order=order)
    return f"{_thread_page_url(thread, page=page, order=order)}#inlagg-{contribution.pk}"


def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.path)
    thread = _thread_or_404(request, pk)
    permissions = selectors.ThreadPermissions(user=request.user, thread=thread, read_checked=True)
    organisations = permissions.organisations
    order = _post_order(request)
    form = None
    reply_to = None
    if request.method == "POST":
        form = forms.ContributionForm(request.POST, organisations=organisations)
        if form.is_valid():
            parent = None
            if form.cleaned_data["parent"]:
                parent = get_object_or_404(
                    Contribution, pk=form.cleaned_data["parent"], thread=thread
                )
            try:
                contribution, _ = services.post_contribution(
                    user=request.user, thread=thread, parent=parent, **form.service_arguments()
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Ditt inlägg är publicerat.")
                return redirect(_back_to_post(contribution, order))
        # Only a parent the form accepted is looked up; a tampered one shows as an error.
        reply_to = Contribution.objects.filter(
            pk=form.cleaned_data.get("parent") or 0, thread=thread
        ).first()
    elif permissions.organisation_list:
        reply_to = Contribution.objects.filter(
            pk=whole_number(request.GET.get("svar")) or 0, thread=thread
        ).first()
        form = forms.ContributionForm(
            organisations=organisations,
            initial={"parent": reply_to.pk if reply_to else None},
        )
    ids = selectors.post_order(thread=thread, order=order)
    paginator = Paginator(ids, selectors.POSTS_PER_PAGE)
    # A page past the end (posts were removed, or a hand-typed URL) shows the last page under
    # its own URL; anything that is not a page number shows the first.
    number = whole_number(request.GET.get("page")) or 1
    if number > paginator.num_pages and request.method == "GET":
        return redirect(_thread_page_url(thread, page=paginator.num_pages, order=order))
    page = paginator.get_page(number)
    posts = selectors.posts_in_order(ids=list(page.object_list))
    for post in posts:
        post.can_edit = permissions.can_edit(post)
        post.can_delete = permissions.can_delete(post)
        post.endorse_organisations = permissions.endorsing_organisations(post)
    # The current page and order, kept by the reply links and the order links' neighbours.
    page_query = urlencode(
        {
            **({"page": page.number} if page.number > 1 else {}),
            **({"ordning": order} if order != selectors.OLDEST_FIRST else {}),
        }
    )
    return render(
        request,
        "dialogue/thread_detail.html",
        {
            "thread": thread,
            "need": thread.need,
            "posts": posts,
            "page_obj": page,
            "post_count": paginator.count,
            "order": order,
            "order_label": selectors.POST_ORDERS[order],
            "orders": [
                (value, label, _thread_page_url(thread, order=value))
                for value, label in selectors.POST_ORDERS.items()
            ],
            "order_query": urlencode({"ordning": order}) if order != selectors.OLDEST_FIRST else "",
            "page_query": page_query,
            "form": form,
            "reply_to": reply_to,
            "participants": thread.participants.order_by("name"),
            # The reader may see this thread (_thread_or_404), so all its actions.
            "actions": selectors.actions_of_threads(threads=[thread]),
            "can_accept": permissions.can_accept,
            "can_moderate": permissions.can_moderate,
            "can_set_status": permissions.can_set_status,
            "status_form": forms.ThreadStatusForm(initial={"status": thread.status}),
            "following": permissions.is_following,
            "is_blocked": permissions.is_blocked,
        },
    )


def post(request: HttpRequest, pk: int) -> HttpResponse:
    """A lasting link to one post (notifications and e-mails use it): the page it is on now.

    Page numbers move as replies are added above a post, so stored links name the post and
    this works out its page when the link is followed.
    """
    contribution = _contribution_or_404(request, pk)
    return redirect(_back_to_post(contribution, _post_order(request)))


@login_required
def start_thread(request: HttpRequest, need_pk: int) -> HttpResponse:
    need = _need_or_404(need_pk)
    if not selectors.can_start_thread(user=request.user, need=need):
        return render(request, "dialogue/cannot_post.html", {"need": need}, status=403)
    organisations = selectors.posting_organisations(user=request.user)
    form = forms.ThreadForm(request.POST or None, organisations=organisations, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(user=request.user, need=need, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            _show_error(request, error)
        else:
            messages.success(request, "Dialogen är startad. Skriv gärna det första inlägget.")
            return redirect(services.thread_url(thread))
    return render(request, "dialogue/thread_form.html", {"form": form, "need": need})


@login_required
def edit_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _contribution_or_404(request, pk)
    if not selectors.can_edit(user=request.user, contribution=contribution):
        messages.error(
            request,
            f"Inlägget kan inte längre ändras: det går bara inom "
            f"{selectors.EDIT_WINDOW_MINUTES} minuter och bara för den som skrev det.",
        )
        return redirect(_back_to_post(contribution))
    form = forms.EditContributionForm(request.POST or None, initial={"body": contribution.body})
    if request.method == "POST" and form.is_valid():
        services.edit_contribution(
            user=request.user, contribution=contribution, body=form.cleaned_data["body"]
        )
        messages.success(request, "Inlägget är ändrat.")
        return redirect(_back_to_post(contribution))
    return render(
        request, "dialogue/contribution_edit.html", {"form": form, "contribution": contribution}
    )


@login_required
def delete_contribution(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _contribution_or_404(request, pk)
    if not selectors.can_delete(user=request.user, contribution=contribution):
        raise PermissionDenied("Bara den som skrev inlägget kan ta bort det.")
    if request.method == "POST":
        services.delete_contribution(user=request.user, contribution=contribution)
        messages.success(request, "Inlägget är borttaget.")
        return redirect(_back_to_post(contribution))
    return render(request, "dialogue/contribution_delete.html", {"contribution": contribution})


@require_POST
@login_required
def endorse(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _contribution_or_404(request, pk)
    organisations = selectors.endorsing_organisations(user=request.user, contribution=contribution)
    form = forms.EndorseForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            services.endorse(
                user=request.user,
                contribution=contribution,
                organisation=form.cleaned_data["organisation"],
            )
        except (PermissionDenied, ValidationError) as error:
            _show_error(request, error)
        else:
            messages.success(
                request, f"{form.cleaned_data['organisation'].name} stödjer nu förslaget."
            )
    else:
        messages.error(request, "Du kan inte stödja förslaget för någon av dina organisationer.")
    return redirect(_back_to_post(contribution))


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = _contribution_or_404(request, pk)
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report(user=request.user, contribution=contribution, **form.cleaned_data)
        messages.success(request, "Tack. En moderator tittar på anmälan.")
        return redirect(_back_to_post(contribution))
    return render(
        request, "dialogue/report_form.html", {"form": form, "contribution": contribution}
    )


@login_required
@require_mfa_when_privileged
def accept_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _contribution_or_404(request, pk)
    thread = proposal.thread
    if not selectors.can_accept(user=request.user, thread=thread):
        raise PermissionDenied("Bara regionens redaktörer kan anta ett förslag som insats.")
    candidates = thread.participants.order_by("name")
    form = forms.AcceptProposalForm(
        request.POST or None,
        organisations=candidates,
        initial={
            "responsible_organisations": [
                proposal.organisation_id,
                *proposal.endorsements.values_list("organisation_id", flat=True),
            ],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_proposal(user=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Förslaget är antaget som insats.")
            return redirect(_back_to_post(proposal))
    return render(request, "dialogue/accept_form.html", {"form": form, "proposal": proposal})


@login_required
@require_mfa_when_privileged
def update_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("thread", "need"), pk=pk)
    _thread_or_404(request, action.thread_id)
    if not selectors.can_accept(user=request.user, thread=action.thread):
        raise PermissionDenied("Bara regionens redaktörer kan uppdatera insatsen.")
    result_pages = ResultPage.objects.live().filter(region=action.need.region).order_by("title")
    form = forms.UpdateActionForm(
        request.POST or None,
        result_pages=result_pages,
        initial={
            "status": action.status,
            "start_date": action.start_date,
            "end_date": action.end_date,
            "result_page": action.result_page_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.update_action(user=request.user, action=action, **form.cleaned_data)
        messages.success(request, "Insatsen är uppdaterad.")
        return redirect(services.thread_url(action.thread))
    return render(request, "dialogue/action_form.html", {"form": form, "action": action})


@require_POST
@login_required
@require_mfa_when_privileged
def set_thread_status(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _thread_or_404(request, pk)
    form = forms.ThreadStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_thread_status(
                user=request.user, thread=thread, status=form.cleaned_data["status"]
            )
        except (PermissionDenied, ValidationError) as error:
            _show_error(request, error)
        else:
            messages.success(request, "Dialogens status är ändrad.")
    return redirect(services.thread_url(thread))


@require_POST
@login_required
def follow_thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _thread_or_404(request, pk)
    follow = request.POST.get("folj") == "1"
    services.set_follow(user=request.user, thread=thread, follow=follow)
    messages.success(
        request, "Du följer dialogen." if follow else "Du följer inte längre dialogen."
    )
    return redirect(services.thread_url(thread))


@require_POST
@login_required
def follow_need(request: HttpRequest, need_pk: int) -> HttpResponse:
    need = _need_or_404(need_pk)
    follow = request.POST.get("folj") == "1"
    services.set_follow(user=request.user, need=need, follow=follow)
    messages.success(
        request,
        "Du följer kompetensbehovet och alla dess dialoger."
        if follow
        else "Du följer inte längre kompetensbehovet.",
    )
    return redirect(need.url)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    settings_row = selectors.notification_settings(user=request.user)
    form = forms.NotificationSettingsForm(
        request.POST or None,
        initial={
            "email_frequency": settings_row.email_frequency,
            "region_updates": settings_row.region_updates,
        },
        region_choice=selectors.receives_region_updates(user=request.user),
    )
    if request.method == "POST":
        if "markera_lasta" in request.POST:
            services.mark_read(user=request.user)
            messages.success(request, "Alla notiser är markerade som lästa.")
            return redirect("dialogue:notifications")
        if form.is_valid():
            services.set_email_frequency(
                user=request.user,
                frequency=form.cleaned_data["email_frequency"],
                region_updates=form.cleaned_data.get("region_updates"),
            )
            messages.success(request, "Ditt val för e-post är sparat.")
            return redirect("dialogue:notifications")
    items = Paginator(selectors.notifications_for(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request, "dialogue/notifications.html", {"page_obj": items, "settings_form": form}
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Works without logging in: the signed token names the person."""
    try:
        signing.loads(token, salt=services.UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return render(request, "dialogue/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        services.unsubscribe(token=token)
        done = True
    return render(request, "dialogue/unsubscribe.html", {"done": done})


class PublicThreadFeed(Feed):
    """Atom feed of the newest threads anyone may read: built as an anonymous visitor."""

    feed_type = Atom1Feed
    title = "Dialoger – Kompetensförsörjningsportalen"
    subtitle = "De senaste öppna dialogerna om regionernas kompetensbehov."

    def link(self):
        return reverse("dialogue:list")

    def items(self):
        return (
            selectors.visible_threads(user=AnonymousUser())
            .select_related("need")
            .order_by("-created_at")[:50]
        )

    def item_title(self, item: Thread) -> str:
        return single_line(item.title)

    def item_description(self, item: Thread) -> str:
        # Atom's <summary type="html"> is HTML a feed reader renders: the purpose goes through
        # the same Markdown pipeline as the thread page, the need's title is escaped text.
        html = format_html("<p>{}:</p>", single_line(item.need.title))
        html += render_markdown(item.purpose)
        # XML 1.0 cannot carry control characters, and a thread stored earlier may hold some.
        return _XML_UNSAFE.sub("", html)

    def item_link(self, item: Thread) -> str:
        return services.thread_url(item)

    def item_pubdate(self, item: Thread):
        return item.created_at
