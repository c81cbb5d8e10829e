from django.core.management.base import BaseCommand

from accounts.services import sync_reference_organisations


class Command(BaseCommand):
    help = (
        "Skapar en organisation för varje region och kommun i referensdata. Kan köras "
        "flera gånger: befintliga organisationer lämnas som de är."
    )

    def handle(self, *args, **options):
        result = sync_reference_organisations()
        self.stdout.write(
            f"Organisationer: {result.created} skapade, {result.renamed} med ändrat namn."
        )
