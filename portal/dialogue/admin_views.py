"""The moderation queue in the Wagtail admin: reports, one contribution's history, the log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from accounts.mfa import MFARequired
from accounts.selectors import lacks_required_mfa
from portal.dialogue import selectors, services
from portal.dialogue.forms import ModerationForm
from portal.dialogue.models import Contribution, ModerationLogEntry, PostingBlock

ACTIONS = {
    "dolj": (services.hide_contribution, "Inlägget är dolt."),
    "aterstall": (services.restore_contribution, "Inlägget är återställt."),
    "avfarda": (services.dismiss_reports, "Anmälningarna är avfärdade."),
    "blockera": (services.block_author, "Skribenten kan inte längre skriva i dialogerna."),
    "hav-blockering": (services.unblock_author, "Skribenten kan skriva igen."),
}


def _require_moderator(request: HttpRequest) -> None:
    if not selectors.is_moderator(user=request.user):
        raise PermissionDenied(
            "Bara Tillväxtverkets kuratorer och regionernas redaktörer modererar dialogerna."
        )
    # The admin middleware already redirects these paths; this keeps moderation guarded even if
    # the views are ever mounted elsewhere.
    if lacks_required_mfa(user=request.user):
        raise MFARequired("Moderering kräver tvåstegsverifiering.")


def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    reports = selectors.open_reports(user=request.user)
    by_contribution: dict[int, dict] = {}
    for report in reports:
        entry = by_contribution.setdefault(
            report.contribution_id, {"contribution": report.contribution, "reports": []}
        )
        entry["reports"].append(report)
    hidden = Contribution.objects.filter(
        hidden_at__isnull=False,
        thread__need__region__in=selectors.moderated_regions(user=request.user).values("pk"),
    ).select_related("organisation", "thread")[:50]
    return TemplateResponse(
        request,
        "dialogue/admin/queue.html",
        {"entries": list(by_contribution.values()), "hidden": hidden},
    )


def contribution(request: HttpRequest, pk: int) -> HttpResponse:
    _require_moderator(request)
    post = selectors.moderatable_contribution(user=request.user, pk=pk)
    if post is None:
        raise Http404("Inlägget finns inte i en region du modererar.")
    form = ModerationForm(request.POST or None)
    if request.method == "POST":
        action = ACTIONS.get(request.POST.get("atgard", ""))
        if action is None:
            messages.error(request, "Välj vad som ska göras med inlägget.")
        elif form.is_valid():
            service, done = action
            try:
                service(
                    moderator=request.user, contribution=post, reason=form.cleaned_data["reason"]
                )
            except (PermissionDenied, ValidationError) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, done)
                return redirect("dialogue_admin:contribution", pk=post.pk)
    return TemplateResponse(
        request,
        "dialogue/admin/contribution.html",
        {
            "post": post,
            "form": form,
            "revisions": post.revisions.all(),
            "reports": post.reports.select_related("reporter", "resolved_by"),
            "author_blocked": PostingBlock.objects.filter(user=post.author).exists(),
            "log": ModerationLogEntry.objects.filter(contribution=post).select_related("moderator"),
        },
    )


def log(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    regions = selectors.moderated_regions(user=request.user).values("pk")
    entries = ModerationLogEntry.objects.filter(
        contribution__thread__need__region__in=regions
    ).select_related("moderator", "target_user", "contribution")[:200]
    return TemplateResponse(request, "dialogue/admin/log.html", {"entries": entries})
