from django.conf import settings
from django.core.management.base import BaseCommand

from portal.dialogue.demo_logins import DEMO_PASSWORD, ensure_demo_logins


class Command(BaseCommand):
    help = (
        "Skapar eller uppdaterar demoinloggningarna för `make run` (regionredaktör, kurator, "
        "kommunmedlem, medlem hos utbildningsanordnare) med ett gemensamt, utskrivet lösenord. "
        "Körs bara med DEBUG på och aldrig med produktionsinställningarna."
    )

    def handle(self, *args, **options):
        # make serve runs the same setup with production settings: there the demo logins are
        # skipped, never created, since their password is printed and published in the README.
        if getattr(settings, "PORTAL_IS_PRODUCTION", False) or not settings.DEBUG:
            self.stdout.write(
                "Demoinloggningar skapas inte: de finns bara i den lokala demon (DEBUG på, "
                "inte produktionsinställningar)."
            )
            return
        logins = ensure_demo_logins()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"\nDemoinloggningar (lösenord för alla: {DEMO_PASSWORD}):")
        for login in logins:
            self.stdout.write(
                f"  {login.role} ({login.organisation})\n"
                f"    E-post:   {login.email}\n"
                f"    Börja på: {base}{login.start_url}"
            )
