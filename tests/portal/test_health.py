"""``/health/``: 200 with every check passing, 503 naming the check that fails."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal import health, task_queue
from search import indexing
from search.engines import database_engine

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def fresh_search_check(settings):
    from django.core.cache import cache

    cache.delete(health.SEARCH_CHECK_CACHE_KEY)


def test_healthy_portal_answers_200_with_every_check(client):
    response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "search", "worker"}
    assert all(check["ok"] for check in body["checks"].values())
    search = body["checks"]["search"]["data"]
    assert search["expected"] == indexing.indexable_count()
    assert search["engines"]["database"]["documents"] == search["expected"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_search_index_that_lacks_documents_is_503(client, portal_site):
    from tests.factories import AnalysisPageFactory

    AnalysisPageFactory(parent=portal_site)  # saved without the after-commit indexing
    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fel"
    assert body["checks"]["search"]["ok"] is False
    assert "manage.py reindex" in body["checks"]["search"]["detail"]
    assert body["checks"]["database"]["ok"] is True


def test_old_waiting_task_is_503_and_a_fresh_one_is_not(client, settings):
    settings.TASKS = DB_TASKS  # django-tasks re-reads TASKS on setting_changed
    from content.tasks import extract_document_text

    result = extract_document_text.enqueue(0)
    assert client.get("/health/").status_code == 200

    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    response = client.get("/health/")
    assert response.status_code == 503
    worker = response.json()["checks"]["worker"]
    assert worker["ok"] is False
    assert worker["data"]["oldest_waiting_seconds"] >= 590


def test_task_waiting_for_its_retry_time_counts_from_that_time():
    now = timezone.now()
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="content.tasks.extract_document_text",
        backend_name="default",
        run_after=now - datetime.timedelta(seconds=30),
        enqueued_at=now - datetime.timedelta(hours=2),
    )
    DBTaskResult.objects.update(enqueued_at=now - datetime.timedelta(hours=2))

    assert task_queue.oldest_waiting_task_age(now=now) == pytest.approx(30, abs=1)


def test_broken_cache_is_503(client, settings):
    # Nothing listens on port 9 (discard); the Redis client fails to connect.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    check = health.check_cache()

    assert check.ok is False
    assert "cachen svarar inte" in check.detail


def test_redis_cache_from_redis_url_passes_the_check(settings, redis_url):
    import environ

    settings.CACHES = {"default": environ.Env.cache_url_config(redis_url)}

    check = health.check_cache()

    assert check.ok is True
    assert check.data == {"backend": "RedisCache"}


def test_database_failure_is_reported_once(monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    results = health.run_checks()

    assert results["database"].ok is False
    assert "connection refused" in results["database"].detail
    assert all(not check.ok for check in results.values())


def test_search_check_is_cached_between_polls(django_assert_max_num_queries):
    health.check_search()
    expected_sources = len(indexing.registry.sources())
    # The cached answer needs no count per source and no engine read.
    with django_assert_max_num_queries(expected_sources - 1):
        health.check_search()
    assert database_engine().health().document_count == indexing.indexable_count()
