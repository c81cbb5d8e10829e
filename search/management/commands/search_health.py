"""``manage.py search_health``: engine, document count, last update, mismatches."""

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.engines import writing_engines
from search.engines.base import EngineUnavailable

SHOWN = 10


class Command(BaseCommand):
    help = "Visar sökindexets skick och skillnader mot databasen; felkod 1 vid skillnader."

    def handle(self, *args, **options):
        expected = indexing.expected_keys()
        problems = False
        for engine in writing_engines():
            try:
                health = engine.health()
            except EngineUnavailable as error:
                self.stdout.write(f"{engine.name}: NÅS INTE ({error})")
                problems = True
                continue
            missing = sorted(expected - health.keys)
            stale = sorted(health.keys - expected)
            updated = health.last_update.isoformat() if health.last_update else "aldrig"
            self.stdout.write(
                f"{engine.name}: {health.document_count} dokument, senast uppdaterat {updated}"
            )
            self.stdout.write(f"  saknas i indexet: {len(missing)} {' '.join(missing[:SHOWN])}")
            self.stdout.write(f"  borde inte finnas: {len(stale)} {' '.join(stale[:SHOWN])}")
            problems |= bool(missing or stale)
        if problems:
            raise CommandError("sökindexet stämmer inte med databasen: kör manage.py reindex")
        self.stdout.write("Sökindexet stämmer med databasen.")
