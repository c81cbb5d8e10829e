from django.core.management.base import BaseCommand

from portal.dialogue.services import send_digests


class Command(BaseCommand):
    help = (
        "Skickar de dagliga och veckovisa sammanfattningarna som är på tur. Kan köras hur "
        "ofta som helst: samma notis skickas aldrig två gånger."
    )

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Sammanfattningar skickade: {sent}.")
