"""``make bench``: index build time and search latency at 10,000 and 100,000 documents.

For each database (SQLite, and PostgreSQL when BENCH_POSTGRES_URL or the default local role is
reachable) and each size, a fresh database is migrated, the corpus (``corpus.py``) is indexed
with the engine's full rebuild, and a fixed mix of 50 queries runs through the whole search
service (parse, synonyms, expansion, match, rank, facets, 20 highlighted hits). The floor is
the engine's own match-and-rank SQL for the same query (recorded, then replayed by the bare
database driver without Django); the ratio is search / floor. Prints a table and writes
``tests/benchmarks/results.json``.

    python tests/benchmarks/run_benchmarks.py [--sizes 10000 100000] [--databases sqlite postgresql]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results.json"
POSTGRES_ADMIN = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://portal_search:portal_search@127.0.0.1:5432/portal_search"
)
ROUNDS = 3

ONE_WORD = [
    "kompetensförsörjning",
    "undersköterskor",
    "lärare",
    "systemutvecklare",
    "vätgas",
    "validering",
    "försörjning",
    "elektriker",
    "prognos",
    "komvux",
    "usk",
    "dataanalys",
    "praktik",
    "bemanningen",
    "forsorjning",
]
TWO_WORDS = [
    "undersköterskor hemtjänsten",
    "lärare glesbygden",
    "elektriker industrin",
    "kompetensförsörjning regionen",
    "systemutvecklare automation",
    "svetsare omställningen",
    "kockar besöksnäringen",
    "sjuksköterskor pensionsavgångarna",
    "barnskötare förskollärare",
    "lastbilsförare matchningen",
    "vätgas batteritillverkning",
    "yh ingenjörer",
    "språkstöd validering",
    "snickare byggnadsarbetare",
    "socialsekreterare bemanningen",
]
PHRASES = [
    '"svenska för invandrare"',
    '"kommunal vuxenutbildning"',
    '"personlig assistent"',
    '"de mindre kommunerna"',
    '"korta vägen till arbete"',
    '"planering och dialog"',
    '"möta behovet"',
    '"IT-säkerhet"',
    '"följs upp varje år"',
    '"fler systemutvecklare"',
]
FILTERED = [
    ("undersköterskor", {"region": ["22"], "sector": ["Q"]}),
    ("kompetensförsörjning", {"region": ["01"], "type": ["analysis"]}),
    ("lärare", {"sector": ["P"], "horizon": ["long"]}),
    ("elektriker", {"region": ["14"], "occupation": ["7"]}),
    ("prognos", {"type": ["need"], "year": ["2024"]}),
    ("validering", {"region": ["12", "13"], "sector": ["Q", "P"]}),
    ("systemutvecklare", {"type": ["analysis", "need"], "region": ["03"]}),
    ("kompetens", {"status": ["i_dialog"], "region": ["25"]}),
    ("vätgas", {"sector": ["C"], "horizon": ["short"]}),
    ("behov", {"occupation": ["2"], "type": ["result"]}),
]


def queries() -> list[tuple[str, str, dict]]:
    mix = [("one word", q, {}) for q in ONE_WORD]
    mix += [("two words", q, {}) for q in TWO_WORDS]
    mix += [("phrase", q, {}) for q in PHRASES]
    mix += [("two filters", q, filters) for q, filters in FILTERED]
    assert len(mix) == 50
    return mix


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- worker: one database, one size ------------------------------------------------------------
def worker(database_url: str, size: int) -> dict:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict

    from search import services
    from search.engines.database import DatabaseEngine
    from search.params import parse
    from tests.benchmarks import corpus

    call_command("migrate", verbosity=0)
    documents = list(corpus.documents(size))
    started = time.perf_counter()
    DatabaseEngine().rebuild(documents)
    build_seconds = time.perf_counter() - started
    del documents

    prepared = []
    for kind, text, filters in queries():
        data = QueryDict(mutable=True)
        data["q"] = text
        for name, values in filters.items():
            data.setlist(name, values)
        params = parse(data).params
        prepared.append((kind, params))

    latencies: dict[str, list[float]] = {}
    floor: list[float] = []
    search_all: list[float] = []
    for round_number in range(ROUNDS + 1):
        for kind, params in prepared:
            started = time.perf_counter()
            outcome = services.run_search(params=params)
            elapsed = (time.perf_counter() - started) * 1000
            assert len(outcome.result.hits) <= 20
            if round_number:  # round 0 warms caches (the bitmaps, the OS page cache)
                latencies.setdefault(kind, []).append(elapsed)
                search_all.append(elapsed)

    # The floor: the engine's own match and rank statements, recorded from one search each,
    # replayed through the bare database driver (no Django, no parsing, facets or snippets).
    raw = []
    for _, params in prepared:
        recorded = []

        def record(execute, sql, args, many, context, recorded=recorded):
            recorded.append((sql, args))
            return execute(sql, args, many, context)

        with connection.execute_wrapper(record):
            services.run_search(params=params)
        statements = [
            (sql, args if isinstance(args, dict) else list(args or []))
            for sql, args in recorded
            # The planner settings the PostgreSQL engine sets for its searches, then its SQL.
            if "search_fts MATCH" in sql or "FROM search_pg_match" in sql or "SET LOCAL" in sql
        ]
        if connection.vendor == "sqlite":
            statements = [(sql.replace("%s", "?"), args) for sql, args in statements]
        raw.append(statements)
    if connection.vendor == "sqlite":
        import sqlite3

        driver = sqlite3.connect(connection.settings_dict["NAME"])
    else:
        import psycopg

        driver = psycopg.connect(database_url)
    cursor = driver.cursor()
    for round_number in range(ROUNDS + 1):
        for statements in raw:
            started = time.perf_counter()
            for sql, args in statements:
                cursor.execute(sql, args)
                if cursor.description:
                    cursor.fetchall()
            if round_number:
                floor.append((time.perf_counter() - started) * 1000)
    driver.close()
    return {
        "database": connection.vendor,
        "documents": size,
        "build_seconds": round(build_seconds, 1),
        "p50_ms": round(statistics.median(search_all), 1),
        "p95_ms": round(percentile(search_all, 0.95), 1),
        "floor_p50_ms": round(statistics.median(floor), 1),
        "floor_p95_ms": round(percentile(floor, 0.95), 1),
        "by_kind_p95_ms": {
            kind: round(percentile(values, 0.95), 1) for kind, values in latencies.items()
        },
    }


# --- driver ------------------------------------------------------------------------------------
def database_url(vendor: str, size: int) -> str:
    if vendor == "sqlite":
        path = Path("/tmp") / f"portal_search_bench_{size}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    name = f"portal_search_bench_{size}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--worker", nargs=2, metavar=("DATABASE_URL", "SIZE"))
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker[0], int(args.worker[1]))))
        return
    results = []
    for vendor in args.databases:
        for size in args.sizes:
            url = database_url(vendor, size)
            print(f"… {vendor} {size:,} documents", file=sys.stderr, flush=True)
            output = subprocess.run(
                [sys.executable, __file__, "--worker", url, str(size)],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout
            results.append(json.loads(output.strip().splitlines()[-1]))
    report(results)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nJSON: {RESULTS.relative_to(ROOT)}")


def report(results: list[dict]) -> None:
    header = (
        f"{'database':<11}{'docs':>9}{'build s':>9}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'floor p50':>11}{'floor p95':>11}{'ratio p95':>11}"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        ratio = row["p95_ms"] / row["floor_p95_ms"] if row["floor_p95_ms"] else float("inf")
        row["ratio_p95"] = round(ratio, 2)
        print(
            f"{row['database']:<11}{row['documents']:>9,}{row['build_seconds']:>9}{row['p50_ms']:>9}"
            f"{row['p95_ms']:>9}{row['floor_p50_ms']:>11}{row['floor_p95_ms']:>11}{ratio:>11.2f}"
        )
    for vendor in {row["database"] for row in results}:
        rows = {row["documents"]: row for row in results if row["database"] == vendor}
        if 10_000 in rows and 100_000 in rows:
            growth = rows[100_000]["p95_ms"] / rows[10_000]["p95_ms"]
            rows[100_000]["p95_growth_from_10k"] = round(growth, 2)
            print(f"{vendor}: p95 growth 10k → 100k: {growth:.2f}×")


if __name__ == "__main__":
    main()
