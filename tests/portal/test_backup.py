"""``manage.py backup`` / ``restore``: a round trip into an empty database gives the same site.

The restore runs in a separate process whose DATABASE_URL names a new, empty database, as it
would on a replacement server; that process answers the same pages, thread, search results
and document as the original.
"""

import hashlib
import json
import textwrap
import uuid

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from wagtail.documents import get_document_model

from tests.factories import AnalysisPageFactory, ContributionFactory, ThreadFactory
from tests.subprocesses import run_python, server_url

# Restores the backup named by argv[1], then prints what the site answers for each path.
RESTORE_AND_READ = textwrap.dedent(
    """
    import hashlib, json, sys
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("restore", sys.argv[1])
    client = Client()
    answers = {}
    for path in sys.argv[2:]:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        answers[path] = [response.status_code, hashlib.sha256(body).hexdigest()]
    print(json.dumps(answers))
    """
)


def answers(client: Client, paths: list[str]) -> dict[str, list]:
    result = {}
    for path in paths:
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        result[path] = [response.status_code, hashlib.sha256(body).hexdigest()]
    return result


@pytest.fixture
def empty_database_url(tmp_path):
    """The URL of a new, empty database of the same vendor as the test database."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"portal_restore_{uuid.uuid4().hex[:8]}"
    server = server_url()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_database_answers_the_same(portal_site, tmp_path, empty_database_url):
    page = AnalysisPageFactory(region="22", title="Säkerhetskopierad analys om svetsare")
    thread = ThreadFactory(title="Dialog om reservkraft")
    ContributionFactory(thread=thread, body="Ett inspel om **reservkraftverk**.")
    document = get_document_model().objects.create(
        title="Rapport", file=ContentFile("rapportens innehåll".encode(), name="rapport.pdf")
    )
    paths = [
        page.url,
        thread.get_url(),
        "/api/search/?q=svetsare",
        "/api/search/?q=reservkraftverk",
        document.url,
    ]
    before = answers(Client(), paths)
    assert [status for status, _ in before.values()] == [200] * len(paths)
    assert json.loads(Client().get("/api/search/?q=svetsare").content)["count"] >= 1

    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["vendor"] == connection.vendor
    assert manifest["media_files"] >= 1

    result = run_python(
        "-c",
        RESTORE_AND_READ,
        str(tmp_path / "backup"),
        *paths,
        timeout=300,
        DJANGO_SETTINGS_MODULE="portal.settings.test",
        DATABASE_URL=empty_database_url,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    after = json.loads(result.stdout.strip().splitlines()[-1])

    assert after == before


@pytest.mark.django_db
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "gammal.txt").write_text("x")
    with pytest.raises(CommandError, match="inte tom"):
        call_command("backup", str(tmp_path))


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="databasen är inte tom"):
        call_command("restore", str(tmp_path / "backup"))


@pytest.mark.django_db
def test_restore_refuses_a_folder_that_is_no_backup(tmp_path):
    with pytest.raises(CommandError, match="ingen säkerhetskopia"):
        call_command("restore", str(tmp_path))
