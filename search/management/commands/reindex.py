"""``manage.py reindex``: rebuild the public search index from the content, in chunks."""

import sys

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.engines import writing_engines
from search.engines.base import EngineUnavailable


class ProgressBar:
    def __init__(self, stream, total: int, label: str, width: int = 40):
        self.stream, self.total, self.label, self.width, self.done = stream, total, label, width, 0

    def __call__(self, count: int) -> None:
        self.done += count
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * min(filled, self.width) + "-" * max(self.width - filled, 0)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
        self.stream.flush()


class Command(BaseCommand):
    help = "Bygger om sökindexet från innehållet (i omgångar, byter index atomiskt)."

    def handle(self, *args, **options):
        total = indexing.indexable_count()
        for engine in writing_engines():
            progress = ProgressBar(sys.stderr, total, engine.name)
            progress(0)
            try:
                count = indexing.rebuild(engine, progress=progress)
            except EngineUnavailable as error:
                raise CommandError(f"{engine.name}: {error}") from error
            sys.stderr.write("\n")
            self.stdout.write(f"{engine.name}: {count} dokument indexerade")
