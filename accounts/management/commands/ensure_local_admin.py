from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from accounts.services import ensure_profile


class Command(BaseCommand):
    help = (
        "Skapar den lokala administratören för `make run` om den saknas och skriver ut "
        "inloggningsuppgifterna. Ett befintligt konto lämnas orört."
    )

    def handle(self, *args, **options):
        admin = settings.LOCAL_ADMIN
        user_model = get_user_model()
        user = user_model.objects.filter(username=admin["username"]).first()
        if user is None:
            user = user_model.objects.create_superuser(
                username=admin["username"], email=admin["email"], password=admin["password"]
            )
            self.stdout.write(f"Skapade administratören {admin['username']!r}.")
        elif not user.check_password(admin["password"]):
            self.stdout.write(
                f"Administratören {admin['username']!r} finns redan med ett annat lösenord; "
                "det har inte ändrats."
            )
            return
        # Signing in is by e-mail, and allauth requires the address to be verified; an admin
        # created before the portal used allauth gets the address here.
        if user.email:
            EmailAddress.objects.get_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
        ensure_profile(user=user)
        self.stdout.write(
            f"\nAdministration: {settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/\n"
            f"  E-post (inloggning): {user.email}\n"
            f"  Lösenord:            {admin['password']}\n"
            "  (sätt PORTAL_ADMIN_EMAIL / PORTAL_ADMIN_PASSWORD för andra uppgifter)\n"
        )
        if settings.PORTAL_MFA_REQUIRED:
            self.stdout.write(
                "  Tvåstegsverifiering krävs: du får aktivera den med en autentiseringsapp "
                "vid första besöket i administrationen.\n"
            )
        else:
            self.stdout.write(
                "  OBS: kravet på tvåstegsverifiering är AVSTÄNGT (PORTAL_MFA_REQUIRED=0), "
                "bara för den lokala demon. Stäng aldrig av det i produktion.\n"
            )
