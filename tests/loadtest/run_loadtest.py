"""``make loadtest``: locust against ``make serve`` (and the development server), with writers.

For each database (SQLite in a fresh folder; PostgreSQL when ``--postgres-url`` or
LOADTEST_POSTGRES_URL is given) it starts ``make serve`` and ``manage.py runserver`` on
127.0.0.1 against the same data, creates the load test's members (``prepare``), then runs:

- ``mix``: ``--users`` users with think time for ``--duration`` s against ``make serve``;
- ``throughput``: 20 users without think time, against ``make serve`` and then the dev server;
- ``import``: the mix while an ``--import-records`` (1,000) record ``import_publications`` runs;
- ``reindex``: the mix while ``manage.py reindex`` rebuilds the search index.

The cache is a Redis server of the run's own (``--cache redis``, on a Unix socket in the run's
folder; the default when ``redis-server`` is installed), as in production, or the database
cache (``--cache database``). ``--baseline REF`` runs the same scenarios first against the code
of the git revision REF (with this run's load test scripts), on a copy of the same prepared
SQLite database, so that a change is compared under the same machine load, in one run.

An editor publishes a page every 3 s during every scenario. After each, ``check_posts``
compares the posts the users were told were saved with what the database holds; the server
log gives the "database is locked" errors and the gunicorn workers killed for a timeout.
Prints a table and writes ``tests/loadtest/results.json``. Only 127.0.0.1 is ever a target;
every run is bounded in users, time and requests.
"""

import argparse
import csv
import datetime
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
LOCUST = str(ROOT / ".venv" / "bin" / "locust")
RESULTS = ROOT / "tests" / "loadtest" / "results.json"
TARGETS = {
    "page_p95_ms": 300,
    "search_p95_ms": 300,
    "post_p95_ms": 1000,
    "import_search_p95_ms": 1000,
}


def group(name: str) -> str:
    if name.startswith("sida"):
        return "page"
    if name.startswith("sök"):
        return "search"
    if name == "dialog: skriva inlägg":
        return "post"
    if name.startswith("dialog"):
        return "page"
    return "login"


class Stack:
    """``make serve`` and the dev server on one database, started and stopped together.

    ``root`` is the source tree they run from (this one, or ``--baseline``'s).
    """

    def __init__(
        self,
        *,
        database_url: str,
        workdir: Path,
        serve_port: int,
        dev_port: int,
        cache: str,
        root: Path = ROOT,
    ):
        self.root = root
        self.python = str(root / ".venv" / "bin" / "python")
        self.cache = cache
        self.env = dict(os.environ)
        self.env.update(
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(workdir / "media"),
            STATIC_ROOT=str(workdir / "static"),
            # The load test writes far more than one person would; the per-user post limit
            # would turn its posts into form errors.
            PORTAL_DIALOGUE_POSTS_PER_10_MINUTES="100000",
        )
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        self.env.pop("REDIS_URL", None)
        if cache == "redis":
            self.env["REDIS_URL"] = f"redis://{workdir / 'redis.sock'}"
        self.workdir = workdir
        self.serve_port, self.dev_port = serve_port, dev_port
        self.processes: list[subprocess.Popen] = []
        self.logs: list = []
        self.jobs = 0

    def start(self) -> None:
        if self.cache == "redis":
            self.start_redis()
        serve = subprocess.Popen(
            ["make", "serve", f"PORT={self.serve_port}"],
            cwd=self.root,
            env=self.env,
            stdout=self.log("serve.log"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(serve)
        self.serve = serve
        wait_healthy(f"http://127.0.0.1:{self.serve_port}/health/", serve, timeout=900)
        dev = subprocess.Popen(
            [self.python, "manage.py", "runserver", f"127.0.0.1:{self.dev_port}", "--noreload"],
            cwd=self.root,
            env=self.env | {"DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
            stdout=self.log("dev.log"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(dev)
        wait_healthy(f"http://127.0.0.1:{self.dev_port}/health/", dev, timeout=120)

    def start_redis(self) -> None:
        """A Redis of this run's own: a Unix socket in the run's folder, no TCP port, no disk."""
        socket = self.workdir / "redis.sock"
        redis = subprocess.Popen(
            [
                *("redis-server", "--port", "0", "--unixsocket", str(socket)),
                *("--unixsocketperm", "700", "--save", "", "--appendonly", "no"),
                *("--dir", str(self.workdir)),
            ],
            stdout=self.log("redis.log"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(redis)
        deadline = time.monotonic() + 30
        while not socket.exists():
            if redis.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"redis-server startade inte: se {self.workdir}/redis.log")
            time.sleep(0.2)

    def server_log_size(self) -> int:
        return (self.workdir / "serve.log").stat().st_size

    def server_log_since(self, offset: int) -> dict:
        """What the server's log says after ``offset``: lock errors and workers restarted."""
        with open(self.workdir / "serve.log", encoding="utf-8", errors="replace") as log:
            log.seek(offset)
            text = log.read()
        return {
            "http_500": len(re.findall(r'HTTP/1\.[01]" 500 ', text)),
            # Each failed request or task logs its traceback, which names the error once.
            "database_locked": text.count("django.db.utils.OperationalError: database is locked"),
            "worker_timeouts": text.count("WORKER TIMEOUT"),
            # The task worker (run_worker) restarts itself after a database error.
            "task_worker_restarts": text.count("Background worker stopped by a database error"),
        }

    def log(self, name: str):
        handle = open(self.workdir / name, "w")  # noqa: SIM115 (kept open for the server's life)
        self.logs.append(handle)
        return handle

    def stop(self) -> None:
        for process in reversed(self.processes):
            try:
                os.killpg(process.pid, signal.SIGINT)
                process.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)
        for handle in self.logs:
            handle.close()

    def manage(self, *args: str) -> subprocess.Popen:
        """A command beside the servers; its output goes to files in the run's folder.

        Not to pipes: nobody reads a pipe until the scenario ends, and a job that fills one
        (the import logs a line per page) stops on its next write, inside its open write
        transaction, holding SQLite's write lock until locust is done. That, not the import,
        was the load test's earlier "import stalls the site".
        """
        self.jobs += 1
        name = f"job-{self.jobs}-{args[1] if args[0] == '-m' else args[0]}"
        process = subprocess.Popen(
            [self.python, *args],
            cwd=self.root,
            env=self.env | {"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DEBUG": "False"},
            stdout=self.log(f"{name}.out"),
            stderr=self.log(f"{name}.err"),
        )
        process.output_files = (self.workdir / f"{name}.out", self.workdir / f"{name}.err")
        return process


def wait_healthy(url: str, process: subprocess.Popen, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"servern avslutades innan {url} svarade")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(2)
    sys.exit(f"{url} svarade inte 200 inom {timeout:.0f} s")


def finished(process: subprocess.Popen) -> dict:
    process.wait(timeout=1800)
    out, err = (path.read_text(encoding="utf-8", errors="replace") for path in process.output_files)
    if process.returncode != 0:
        return {"error": err.strip()[-2000:], "returncode": process.returncode}
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return json.loads(lines[-1]) if lines else {"output": out.strip()[-500:]}


def run_locust(
    stack: Stack, *, port: int, users: int, seconds: int, think: bool, label: str, targets: Path
) -> dict:
    host = f"http://127.0.0.1:{port}"
    prefix = stack.workdir / label
    posts_log = stack.workdir / f"{label}-posts.jsonl"
    posts_log.write_text("")
    cache_log = stack.workdir / f"{label}-cache.json"
    env = stack.env | {
        "LOADTEST_CACHE_LOG": str(cache_log),
        "LOADTEST_TARGETS": str(targets),
        "LOADTEST_POSTS_LOG": str(posts_log),
        "LOADTEST_THINK": "1" if think else "0",
        "LOADTEST_MAX_REQUESTS": str(users * seconds * 20),
    }
    subprocess.run(
        [
            LOCUST,
            "-f",
            str(ROOT / "tests" / "loadtest" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "15",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=stack.root,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=stack.log(f"{label}-locust.log"),
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    kinds, total = {}, None
    for row in rows:
        entry = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 2),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "p99_ms": float(row["99%"] or 0),
        }
        if row["Name"] == "Aggregated":
            total = entry
        else:
            kinds[row["Name"]] = entry | {"group": group(row["Name"])}
    cache_status = json.loads(cache_log.read_text()) if cache_log.exists() else {}
    for name, entry in kinds.items():
        counts = cache_status.get(name, {})
        answered = counts.get("HIT", 0) + counts.get("MISS", 0)
        entry["cache_hit_percent"] = (
            round(100 * counts.get("HIT", 0) / answered) if answered else None
        )
    check = stack.manage("-m", "tests.loadtest.check_posts", str(posts_log))
    return {
        "host": host,
        "users": users,
        "seconds": seconds,
        "think": think,
        "total": total,
        "kinds": kinds,
        "posts": finished(check),
    }


def worst(result: dict, kind: str) -> float:
    values = [k["p95_ms"] for k in result["kinds"].values() if k["group"] == kind]
    return max(values, default=0.0)


def scenario(stack: Stack, name: str, args, targets: Path, writer: list[str] | None = None) -> dict:
    log_offset = stack.server_log_size()
    editor = stack.manage("-m", "tests.loadtest.background", "editor", str(args.duration))
    job = stack.manage(*writer) if writer else None
    result = run_locust(
        stack,
        port=stack.serve_port,
        users=args.users,
        seconds=args.duration,
        think=True,
        label=name,
        targets=targets,
    )
    result["editor"] = finished(editor)
    if job is not None:
        result["background_job"] = finished(job)
    result["server_log"] = stack.server_log_since(log_offset)
    return result


def baseline_tree(ref: str, workdir: Path) -> Path:
    """The source of git revision ``ref`` with this run's load test scripts and environment."""
    tree = workdir / "baseline-src"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=ROOT, check=True, capture_output=True
    )
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    shutil.rmtree(tree / "tests" / "loadtest")
    shutil.copytree(ROOT / "tests" / "loadtest", tree / "tests" / "loadtest")
    # The same installed packages; the tree's own code comes first on sys.path (its cwd).
    for name in (".venv", ".tools"):
        if (ROOT / name).exists():
            (tree / name).symlink_to((ROOT / name).resolve())
    return tree


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a database in use (SQLite's online backup)."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)


def run_database(vendor: str, database_url: str, args) -> list[dict]:
    """The scenarios on one database: first against ``--baseline`` (SQLite only), then this tree.

    The baseline's stack sets the database up; the current tree's stack starts from a copy of
    it as it was before the first scenario, so both meet the same data.
    """
    codes = [("current", ROOT)]
    if args.baseline and vendor == "sqlite":
        baseline_dir = Path(tempfile.mkdtemp(prefix="portal-loadtest-baseline-"))
        codes.insert(0, (f"baseline {args.baseline}", baseline_tree(args.baseline, baseline_dir)))
    results, seed = [], None
    for code, root in codes:
        result, seed = run_stack(vendor, database_url, args, code=code, root=root, seed=seed)
        results.append(result)
    return results


def empty_postgres(database_url: str) -> None:
    """Every run starts from the same demo: an earlier run's import left 1,000 more pages,
    which spread the visitors over more pages and halved the page cache's hit rate."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def run_stack(
    vendor: str, database_url: str, args, *, code: str, root: Path, seed: Path | None
) -> tuple[dict, Path | None]:
    workdir = Path(tempfile.mkdtemp(prefix=f"portal-loadtest-{vendor}-"))
    if vendor == "postgresql":
        empty_postgres(database_url)
    if vendor == "sqlite":
        database_url = f"sqlite:///{workdir / 'loadtest.sqlite3'}"
        if seed is not None:
            copy_sqlite(seed / "loadtest.sqlite3", workdir / "loadtest.sqlite3")
            shutil.copytree(seed / "media", workdir / "media")
    stack = Stack(
        database_url=database_url,
        workdir=workdir,
        serve_port=args.port,
        dev_port=args.port + 1,
        cache=args.cache,
        root=root,
    )
    print(f"[{vendor}, {code}] startar make serve och utvecklingsservern ({workdir})", flush=True)
    stack.start()
    results: dict = {"database": vendor, "code": code, "cache": args.cache}
    try:
        targets = workdir / "targets.json"
        finished(stack.manage("-m", "tests.loadtest.prepare", str(targets)))
        # Measure the site, not the worker's start-up backlog of the freshly seeded demo.
        results["drain"] = finished(stack.manage("-m", "tests.loadtest.background", "drain", "600"))
        if vendor == "sqlite" and seed is None:
            seed = workdir / "seed"
            seed.mkdir()
            copy_sqlite(workdir / "loadtest.sqlite3", seed / "loadtest.sqlite3")
            shutil.copytree(workdir / "media", seed / "media")
        scenarios = args.scenarios.split(",")
        results["stack_stopped_during"] = None
        if "mix" in scenarios:
            print(f"[{vendor}] mix: {args.users} användare, {args.duration} s", flush=True)
            results["mix"] = scenario(stack, "mix", args, targets)
        if "throughput" in scenarios:
            print(f"[{vendor}] genomströmning: 20 användare utan betänketid", flush=True)
            for server, port in (("serve", stack.serve_port), ("dev", stack.dev_port)):
                results[f"throughput_{server}"] = run_locust(
                    stack,
                    port=port,
                    users=20,
                    seconds=args.duration,
                    think=False,
                    label=f"throughput-{server}",
                    targets=targets,
                )
        if "import" in scenarios:
            print(f"[{vendor}] mix under import av {args.import_records} poster", flush=True)
            results["import"] = scenario(
                stack,
                "import",
                args,
                targets,
                [
                    *("-m", "tests.loadtest.background", "import"),
                    *(str(workdir / "import"), str(args.import_records)),
                ],
            )
        if "reindex" in scenarios:
            print(f"[{vendor}] mix under fullständig omindexering", flush=True)
            results["reindex"] = scenario(stack, "reindex", args, targets, ["manage.py", "reindex"])
    finally:
        if stack.serve.poll() is not None:
            # make serve ended on its own: every request after that failed for that reason.
            results["stack_stopped_during"] = "see serve.log in " + str(workdir)
            print(f"[{vendor}] make serve avslutades under körningen: se {workdir}/serve.log")
        stack.stop()
    return results, seed


def verdicts(result: dict) -> dict:
    out = {}
    if "mix" in result:
        mix = result["mix"]
        out["mix"] = {
            "errors": mix["total"]["failures"],
            "page_p95_ms": worst(mix, "page"),
            "search_p95_ms": worst(mix, "search"),
            "post_p95_ms": worst(mix, "post"),
        }
        out["mix"]["met"] = (
            out["mix"]["errors"] == 0
            and out["mix"]["page_p95_ms"] <= TARGETS["page_p95_ms"]
            and out["mix"]["search_p95_ms"] <= TARGETS["search_p95_ms"]
            and out["mix"]["post_p95_ms"] <= TARGETS["post_p95_ms"]
        )
    if "throughput_serve" in result:
        serve, dev = result["throughput_serve"]["total"], result["throughput_dev"]["total"]
        ratio = serve["rps"] / dev["rps"] if dev["rps"] else 0.0
        out["throughput"] = {
            "serve_rps": serve["rps"],
            "dev_rps": dev["rps"],
            "ratio": round(ratio, 2),
            "errors": serve["failures"],
            "met": ratio >= 5 and serve["failures"] == 0,
        }
    if "import" in result:
        imp = result["import"]
        job, editor = imp.get("background_job", {}), imp.get("editor", {})
        out["import"] = {
            "errors": imp["total"]["failures"],
            "search_p95_ms": worst(imp, "search"),
            "database_locked": imp["server_log"]["database_locked"]
            + editor.get("database_locked", 0),
            "worker_timeouts": imp["server_log"]["worker_timeouts"],
            "task_worker_restarts": imp["server_log"].get("task_worker_restarts", 0),
            "editor_failed_publishes": editor.get("failed"),
            "editor_slowest_publish_s": editor.get("max_publish_seconds"),
            "import_seconds": job.get("import_seconds"),
            "longest_import_transaction_s": job.get("longest_transaction_seconds"),
            "met": imp["total"]["failures"] == 0
            and worst(imp, "search") <= TARGETS["import_search_p95_ms"],
        }
    if "reindex" in result:
        rei = result["reindex"]
        failed = sum(k["failures"] for k in rei["kinds"].values() if k["group"] == "search")
        out["reindex"] = {"failed_searches": failed, "met": failed == 0}
    for name in ("mix", "import", "reindex"):
        posts = result.get(name, {}).get("posts")
        if posts and name in out:
            intact = not (
                posts.get("lost") or posts.get("duplicated") or posts.get("stored_after_error")
            )
            out[name]["posts_intact"] = intact
            out[name]["met"] = out[name]["met"] and intact
    return out


def print_table(result: dict) -> None:
    print(f"\n== {result['database']}, {result['code']}, cache {result['cache']} ==")
    columns = ("req", "fail", "rps", "p50", "p95", "p99", "hit%")
    print(f"{'scenario':<18} {'kind':<24} " + " ".join(f"{c:>6}" for c in columns))
    for name, run in result.items():
        if not isinstance(run, dict) or "kinds" not in run:
            continue
        for kind, row in sorted(run["kinds"].items()):
            print(
                f"{name:<18} {kind:<24} {row['requests']:>6} {row['failures']:>5} {row['rps']:>7} "
                f"{row['p50_ms']:>7.0f} {row['p95_ms']:>7.0f} {row['p99_ms']:>7.0f} "
                f"{'' if row.get('cache_hit_percent') is None else row['cache_hit_percent']:>6}"
            )
        total = run["total"]
        print(
            f"{name:<18} {'(alla)':<24} {total['requests']:>6} {total['failures']:>5} "
            f"{total['rps']:>7} {total['p50_ms']:>7.0f} {total['p95_ms']:>7.0f} "
            f"{total['p99_ms']:>7.0f}"
        )
        if run.get("posts"):
            print(f"{'':<18} inlägg: {json.dumps(run['posts'], ensure_ascii=False)}")
    print(json.dumps(result["verdicts"], ensure_ascii=False, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--postgres-url", default=os.environ.get("LOADTEST_POSTGRES_URL", ""))
    parser.add_argument("--scenarios", default="mix,throughput,import,reindex")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--port", type=int, default=8870)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--cache",
        choices=("redis", "database"),
        default="redis" if shutil.which("redis-server") else "database",
    )
    parser.add_argument("--import-records", type=int, default=1000)
    parser.add_argument("--baseline", default="", help="git revision to compare with (SQLite)")
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 5 <= args.duration <= 600:
        sys.exit("--users 1–200 och --duration 5–600 s")
    if not 1 <= args.import_records <= 20_000:
        sys.exit("--import-records 1–20 000")
    report = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "arguments": " ".join(sys.argv[1:]),
        "results": [],
    }
    for vendor in args.databases.split(","):
        if vendor == "postgresql" and not args.postgres_url:
            print("[postgresql] hoppas över: ange --postgres-url eller LOADTEST_POSTGRES_URL")
            continue
        for result in run_database(vendor, args.postgres_url, args):
            result["verdicts"] = verdicts(result)
            print_table(result)
            report["results"].append(result)
        args.output.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"\nResultat skrivna till {args.output}")


if __name__ == "__main__":
    main()
