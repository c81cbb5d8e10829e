from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content import reference_data
from content.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = (
        "Läser in regioner, kommuner, SNI, SSYK och SUN från content/data/ och skapar "
        "sidträdet med regionsidor och redaktörsgrupper. Kan köras flera gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=reference_data.DATA_DIR,
            help="Mapp med referensfilerna (standard: content/data).",
        )

    def handle(self, *args, data_dir: Path, **options):
        try:
            loaded = reference_data.load(data_dir)
        except reference_data.ReferenceDataError as error:
            raise CommandError(
                "Referensdata är felaktiga, inget har skrivits:\n" + "\n".join(error.problems)
            ) from error
        structure = ensure_site_structure()
        self.stdout.write(
            f"Referensdata: {loaded.created} nya, {loaded.updated} uppdaterade. "
            f"Sidor skapade: {len(structure.created_pages)}. "
            f"Grupper skapade: {len(structure.created_groups)}."
        )
