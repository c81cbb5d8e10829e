from django.core.management.base import BaseCommand, CommandError
from django.utils.timezone import localtime

from portal import task_queue


class Command(BaseCommand):
    help = (
        "Visar bakgrundsjobbens kö: hur många som väntar, körs, är klara och har misslyckats, "
        "följt av de köade och de senast misslyckade med sitt fel. Avslutar med kod 1 om "
        "något jobb har gett upp (alla försök misslyckades), så att övervakning kan larma."
    )

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=50, help="Högst så många rader per lista.")

    def handle(self, *args, limit: int, **options):
        if not task_queue.keeps_a_queue():
            self.stdout.write("Bakgrundsjobben körs direkt när de köas; det finns ingen kö.")
            return
        counts = task_queue.counts()
        self.stdout.write(
            "Bakgrundsjobb: " + ", ".join(f"{label} {n}" for label, n in counts.items()) + "."
        )
        for item in task_queue.queued(limit=limit):
            if item.status == "RUNNING":
                state = "körs"
            elif item.run_after:
                state = f"köad, tidigast {localtime(item.run_after):%Y-%m-%d %H:%M}"
            else:
                state = "köad, nu"
            self.stdout.write(f"  {item.name} (försök {item.attempt}): {state}  [{item.id}]")
        for item in task_queue.failed(limit=limit):
            outcome = "nytt försök köat" if item.retried else "gav upp"
            self.stdout.write(
                f"  FEL {item.name} (försök {item.attempt}, {outcome}) "
                f"{localtime(item.finished_at):%Y-%m-%d %H:%M}  [{item.id}]\n      {item.error}"
            )
        if counts["misslyckade, gav upp"]:
            raise CommandError(
                f"{counts['misslyckade, gav upp']} bakgrundsjobb har misslyckats för gott."
            )
