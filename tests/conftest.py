"""Suite-wide fixtures.

The reference data (21 regions, 290 municipalities, SNI, SSYK, SUN) and the site tree are
loaded once into the test database, right after it is created, so every test starts from the
portal as ``make run`` builds it. Tests that run in the live server (transactional tests, whose
database is flushed after each test) reload it through the ``portal_site`` fixture.
"""

import io
import signal
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from accounts.services import sync_reference_organisations
from content import reference_data
from content.site_structure import ensure_site_structure


def load_portal() -> None:
    reference_data.load()
    ensure_site_structure()
    sync_reference_organisations()
    # Wagtail caches site root paths; a flushed and reloaded database has new page ids.
    cache.clear()
    # A flush empties the model tables but not the search engine's full-text table, which
    # is not a model: rebuild the index so it matches the reloaded database.
    call_command("reindex", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_portal()


@pytest.fixture(autouse=True)
def queued_email(settings):
    """Send mail the way production does: queued as a task, delivered by EMAIL_DELIVERY_BACKEND.

    Django's test set-up replaces EMAIL_BACKEND with locmem; this puts the queue back. The
    tasks run at once (test settings) and deliver to locmem, so ``mail.outbox`` still works.
    """
    settings.EMAIL_BACKEND = "portal.outgoing_mail.QueuedEmailBackend"


@pytest.fixture
def task_worker(settings):
    """Tasks wait in the database queue (as in production) until ``run()`` works through them.

    ``run()`` is ``manage.py db_worker --batch``: it runs every task that is due, then
    returns. The worker checks connections between tasks, which would end the transaction a
    plain database test runs in, so tests using this need ``django_db(transaction=True)``.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker installs its own SIGINT/SIGTERM handlers; pytest keeps its own.
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def run() -> None:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO()
        )

    yield SimpleNamespace(run=run)
    for sig, handler in handlers.items():
        signal.signal(sig, handler)


@pytest.fixture
def portal_site(db):
    """The loaded site tree; reloads it when a flush of a transactional test removed it."""
    from content.models import HomePage

    if not HomePage.objects.exists():
        load_portal()
    return HomePage.objects.get()


def pytest_collection_modifyitems(config, items):
    """Tests of one database's own structures run only against that database.

    They are deselected, not skipped, elsewhere: CI runs the suite once per database, so each
    runs where it applies.
    """
    vendor = "sqlite" if "sqlite" in settings.DATABASES["default"]["ENGINE"] else "postgresql"
    other = "postgres_only" if vendor == "sqlite" else "sqlite_only"
    deselected = [item for item in items if item.get_closest_marker(other)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker(other)]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With PORTAL_STRICT_TESTS=1 a skipped test is a failed test.

    CI sets it so that a missing service (PostgreSQL, Chromium, axe-core) cannot pass silently.
    Only tests marked ``allow_skip_in_strict`` (an external service these machines cannot run,
    such as an Elasticsearch cluster) may still skip.
    """
    outcome = yield
    report = outcome.get_result()
    if (
        settings.PORTAL_STRICT_TESTS
        and report.skipped
        and not hasattr(report, "wasxfail")
        and item.get_closest_marker("allow_skip_in_strict") is None
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"PORTAL_STRICT_TESTS=1 does not allow skipping: {reason}"


@pytest.fixture
def admin_login(client):
    """Log ``user`` into the Wagtail admin through the test client and return the client.

    Editors and curators must have MFA before the admin lets them in, so a user without an
    authenticator is enrolled in TOTP first.
    """
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    def login(user):
        if not Authenticator.objects.filter(user=user).exists():
            TOTP.activate(user, generate_totp_secret())
        client.force_login(user)
        return client

    return login


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Call a function and run what it queued for after commit (text extraction, indexing).

    Tests run inside a transaction that never commits, so on_commit callbacks run here.
    """

    def run(callable_, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return callable_(*args, **kwargs)

    return run


@pytest.fixture
def redis_url(tmp_path):
    """A real Redis server (Debian's redis-server) on a free port, stopped after the test."""
    import shutil
    import socket
    import subprocess
    import time

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not accept connections on port {port} in 30 s")
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)
