"""MFA before the admin: editors, curators and superusers without MFA are sent to set it up.

Privileged actions outside ``/admin/`` raise ``accounts.mfa.MFARequired``, which this middleware
turns into a page explaining the requirement (see accounts.mfa).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from accounts import selectors
from accounts.mfa import MFARequired, mfa_required_response

MFA_SETUP_MESSAGE = (
    "Du har behörighet att redigera eller moderera innehåll och måste därför använda "
    "tvåstegsverifiering. Aktivera den med en autentiseringsapp innan du går vidare till "
    "administrationen."
)


class RequireMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(reverse("wagtailadmin_home"))
            and request.user.is_authenticated
            and selectors.lacks_required_mfa(user=request.user)
        ):
            messages.warning(request, MFA_SETUP_MESSAGE)
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MFARequired):
            return mfa_required_response(request)
        return None
