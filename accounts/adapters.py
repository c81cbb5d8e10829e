"""allauth adapter: the portal's name in e-mails and where people land after signing in."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.urls import reverse

from accounts import services


class PortalAccountAdapter(DefaultAccountAdapter):
    # Clearer than allauth's own wording; these are the messages people meet most.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "E-postadressen eller lösenordet är fel.",
        "incorrect_code": "Koden är fel. Kontrollera den och försök igen.",
        "too_many_login_attempts": "För många misslyckade inloggningsförsök. Vänta några "
        "minuter och försök igen.",
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Without django.contrib.sites allauth would greet people with the host name.
        portal = SimpleNamespace(
            name=settings.WAGTAIL_SITE_NAME, domain=settings.WAGTAILADMIN_BASE_URL
        )
        super().send_mail(template_prefix, email, {"current_site": portal, **context})

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.ensure_profile(user=user)
        return user

    def get_login_redirect_url(self, request) -> str:
        return super().get_login_redirect_url(request) or reverse("accounts:profile")


class PortalMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": PortalAccountAdapter.error_messages["incorrect_code"],
    }
