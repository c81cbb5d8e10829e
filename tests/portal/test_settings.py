"""Production settings: refuse to start without SECRET_KEY, and pass Django's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    clean_env.pop("SECRET_KEY", None)
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "ALLOWED_HOSTS": "kompetensportalen.se",
    "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3",
}


def test_check_deploy_reports_no_warnings_when_required_variables_are_set():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k3x!9vQz" * 8,
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", **PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY saknas" in result.stderr


def test_unknown_search_engine_is_refused():
    result = run_manage("check", SEARCH_ENGINE="solr")
    assert result.returncode != 0
    assert "SEARCH_ENGINE must be 'database' or 'elasticsearch'" in result.stderr


def test_a_negative_replica_count_is_refused():
    result = run_manage("check", SEARCH_ELASTICSEARCH_REPLICAS="-1")
    assert result.returncode != 0
    assert "SEARCH_ELASTICSEARCH_REPLICAS must be 0 or more" in result.stderr


@pytest.mark.django_db
def test_database_follows_database_url(settings):
    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres", "postgresql")) else "sqlite"
    assert connection.vendor == expected
