import signal
import sys
import threading
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.importer import ImportValidationError, import_publications


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

    def handle(self, *args, directory: Path, draft: bool, **options):
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
