"""Account pages: profile, data export, deletion, organisations and membership decisions.

Views translate between HTTP and the services; the rules live in services and selectors.
"""

import json

from allauth.account.internal.flows.email_verification_by_code import (
    EMAIL_VERIFICATION_CODE_SESSION_KEY,
)
from allauth.account.views import email_verification_sent
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import selectors, services
from accounts.forms import DeleteAccountForm, OrganisationProposalForm, ProfileForm
from accounts.mfa import require_mfa_when_privileged
from accounts.models import Membership, Organisation, OrganisationKind
from content.models import Region

ORGANISATIONS_PER_PAGE = 25


def admin_login(request: HttpRequest) -> HttpResponse:
    """Where Wagtail sends people it will not let into the admin.

    Anonymous visitors sign in through allauth (with its MFA step); a signed-in person without
    admin rights is told so instead of being shown a login form they have already passed.
    """
    next_url = request.GET.get("next", reverse("wagtailadmin_home"))
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, login_url=reverse("account_login"))
    return render(request, "accounts/admin_denied.html", status=403)


CODE_NO_LONGER_VALID = (
    "Verifieringskoden gäller inte längre: den har gått ut eller angetts fel för många "
    "gånger. Logga in med din e-postadress och ditt lösenord, så skickar vi en ny kod."
)


def confirm_email_code(request: HttpRequest) -> HttpResponse:
    """allauth's code entry page, plus a message when the code has expired.

    allauth drops an expired or exhausted verification silently and shows the login page;
    the person needs to know why and what to do next.
    """
    had_code = EMAIL_VERIFICATION_CODE_SESSION_KEY in request.session
    response = email_verification_sent(request)
    if (
        had_code
        and EMAIL_VERIFICATION_CODE_SESSION_KEY not in request.session
        and response.status_code == 302
        and response.url.startswith(reverse("account_login"))
    ):
        messages.error(request, CODE_NO_LONGER_VALID)
    return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    account_profile = services.ensure_profile(user=user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.update_profile(user=user, **form.cleaned_data)
            messages.success(request, "Dina uppgifter är sparade.")
            return redirect("accounts:profile")
    else:
        form = ProfileForm(
            initial={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "title": account_profile.title,
            }
        )
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "memberships": selectors.memberships_of(user=user),
            "administered": selectors.administered_organisations(user=user),
            "mfa_required": selectors.mfa_is_required(user=user),
        },
    )


@login_required
def export_data(request: HttpRequest) -> HttpResponse:
    data = selectors.user_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mina-uppgifter-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user=request.user)
        logout(request)
        messages.success(request, "Ditt konto är borttaget och dina personuppgifter raderade.")
        return redirect("/")
    return render(request, "accounts/delete_account.html", {"form": form})


def organisation_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("typ", "")
    region_code = request.GET.get("region", "")
    organisations = selectors.search_organisations(query=query, kind=kind, region_code=region_code)
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("sida"))
    filters = request.GET.copy()
    filters.pop("sida", None)
    return render(
        request,
        "accounts/organisation_list.html",
        {
            "page_obj": page,
            "query": query,
            "kind": kind,
            "region_code": region_code,
            "kinds": OrganisationKind.choices,
            "regions": Region.objects.order_by("name"),
            "filter_query": filters.urlencode(),
        },
    )


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.select_related("region", "municipality"), pk=pk, is_approved=True
    )
    can_decide = selectors.is_agency_staff(user=request.user) or selectors.administers(
        user=request.user, organisation=organisation
    )
    return render(
        request,
        "accounts/organisation_detail.html",
        {
            "organisation": organisation,
            "membership": selectors.membership_of(user=request.user, organisation=organisation),
            "pending": selectors.pending_requests(organisation=organisation) if can_decide else [],
            "can_decide": can_decide,
        },
    )


@login_required
def propose_organisation(request: HttpRequest) -> HttpResponse:
    form = OrganisationProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.propose_organisation(user=request.user, organisation=form.instance)
        messages.success(
            request,
            f"Tack! {form.instance.name} granskas av Tillväxtverkets personal. Du får ett "
            "mejl när organisationen är godkänd, och blir då dess administratör.",
        )
        return redirect("accounts:profile")
    return render(request, "accounts/organisation_propose.html", {"form": form})


@require_POST
@login_required
def request_membership(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk, is_approved=True)
    try:
        services.request_membership(user=request.user, organisation=organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Din ansökan om medlemskap i {organisation.name} är skickad. Du får ett "
            "mejl när den är beslutad.",
        )
    return redirect("accounts:organisation_detail", pk=organisation.pk)


@require_POST
@login_required
@require_mfa_when_privileged
def decide_membership(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    decision = request.POST.get("beslut")
    if decision not in {"godkann", "avsla"}:
        messages.error(request, "Välj om ansökan ska godkännas eller avslås.")
        return redirect("accounts:organisation_detail", pk=membership.organisation_id)
    try:
        decided = services.decide_membership(
            membership=membership, decided_by=request.user, approve=decision == "godkann"
        )
    except PermissionDenied as error:
        return render(request, "accounts/decision_denied.html", {"reason": str(error)}, status=403)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        verb = "godkänd" if decided.status == Membership.Status.APPROVED else "avslagen"
        messages.success(
            request,
            f"Ansökan från {selectors.public_name(user=decided.user)} är {verb}. "
            "Den sökande har fått besked via e-post.",
        )
    return redirect("accounts:organisation_detail", pk=membership.organisation_id)
