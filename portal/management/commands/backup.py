"""``manage.py backup DIR``: a consistent online copy of the database and media (portal.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Säkerhetskopierar databasen (med sökindex) och mediefilerna till en ny mapp."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            manifest = create_backup(target=directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Säkerhetskopia i {directory}: {manifest.vendor}-databas ({manifest.database_file}), "
            f"{manifest.media_files} mediefiler, {manifest.created}."
        )
