"""``/health/``: is this instance able to serve? Database, cache, search index and worker.

Load balancers and ``make serve`` poll it. Every check is a few cheap queries; the search
index comparison (one count per indexable type plus the engine's own count) is cached for a
short while so that frequent polling never walks the index.
"""

import uuid
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks import task_backends

from portal import task_queue
from search import indexing
from search.engines import writing_engines
from search.engines.base import EngineUnavailable

SEARCH_CHECK_CACHE_KEY = "portal:health:search"
SEARCH_CHECK_SECONDS = 30


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str
    data: dict


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means "not healthy", never a 500
        return Check(False, f"databasen svarar inte: {error}", {"vendor": connection.vendor})
    return Check(True, "databasen svarar", {"vendor": connection.vendor})


def check_cache() -> Check:
    key = f"portal:health:probe:{uuid.uuid4().hex}"
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    try:
        cache.set(key, "ok", 10)
        value = cache.get(key)
        cache.delete(key)
    except Exception as error:  # a cache server that is down must show here, not as a 500
        return Check(False, f"cachen svarar inte: {error}", {"backend": backend})
    if value != "ok":
        return Check(False, "cachen sparar inte värden", {"backend": backend})
    return Check(True, "cachen svarar", {"backend": backend})


def _search_state() -> dict:
    expected = indexing.indexable_count()
    engines = {}
    for engine in writing_engines():
        try:
            health = engine.health()
        except EngineUnavailable as error:
            engines[engine.name] = {"ok": False, "error": str(error)}
            continue
        engines[engine.name] = {
            "ok": health.document_count == expected,
            "documents": health.document_count,
            "last_update": health.last_update.isoformat() if health.last_update else None,
        }
    return {"expected": expected, "engines": engines}


def check_search() -> Check:
    state = cache.get(SEARCH_CHECK_CACHE_KEY)
    if state is None:
        state = _search_state()
        cache.set(SEARCH_CHECK_CACHE_KEY, state, SEARCH_CHECK_SECONDS)
    broken = [name for name, engine in state["engines"].items() if not engine["ok"]]
    if broken:
        return Check(
            False,
            f"sökindexet stämmer inte ({', '.join(broken)}): kör manage.py reindex",
            state,
        )
    return Check(True, "sökindexet stämmer med databasen", state)


def check_worker() -> Check:
    backend = type(task_backends["default"]).__name__
    if not task_queue.keeps_a_queue():
        return Check(True, "uppgifter körs direkt i anropet", {"backend": backend})
    age = task_queue.oldest_waiting_task_age(now=timezone.now())
    limit = settings.PORTAL_HEALTH_MAX_QUEUE_AGE
    data = {"backend": backend, "oldest_waiting_seconds": age, "limit_seconds": limit}
    if age is not None and age > limit:
        return Check(False, f"äldsta väntande uppgift har väntat {age:.0f} s", data)
    return Check(True, "bakgrundskön töms", data)


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
    "worker": check_worker,
}


def run_checks() -> dict[str, Check]:
    results = {"database": check_database()}
    if not results["database"].ok:
        # Everything else reads the database; say so once instead of four tracebacks.
        skipped = Check(False, "inte kontrollerad: databasen svarar inte", {})
        return results | {name: skipped for name in CHECKS if name != "database"}
    return results | {name: check() for name, check in CHECKS.items() if name != "database"}


@never_cache
def health(request):
    results = run_checks()
    healthy = all(check.ok for check in results.values())
    body = {
        "status": "ok" if healthy else "fel",
        "checks": {name: asdict(check) for name, check in results.items()},
    }
    return JsonResponse(
        body, status=200 if healthy else 503, json_dumps_params={"indent": 1, "ensure_ascii": False}
    )
