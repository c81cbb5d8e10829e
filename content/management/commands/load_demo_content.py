from django.core.management.base import BaseCommand

from content.demo import load_demo_content


class Command(BaseCommand):
    help = (
        "Läser in demoinnehåll för alla 21 regioner, en sida i taget, och två samlingar. "
        "Kan köras flera gånger utan att något skapas två gånger."
    )

    def handle(self, *args, **options):
        summary, collections = load_demo_content()
        self.stdout.write(
            f"Demoinnehåll: {summary.created} skapade, {summary.updated} uppdaterade, "
            f"{summary.unchanged} oförändrade; {collections} nya samlingar."
        )
