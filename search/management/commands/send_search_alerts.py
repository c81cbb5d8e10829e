from django.core.management.base import BaseCommand

from search.alerts import send_search_alerts
from search.models import SavedSearch


class Command(BaseCommand):
    help = (
        "Skickar mejl om nya träffar för de bevakade sökningar som är på tur. Kan köras hur "
        "ofta som helst: samma träff skickas aldrig två gånger för samma bevakning."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=SavedSearch.Frequency.values,
            help="bara bevakningar med den här frekvensen (daily eller weekly)",
        )
        parser.add_argument(
            "--ignore-schedule",
            action="store_true",
            help="kontrollera bevakningarna nu även om de inte är på tur",
        )

    def handle(self, *args, **options):
        sent = send_search_alerts(
            frequency=options["frequency"], ignore_schedule=options["ignore_schedule"]
        )
        self.stdout.write(f"Mejl om bevakade sökningar skickade: {sent}.")
