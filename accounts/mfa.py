"""MFA for privileged actions on the public site, where the admin's redirect does not reach.

``RequireMFAMiddleware`` sends every ``/admin/`` request of a privileged user without MFA to the
set-up. A privileged action elsewhere (accepting a proposal, changing a thread's status, reading
a restricted thread as its moderator) raises ``MFARequired`` instead, and the middleware answers
with a page that says why and links to the set-up. Without the middleware the exception is still
a PermissionDenied, so nothing is ever let through.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import selectors

MFA_REQUIRED_TITLE = "Tvåstegsverifiering krävs"


class MFARequired(PermissionDenied):
    """A privileged user without an authenticator tried a privileged action."""


def _back_url(request: HttpRequest) -> str:
    """Where the person came from: the page itself for a GET, the referring page for a POST."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return "/"


def mfa_required_response(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/mfa_required.html",
        {"title": MFA_REQUIRED_TITLE, "back_url": _back_url(request)},
        status=403,
    )


def require_mfa_when_privileged(view):
    """Refuse the view to an editor, curator or superuser who has not set up MFA.

    Everyone else passes: the view's own permission check still decides what they may do.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if selectors.lacks_required_mfa(user=request.user):
            raise MFARequired(MFA_REQUIRED_TITLE)
        return view(request, *args, **kwargs)

    return wrapper
