"""``make bench``: index build time and search latency at 10,000 and 100,000 documents.

For each database (SQLite, and PostgreSQL when BENCH_POSTGRES_URL or the default local role is
reachable) and each size, a fresh database is migrated, the corpus (``corpus.py``) is indexed
with the engine's full rebuild, and a fixed mix of 50 queries runs through the whole search
service (parse, synonyms, expansion, match, rank, facets, 20 highlighted hits). The floor is
the same match and rank as raw SQL, replayed by the bare database driver without Django
(:func:`floor_statements`); the ratio is search / floor. Prints a table and writes
``tests/benchmarks/results.json``.

Two rounds follow the quiet one. The mixed round writes one document (an upsert) before every
10th search: p95 of all searches, of the first search after each write, and of the writes.
The rebuild round rebuilds the whole index while a second process searches without pause:
searches that failed, their p95 during the rebuild, and the rebuild's time. SQLite databases
run in WAL mode (readers and the one writer never wait for each other).

    python tests/benchmarks/run_benchmarks.py [--sizes 10000 100000] [--databases sqlite postgresql]
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results.json"
POSTGRES_ADMIN = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://portal_search:portal_search@127.0.0.1:5432/portal_search"
)
ROUNDS = 3
# The mixed round: one write before every WRITE_EVERY-th search.
WRITE_EVERY = 10

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
def _setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepared_queries() -> list[tuple[str, object]]:
    from django.http import QueryDict

    from search.params import parse

    prepared = []
    for kind, text, filters in queries():
        data = QueryDict(mutable=True)
        data["q"] = text
        for name, values in filters.items():
            data.setlist(name, values)
        prepared.append((kind, parse(data).params))
    return prepared


def worker(database_url: str, size: int) -> dict:
    _setup(database_url)
    from django.core.management import call_command
    from django.db import connection

    from search import services
    from search.engines.database import DatabaseEngine
    from tests.benchmarks import corpus

    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode = WAL")
    documents = list(corpus.documents(size))
    started = time.perf_counter()
    DatabaseEngine().rebuild(documents)
    build_seconds = time.perf_counter() - started
    del documents
    vacuum_seconds = None
    if connection.vendor == "postgresql":
        # What autovacuum does within a minute of a bulk load (visibility map, hint bits,
        # statistics). Done here, outside the timed build, so that it never runs in the
        # middle of the timed queries, where it made p95 vary by a third from run to run.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) search_document, search_pg_match")
        vacuum_seconds = round(time.perf_counter() - started, 1)

    prepared = prepared_queries()

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

    # The floor: the same match and rank as raw SQL, replayed through the bare database driver
    # (no Django, no parsing, facets or snippets).
    raw = [floor_statements(params) for _, params in prepared]
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
    mixed = mixed_round(prepared)
    memory = bitmap_memory()
    rebuild = rebuild_round(database_url, size)
    return {
        "database": connection.vendor,
        "documents": size,
        "build_seconds": round(build_seconds, 1),
        "vacuum_seconds": vacuum_seconds,
        "p50_ms": round(statistics.median(search_all), 1),
        "p95_ms": round(percentile(search_all, 0.95), 1),
        "floor_p50_ms": round(statistics.median(floor), 1),
        "floor_p95_ms": round(percentile(floor, 0.95), 1),
        "by_kind_p95_ms": {
            kind: round(percentile(values, 0.95), 1) for kind, values in latencies.items()
        },
        "mixed": mixed,
        "rebuild": rebuild,
        "memory": memory,
    }


def mixed_round(prepared) -> dict:
    """One upsert before every WRITE_EVERY-th search, over ROUNDS rounds of the query mix.

    The written documents are the corpus's with another seed: some keys are new, most
    rewrite a stored document with new text, filters and date.
    """
    from search import services
    from search.engines.database import DatabaseEngine
    from tests.benchmarks import corpus

    engine = DatabaseEngine()
    searches = prepared * ROUNDS
    writes = iter(list(corpus.documents(len(searches) // WRITE_EVERY + 1, seed=7)))
    all_searches: list[float] = []
    after_write: list[float] = []
    write_ms: list[float] = []
    for number, (_kind, params) in enumerate(searches):
        wrote = number % WRITE_EVERY == 0
        if wrote:
            started = time.perf_counter()
            engine.upsert([next(writes)])
            write_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        services.run_search(params=params)
        elapsed = (time.perf_counter() - started) * 1000
        all_searches.append(elapsed)
        if wrote:
            after_write.append(elapsed)
    return {
        "searches": len(all_searches),
        "writes": len(write_ms),
        "p95_ms": round(percentile(all_searches, 0.95), 1),
        "first_after_write_p95_ms": round(percentile(after_write, 0.95), 1),
        "write_p95_ms": round(percentile(write_ms, 0.95), 1),
    }


def bitmap_memory() -> dict:
    """The facet bitmaps' size in this process, and the process's peak resident size."""
    from search.engines.database import bitmaps

    loaded = next(iter(bitmaps.cache._loaded.values()))
    maps = loaded.maps
    values = sum(
        (bitmap.bit_length() + 7) // 8
        for items in maps.values.values()
        for bitmap in items.values()
    )
    return {
        "bitmaps_mb": round((values + maps.order.nbytes + maps.days.nbytes) / 2**20, 1),
        "facet_values": sum(len(items) for items in maps.values.values()),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def rebuild_round(database_url: str, size: int) -> dict:
    """A full rebuild while another process searches without pause (the query mix, looped)."""
    from search.engines.database import DatabaseEngine
    from tests.benchmarks import corpus

    documents = list(corpus.documents(size))
    with tempfile.TemporaryDirectory() as folder:
        stop = Path(folder) / "stop"
        errors = Path(folder) / "errors"
        searcher = subprocess.Popen(
            [sys.executable, __file__, "--searcher", database_url, str(stop)],
            stdout=subprocess.PIPE,
            stderr=errors.open("w"),
            text=True,
            cwd=ROOT,
        )
        assert searcher.stdout.readline().strip() == "ready"
        started_at = time.time()
        started = time.perf_counter()
        DatabaseEngine().rebuild(documents)
        seconds = time.perf_counter() - started
        finished_at = time.time()
        stop.touch()
        output = searcher.communicate()[0]
        failures = [line for line in errors.read_text().splitlines() if "search failed" in line]
    searches = json.loads(output.strip().splitlines()[-1])
    during = [row for row in searches if started_at <= row[0] <= finished_at]
    answered = [row[1] for row in during if row[2]]
    return {
        "rebuild_seconds": round(seconds, 1),
        "searches_during": len(during),
        "failed_searches": sum(1 for row in during if not row[2]),
        "p95_during_ms": round(percentile(answered, 0.95), 1) if answered else None,
        "max_during_ms": round(max(answered), 1) if answered else None,
        "errors": sorted(set(failures))[:5],
    }


def searcher(database_url: str, stop: str) -> None:
    """The rebuild round's second process: searches until ``stop`` exists; prints, as JSON,
    (start time, milliseconds, answered) per search. A failed search is recorded, not fatal."""
    _setup(database_url)
    from search import services

    prepared = prepared_queries()
    for _kind, params in prepared:  # warm: the bitmaps are loaded before the rebuild starts
        services.run_search(params=params)
    print("ready", flush=True)
    rows = []
    while not Path(stop).exists():
        for _kind, params in prepared:
            started_at = time.time()
            started = time.perf_counter()
            try:
                services.run_search(params=params)
                answered = True
            except Exception as error:  # the round counts failures; the cause goes to stderr
                print(f"search failed: {error!r}", file=sys.stderr)
                answered = False
            rows.append((started_at, (time.perf_counter() - started) * 1000, answered))
    print(json.dumps(rows))


def floor_statements(params) -> list[tuple[str, list | dict]]:
    """The raw SQL that matches and ranks the search ``params`` asks for.

    PostgreSQL: the engine's own statements, recorded from one search: the stored bitmaps of
    the query's common tokens, the rare ones from the GIN index, and ``ts_rank`` of the ranking
    windows (the bitmap operations between them are Python, left out of the floor). SQLite,
    whose engine matches and ranks over token bitmaps in Python, has no such statements: its
    floor is what FTS5 does for the same search in SQL, all matching ids (for the facets) and
    bm25 over the newest 1,000 matches (FTS5 holds no filter tokens: the filters, matched over
    the facet bitmaps, are left out of the floor).
    """
    from django.db import connection

    from search import services

    if connection.vendor == "postgresql":
        recorded = []

        def record(execute, sql, args, many, context):
            recorded.append((sql, args))
            return execute(sql, args, many, context)

        with connection.execute_wrapper(record):
            services.run_search(params=params)
        return [
            (sql, args if isinstance(args, dict) else list(args or []))
            for sql, args in recorded
            # The planner settings the engine sets for its searches, then its SQL.
            if any(part in sql for part in ("FROM search_pg_match", "FROM search_token_bitmap"))
            or "SET LOCAL" in sql
        ]
    query = services.build_query(params=params)
    text = fts5_expression(query.parsed)
    return [
        ("SELECT group_concat(rowid) FROM search_fts WHERE search_fts MATCH ?", [text]),
        (
            "SELECT rowid FROM (SELECT rowid, bm25(search_fts, 10.0, 4.0, 2.0, 1.0, 2.0, 0.0) "
            "AS score FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC "
            "LIMIT 1000) ORDER BY score LIMIT 20",
            [text],
        ),
    ]


def _fts5_any(terms) -> str | None:
    from search.engines.database.terms import term_match

    groups = [
        "(" + " AND ".join(f'"{token}"' for token in match.tokens) + ")"
        for term in terms
        if (match := term_match(term))
    ]
    return "(" + " OR ".join(groups) + ")" if groups else None


def fts5_expression(parsed) -> str:
    """An FTS5 MATCH expression for the text of a parsed, expanded query."""
    from search.engines.database.terms import clause_terms

    required = [found for terms in clause_terms(parsed) if (found := _fts5_any(terms))]
    excluded = _fts5_any(parsed.excluded)
    positive = " AND ".join(required)
    return f"({positive}) NOT {excluded}" if excluded else positive


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
    parser.add_argument("--searcher", nargs=2, metavar=("DATABASE_URL", "STOP_FILE"))
    args = parser.parse_args()
    if args.searcher:
        searcher(*args.searcher)
        return
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
        print(f"  mixed: {row['mixed']}\n  rebuild: {row['rebuild']}\n  memory: {row['memory']}")
    for vendor in {row["database"] for row in results}:
        rows = {row["documents"]: row for row in results if row["database"] == vendor}
        if 10_000 in rows and 100_000 in rows:
            growth = rows[100_000]["p95_ms"] / rows[10_000]["p95_ms"]
            rows[100_000]["p95_growth_from_10k"] = round(growth, 2)
            print(f"{vendor}: p95 growth 10k → 100k: {growth:.2f}×")


if __name__ == "__main__":
    main()
