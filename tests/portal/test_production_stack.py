"""The production stack's parts: static files, media, logging, error reporting, admins."""

import logging
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from tests.portal.test_settings import PRODUCTION, run_manage

pytestmark = pytest.mark.django_db

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "portal.storage.PortalStaticFilesStorage"},
}


@pytest.fixture
def collected_static(settings, tmp_path):
    """Production's static storage, collected into an empty STATIC_ROOT."""
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = MANIFEST_STORAGE
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)


def test_collected_css_has_a_hashed_name_and_a_far_future_cache_header(
    collected_static, portal_site
):
    client = Client()  # a new handler builds whitenoise's file list from this STATIC_ROOT
    page = client.get("/")
    hashed = re.search(r"/static/css/portal\.[0-9a-f]{12}\.css", page.content.decode())
    assert hashed, "the home page links the hashed stylesheet"

    response = client.get(hashed.group(0), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1)) >= 31536000
    assert response["Content-Encoding"] == "gzip"
    assert (collected_static / hashed.group(0).removeprefix("/static/")).exists()


def test_a_file_missing_from_the_manifest_is_looked_up_by_content(
    collected_static, portal_site, settings
):
    manifest = collected_static / "staticfiles.json"
    manifest.write_text('{"paths": {}, "version": "1.1", "hash": "0"}')
    settings.STATIC_ROOT = str(collected_static)  # setting_changed reloads the storage

    response = Client().get("/")

    assert response.status_code == 200
    assert re.search(r"/static/css/portal\.[0-9a-f]{12}\.css", response.content.decode())


def test_an_uncollected_static_root_still_serves_pages(settings, tmp_path, portal_site, caplog):
    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = str(tmp_path / "never-collected")

    with caplog.at_level(logging.WARNING, logger="portal.storage"):
        response = Client().get("/")

    assert response.status_code == 200
    assert "/static/css/portal.css" in response.content.decode()
    assert any("css/portal.css" in record.getMessage() for record in caplog.records)


def test_uploaded_media_is_served_without_a_front_server(settings):
    path = Path(settings.MEDIA_ROOT) / "health-check.txt"
    path.write_text("innehåll", encoding="utf-8")

    response = Client().get(f"{settings.MEDIA_URL}health-check.txt")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "innehåll"


def test_a_500_is_logged_with_its_traceback(monkeypatch, caplog):
    from portal import health

    def fail():
        raise RuntimeError("trasig kontroll")

    monkeypatch.setattr(health, "run_checks", fail)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get("/health/")

    assert response.status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.exc_info and record.exc_info[0] is RuntimeError
    assert "/health/" in record.getMessage()


def test_logging_goes_to_stdout_one_line_per_record():
    from django.conf import settings

    console = settings.LOGGING["handlers"]["console"]
    assert console["stream"] == "ext://sys.stdout"
    assert "\n" not in settings.LOGGING["formatters"]["line"]["format"]
    assert "mail_admins" in settings.LOGGING["loggers"]["django.request"]["handlers"]


def show(expression: str, **env: str) -> str:
    result = run_manage(
        "shell", "-c", f"print({expression})", SECRET_KEY="k3x!9vQz" * 8, **PRODUCTION, **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_admins_come_from_the_environment():
    admins = show(
        "__import__('django.conf').conf.settings.ADMINS",
        ADMINS="Anna Drift <anna@example.se>,drift@example.se",
    )
    assert admins == "[('Anna Drift', 'anna@example.se'), ('', 'drift@example.se')]"


def test_sentry_is_off_by_default_and_on_with_a_dsn():
    active = "__import__('sentry_sdk').get_client().is_active()"
    assert show(active) == "False"
    assert show(active, SENTRY_DSN="http://publickey@127.0.0.1:9/1") == "True"


def test_redis_url_wins_over_the_database_cache():
    backend = "__import__('django.conf').conf.settings.CACHES['default']['BACKEND']"
    assert show(backend) == "django.core.cache.backends.db.DatabaseCache"
    assert show(backend, REDIS_URL="redis://127.0.0.1:6379/1") == (
        "django.core.cache.backends.redis.RedisCache"
    )


def test_plain_http_only_when_asked_for():
    redirect = "__import__('django.conf').conf.settings.SECURE_SSL_REDIRECT"
    assert show(redirect) == "True"
    assert show(redirect, PORTAL_HTTPS="0") == "False"
