"""The admin's queue of pending membership requests and proposed organisations."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from accounts import selectors, services
from accounts.models import Membership, Organisation
from portal.request_numbers import whole_number

DECISIONS = {"godkann": True, "avsla": False}


def pending_requests(request: HttpRequest) -> HttpResponse:
    if not selectors.is_agency_staff(user=request.user):
        raise PermissionDenied("Bara Tillväxtverkets personal kan besluta om förfrågningar.")
    if request.method == "POST":
        _decide(request)
        return redirect("accounts_admin:pending")
    return TemplateResponse(
        request,
        "accounts/admin/pending_requests.html",
        {
            "memberships": selectors.all_pending_requests().filter(organisation__is_approved=True),
            "organisations": selectors.pending_organisations(),
        },
    )


def _decide(request: HttpRequest) -> None:
    approve = DECISIONS.get(request.POST.get("beslut", ""))
    if approve is None:
        messages.error(request, "Välj om förfrågan ska godkännas eller avslås.")
        return
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
                membership=membership, decided_by=request.user, approve=approve
            )
            messages.success(request, "Beslutet är sparat och den sökande har fått e-post.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))


def _posted_pk(request: HttpRequest, name: str) -> int:
    # A tampered form must give 404, not a ValueError from the database lookup.
    return whole_number(request.POST.get(name)) or 0
