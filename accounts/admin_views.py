"""The admin's queue of pending membership requests and proposed organisations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from accounts import selectors, services
from accounts.models import Membership, Organisation
from portal.request_numbers import whole_number

# Decision button value -> (approve, as administrator)
DECISIONS = {"godkann": (True, False), "godkann-admin": (True, True), "avsla": (False, False)}
# Approved members of organisations without an administrator, shown for one-click promotion.
MEMBERS_WITHOUT_ADMIN_SHOWN = 50


def pending_requests(request: HttpRequest) -> HttpResponse:
    if not selectors.may_decide_requests(user=request.user):
        raise PermissionDenied(
            "Bara Tillväxtverkets personal och regionernas redaktörer beslutar om förfrågningar."
        )
    if request.method == "POST":
        if "gor-admin" in request.POST:
            _make_administrator(request)
        else:
            _decide(request)
        return redirect("accounts_admin:pending")
    return TemplateResponse(
        request,
        "accounts/admin/pending_requests.html",
        {
            "memberships": selectors.decidable_requests(user=request.user),
            "organisations": selectors.decidable_organisations(user=request.user),
            "members_without_admin": selectors.members_without_admin(user=request.user)[
                :MEMBERS_WITHOUT_ADMIN_SHOWN
            ],
        },
    )


def _make_administrator(request: HttpRequest) -> None:
    membership = get_object_or_404(Membership, pk=_posted_pk(request, "gor-admin"))
    try:
        services.make_administrator(membership=membership, decided_by=request.user)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request,
            f"{membership.user.get_full_name() or membership.user.email} är nu administratör "
            f"för {membership.organisation.name}.",
        )


def _decide(request: HttpRequest) -> None:
    decision = DECISIONS.get(request.POST.get("beslut", ""))
    if decision is None:
        messages.error(request, "Välj om förfrågan ska godkännas eller avslås.")
        return
    approve, as_admin = decision
    try:
        if "organisation" in request.POST:
            organisation = get_object_or_404(Organisation, pk=_posted_pk(request, "organisation"))
            services.decide_organisation(
                organisation=organisation, decided_by=request.user, approve=approve
            )
            messages.success(request, f"Beslutet om {organisation.name} är sparat.")
        else:
            membership = get_object_or_404(Membership, pk=_posted_pk(request, "medlemskap"))
            services.decide_membership(
                membership=membership, decided_by=request.user, approve=approve, as_admin=as_admin
            )
            messages.success(request, "Beslutet är sparat och den sökande har fått e-post.")
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))


def _posted_pk(request: HttpRequest, name: str) -> int:
    # A tampered form must give 404, not a ValueError from the database lookup.
    return whole_number(request.POST.get(name)) or 0
