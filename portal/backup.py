"""Online backup and restore of the whole portal: the database (with its search index) and media.

A backup is a folder: ``manifest.json``, the database (``database.sqlite3`` made with SQLite's
online backup API, or ``database.dump`` from ``pg_dump -Fc``) and a copy of ``MEDIA_ROOT``.
Both database copies are consistent snapshots taken while the site serves: SQLite's backup
reads one snapshot (in WAL mode writers go on meanwhile), pg_dump runs in one repeatable-read
transaction. The database engine's search index lives in the database and comes along; an
Elasticsearch index is rebuilt after a restore.
"""

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from portal import page_cache

MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_DIR = "media"
FORMAT_VERSION = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Swedish and says why."""


@dataclass(frozen=True)
class BackupManifest:
    format: int
    vendor: str
    created: str
    database_file: str
    media_files: int


def _postgres_env() -> dict[str, str]:
    config = connection.settings_dict
    env = dict(os.environ)
    env.update(
        PGHOST=str(config.get("HOST") or "127.0.0.1"),
        PGPORT=str(config.get("PORT") or 5432),
        PGUSER=str(config.get("USER") or ""),
        PGPASSWORD=str(config.get("PASSWORD") or ""),
        PGDATABASE=str(config["NAME"]),
    )
    return env


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, env=_postgres_env(), capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} saknas: installera PostgreSQL-klienten") from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} misslyckades: {result.stderr.strip()}")


def _copy_media(source: Path, target: Path) -> int:
    if not source.exists():
        target.mkdir(parents=True, exist_ok=True)
        return 0
    shutil.copytree(source, target, dirs_exist_ok=True)
    return sum(1 for path in target.rglob("*") if path.is_file())


def create_backup(*, target: Path) -> BackupManifest:
    """Write a backup of the running portal into the empty (or new) folder ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise BackupError(f"mappen {target} är inte tom: välj en ny mapp för säkerhetskopian")
    vendor = connection.vendor
    if vendor == "sqlite":
        database_file = SQLITE_FILE
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target / SQLITE_FILE)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    elif vendor == "postgresql":
        database_file = POSTGRES_FILE
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target / POSTGRES_FILE}"])
    else:
        raise BackupError(f"databasen {vendor} stöds inte")
    manifest = BackupManifest(
        format=FORMAT_VERSION,
        vendor=vendor,
        created=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        database_file=database_file,
        media_files=_copy_media(Path(settings.MEDIA_ROOT), target / MEDIA_DIR),
    )
    (target / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2), encoding="utf-8")
    return manifest


def read_manifest(source: Path) -> BackupManifest:
    try:
        data = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
        manifest = BackupManifest(**data)
    except (OSError, ValueError, TypeError) as error:
        raise BackupError(
            f"{source} är ingen säkerhetskopia ({MANIFEST} saknas eller är fel)"
        ) from error
    if manifest.format != FORMAT_VERSION:
        raise BackupError(f"okänt format {manifest.format} på säkerhetskopian")
    if not (source / manifest.database_file).is_file():
        raise BackupError(f"{manifest.database_file} saknas i {source}")
    return manifest


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if "django_migrations" not in tables:
            return True
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        return cursor.fetchone()[0] == 0


def restore_backup(*, source: Path, force: bool = False) -> BackupManifest:
    """Restore ``source`` into the configured database and MEDIA_ROOT.

    The database must be empty (never migrated) unless ``force``: a restore replaces
    everything in it.
    """
    manifest = read_manifest(source)
    if manifest.vendor != connection.vendor:
        raise BackupError(
            f"säkerhetskopian är från {manifest.vendor}, databasen är {connection.vendor}"
        )
    if not force and not _database_is_empty():
        raise BackupError("databasen är inte tom: återställ till en tom databas eller ange --force")
    if manifest.vendor == "sqlite":
        target_name = connection.settings_dict["NAME"]
        connections.close_all()
        backup = sqlite3.connect(source / SQLITE_FILE)
        target = sqlite3.connect(target_name)
        try:
            backup.backup(target)
        finally:
            target.close()
            backup.close()
    else:
        connections.close_all()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--clean",
                "--if-exists",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source / POSTGRES_FILE),
            ]
        )
    _copy_media(source / MEDIA_DIR, Path(settings.MEDIA_ROOT))
    if settings.SEARCH_ENGINE != "database":
        # Only the database engine's index is inside the database.
        call_command("reindex")
    # Pages cached before the restore (on Redis, or in a database cache restored over) show
    # what the database held then. A backup from before the page cache lacks its table.
    call_command("createcachetable", verbosity=0)
    page_cache.invalidate()
    return manifest
