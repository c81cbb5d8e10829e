from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


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
            user_model.objects.create_superuser(
                username=admin["username"], email=admin["email"], password=admin["password"]
            )
            self.stdout.write(f"Skapade administratören {admin['username']!r}.")
        elif not user.check_password(admin["password"]):
            self.stdout.write(
                f"Administratören {admin['username']!r} finns redan med ett annat lösenord; "
                "det har inte ändrats."
            )
            return
        self.stdout.write(
            "\nAdministration: http://127.0.0.1:8000/admin/\n"
            f"  Användarnamn: {admin['username']}\n"
            f"  Lösenord:     {admin['password']}\n"
            "  (sätt PORTAL_ADMIN_USERNAME / PORTAL_ADMIN_PASSWORD för andra uppgifter)\n"
        )
