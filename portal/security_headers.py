"""Content-Security-Policy (django-csp) and Permissions-Policy on every response.

The public site gets the strict ``CONTENT_SECURITY_POLICY``: scripts and styles only from the
portal's own static files, no plugins, never framed. Wagtail's admin (everything under its
prefix, page previews included) still ships inline ``<script>`` blocks (the explorer, inline
panels, date widgets), its editors' scripts inject ``<style>`` elements (Draftail, the table
block), it shows upload previews from ``blob:`` URLs and it frames its own preview, so its
responses get ``PORTAL_ADMIN_CSP_REPLACE`` instead of those directives. The admin's allowance is
scoped by path; the public policy is never loosened for it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

PERMISSIONS_POLICY_HEADER = "Permissions-Policy"


def is_admin_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(reverse("wagtailadmin_home"))


def permissions_policy(features: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` as ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in features.items())


class SecurityHeadersMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own @csp_replace still wins; the admin's allowance only fills the gap.
        if not report_only and parts.replace is None and is_admin_request(request):
            parts.replace = settings.PORTAL_ADMIN_CSP_REPLACE
        return parts

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response = super().process_response(request, response)
        if settings.PERMISSIONS_POLICY and PERMISSIONS_POLICY_HEADER not in response:
            response[PERMISSIONS_POLICY_HEADER] = permissions_policy(settings.PERMISSIONS_POLICY)
        return response
