"""``manage.py restore DIR``: restore a backup made by ``manage.py backup`` (portal.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Återställer en säkerhetskopia till en tom databas och MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="ersätt innehållet i en databas som inte är tom"
        )

    def handle(self, *args, directory: Path, force: bool, **options):
        try:
            manifest = restore_backup(source=directory, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Återställt från {directory} ({manifest.created}): {manifest.media_files} mediefiler."
        )
