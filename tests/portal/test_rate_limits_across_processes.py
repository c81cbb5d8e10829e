"""allauth's rate limits hold across worker processes, because they live in the shared cache.

Two separate Python processes (as two gunicorn workers would be) log in with wrong passwords
for one address: the first uses up the five allowed failures, the second is then refused.
The same run with a per-process memory cache lets the second process through, which shows the
test tells the two apart.
"""

import textwrap

import pytest
from django.core.management import call_command
from django.db import connection

from tests.factories import UserFactory
from tests.subprocesses import run_python, shared_database_url

LOCKED_OUT = "För många misslyckade inloggningsförsök"

ATTEMPTS = textwrap.dedent(
    """
    import sys
    import django

    django.setup()
    from django.test import Client

    email, count, locked_out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    client = Client()
    for _ in range(count):
        response = client.post("/konto/login/", {"login": email, "password": "fel-losenord-123"})
        print("spärrad" if locked_out in response.text else response.status_code)
    """
)


def attempt_logins(email: str, count: int, cache_url: str) -> list[str]:
    result = run_python(
        "-c",
        ATTEMPTS,
        email,
        str(count),
        LOCKED_OUT,
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=shared_database_url(),
        CACHE_URL=cache_url,
        REDIS_URL="",
        ALLOWED_HOSTS="testserver",
        EMAIL_URL="consolemail://",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, transactional_db, settings):
    """The cache URL of the default (database) cache, or of a real Redis server."""
    if request.param == "redis":
        return request.getfixturevalue("redis_url")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM portal_cache")
    return "dbcache://portal_cache"


def test_failed_logins_in_one_process_lock_the_address_in_another(shared_cache):
    user = UserFactory()

    first = attempt_logins(user.email, 5, shared_cache)
    second = attempt_logins(user.email, 1, shared_cache)

    assert first == ["200"] * 5
    assert second == ["spärrad"]


def test_a_per_process_cache_would_not_hold_the_limit(transactional_db):
    user = UserFactory()

    first = attempt_logins(user.email, 5, "locmemcache://")
    second = attempt_logins(user.email, 1, "locmemcache://")

    assert first == ["200"] * 5
    assert second == ["200"]
