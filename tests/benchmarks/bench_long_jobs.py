"""How long the long jobs hold a write transaction: demo load, bulk import, reindex.

On SQLite a write transaction holds the database's only write lock; every other writer (a
member posting, an editor publishing) waits for it, so its longest one is what matters, not
the job's total time. On PostgreSQL readers never wait, and the numbers show how long rows
stay locked.

    .venv/bin/python -m tests.benchmarks.bench_long_jobs [--records 1000] [--database-url URL]

Uses a fresh SQLite database in a temporary folder unless ``--database-url`` names another
(give it a PostgreSQL database of its own: it is migrated and filled). Every write
transaction of this process's connection is timed from its BEGIN to its COMMIT or ROLLBACK,
the writes outside a transaction (one statement each) by the statement; work done after a
commit (the search index update) counts as its own transactions. Prints a table and writes
bench-results/long_jobs.json.
"""

import argparse
import io
import json
import os
import tempfile
import time
from pathlib import Path

from tests.benchmarks.bench_publishing import ROOT, build_manifest, setup_django

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class WriteTransactionTimer:
    """Times every write transaction of the default connection while it is active."""

    def __init__(self):
        from django.db import connection

        self.connection = connection
        self.durations: list[float] = []
        self.started: float | None = None

    def __enter__(self):
        connection = self.connection
        self.originals = {
            name: getattr(connection, name) for name in ("set_autocommit", "commit", "rollback")
        }

        def set_autocommit(autocommit, *args, **kwargs):
            if not autocommit and self.started is None:
                self.started = time.perf_counter()
            return self.originals["set_autocommit"](autocommit, *args, **kwargs)

        def ending(name):
            def end(*args, **kwargs):
                result = self.originals[name](*args, **kwargs)
                if self.started is not None:
                    self.durations.append(time.perf_counter() - self.started)
                    self.started = None
                return result

            return end

        connection.set_autocommit = set_autocommit
        connection.commit = ending("commit")
        connection.rollback = ending("rollback")
        self.wrapper = connection.execute_wrapper(self._statement)
        self.wrapper.__enter__()
        return self

    def _statement(self, execute, sql, params, many, context):
        if not (self.connection.get_autocommit() and sql.lstrip().upper().startswith(WRITES)):
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.durations.append(time.perf_counter() - started)

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)
        for name in self.originals:
            delattr(self.connection, name)

    def row(self, job: str, seconds: float, **details) -> dict:
        ordered = sorted(self.durations)
        return {
            "job": job,
            "seconds": seconds,
            "write_transactions": len(ordered),
            "longest_transaction_s": ordered[-1] if ordered else 0.0,
            "p99_transaction_s": ordered[int(0.99 * (len(ordered) - 1))] if ordered else 0.0,
            "total_in_transactions_s": sum(ordered),
            **details,
        }


def measure(job: str, run, **details) -> dict:
    with WriteTransactionTimer() as timer:
        started = time.perf_counter()
        extra = run() or {}
        elapsed = time.perf_counter() - started
    row = timer.row(job, elapsed, **details, **extra)
    # As soon as it is known: the whole run takes a while.
    print(json.dumps(row), flush=True)
    return row


def jobs(records: int, folder: Path) -> list[dict]:
    from django.core.management import call_command
    from django.db import connection

    from content.importer import import_publications
    from content.models import AnalysisPage

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    rows = [measure("load_demo_content", lambda: call_command("load_demo_content", **quiet))]
    rows.append(measure("load_demo_dialogue", lambda: call_command("load_demo_dialogue", **quiet)))
    directory = folder / "import"
    directory.mkdir()
    count = build_manifest(directory, records)

    def first_import():
        summary = import_publications(directory)
        return {
            "created": summary.created,
            "importer_longest_s": summary.longest_transaction,
            "importer_transactions": summary.transactions,
        }

    rows.append(measure(f"import_publications: {count} new records", first_import))
    rows.append(measure("reindex", lambda: call_command("reindex", **quiet)))
    manifest = directory / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    changed = []
    for line in lines:
        record = json.loads(line)
        record["summary"] += " Uppdaterad."
        changed.append(json.dumps(record, ensure_ascii=False))
    manifest.write_text("\n".join(changed) + "\n", encoding="utf-8")

    def reimport():
        summary = import_publications(directory)
        return {"updated": summary.updated, "importer_longest_s": summary.longest_transaction}

    rows.append(measure(f"import_publications: {count} changed records", reimport))
    for row in rows:
        row["database"] = connection.vendor
        row["live_analyses_after"] = AnalysisPage.objects.live().count()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--database-url", help="default: a new SQLite file in a temp folder")
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results" / "long_jobs.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        # A media folder of its own: an import removes the files of its folder that its own
        # database does not name, which would take another run's (or make run's) files.
        os.environ["MEDIA_ROOT"] = str(Path(folder) / "media")
        setup_django(args.database_url or f"sqlite:///{folder}/bench.sqlite3")
        rows = jobs(args.records, Path(folder))
    print(f"{'job':45} {'seconds':>8} {'writes':>7} {'longest':>8} {'p99':>7}")
    for row in rows:
        print(
            f"{row['job']:45} {row['seconds']:8.1f} {row['write_transactions']:7d} "
            f"{row['longest_transaction_s']:8.3f} {row['p99_transaction_s']:7.3f}"
        )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
