import time

from django.conf import settings
from django.core.management.base import BaseCommand

from portal import scheduling


class Command(BaseCommand):
    help = (
        "Köar de schemalagda bakgrundsjobben (dialogens dagliga och veckovisa "
        "sammanfattningar) och upprepar det varje timme tills processen stoppas. "
        "Med --once köas de en gång, för den som hellre kör kommandot från cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Köa en gång och avsluta (för cron)."
        )
        parser.add_argument(
            "--interval",
            type=int,
            default=settings.DIGEST_SCHEDULE_SECONDS,
            help="Sekunder mellan varven (standard: %(default)s).",
        )

    def handle(self, *args, once: bool, interval: int, **options):
        try:
            while True:
                for line in scheduling.enqueue_due():
                    self.stdout.write(line)
                if once:
                    return
                time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write("Schemaläggaren stoppad.")
