from django.core.management.base import BaseCommand

from portal.dialogue.demo import load_demo_dialogue
from portal.dialogue.models import Action, Contribution, Endorsement, Thread


class Command(BaseCommand):
    help = (
        "Läser in demodialoger (trådar, inlägg, stöd och antagna insatser) för regionernas "
        "demobehov. Kör efter load_demo_content. Kan köras flera gånger."
    )

    def handle(self, *args, **options):
        created = load_demo_dialogue()
        self.stdout.write(
            f"Demodialoger: {created} nya trådar. Totalt {Thread.objects.count()} "
            f"trådar, {Contribution.objects.count()} inlägg, {Endorsement.objects.count()} "
            f"stöd, {Action.objects.count()} insatser."
        )
