import os
import signal
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from content.importer import ImportValidationError, import_publications


def lower_priority(niceness: int | None = None) -> None:
    """Run the rest of this process at ``niceness`` (``PORTAL_IMPORT_NICENESS``).

    A bulk import is a background job: at niceness 10 the web workers (nice 0) get about nine
    tenths of a contended core. On two cores a 1,000-record import at nice 0 took one core for
    two minutes and pushed the load test's search p95 to 1.2 s (target 1 s).
    https://man7.org/linux/man-pages/man2/nice.2.html
    """
    niceness = settings.PORTAL_IMPORT_NICENESS if niceness is None else niceness
    if niceness > 0:
        os.nice(niceness)


def _exit_on_sigterm(signum, frame):
    raise SystemExit("Importen avbröts (SIGTERM). Ingenting har skrivits.")


class Command(BaseCommand):
    help = (
        "Importerar analyser, kompetensbehov, goda exempel och resultat från DIR/manifest.jsonl "
        "och bilagorna i DIR. Hela manifestet kontrolleras först; vid fel skrivs ingenting. "
        "Kan köras om: poster matchas på external_id. Skriver i korta transaktioner; de nya "
        "sidorna publiceras tillsammans i sista steget."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Mapp med manifest.jsonl och bilagor.")
        parser.add_argument(
            "--draft", action="store_true", help="Skapa utkast i stället för publicerade sidor."
        )
        parser.add_argument(
            "--niceness",
            type=int,
            default=None,
            help="Processens nice-värde under importen, så att webbsidorna går före "
            "(standard PORTAL_IMPORT_NICENESS, 10; 0 = oförändrat).",
        )

    def handle(self, *args, directory: Path, draft: bool, niceness: int | None, **options):
        if niceness is not None and niceness < 0:
            raise CommandError("--niceness kan inte vara negativt (högre prioritet än webben).")
        lower_priority(niceness)
        # A plain `kill` would end the process on the spot; as an exit, the import rolls back
        # and removes the files it stored (content.importer).
        # Only the main thread may set a handler (call_command may run elsewhere).
        in_main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm) if in_main_thread else None
        try:
            summary = import_publications(directory, draft=draft, progress=self.progress)
        except ImportValidationError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"Importen avbröts: {len(error.problems)} fel i manifestet. Ingenting har skrivits."
            ) from error
        finally:
            if in_main_thread:
                signal.signal(signal.SIGTERM, previous)
        if self.progress_shown:
            self.stderr.write("")
        self.stdout.write(
            f"Klart: {summary.created} skapade, {summary.updated} uppdaterade, "
            f"{summary.unchanged} oförändrade."
        )
        for note in summary.drafts:
            self.stdout.write(f"Sparad som utkast: {note}")
        if options["verbosity"] >= 2:
            longest = f"{summary.longest_transaction:.2f}".replace(".", ",")
            self.stdout.write(
                f"Skrivtransaktioner: {summary.transactions}, den längsta {longest} s."
            )

    progress_shown = False

    def progress(self, done: int, total: int) -> None:
        """A progress bar on a terminal; a line per tenth on a log."""
        interactive = sys.stderr.isatty()
        step = max(total // 10, 1)
        if not interactive and done % step and done != total:
            return
        width = 30
        filled = width * done // total
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
        self.stderr.write(f"\r{bar}" if interactive else bar, ending="")
        if not interactive:
            self.stderr.write("")
        self.progress_shown = interactive
