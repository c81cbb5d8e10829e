"""One rebuild of the database index at a time.

A rebuild fills shadow tables that it creates by dropping any left over; a second rebuild
started meanwhile would drop the first's half-filled tables under it. :func:`exclusive`
is held for a whole rebuild, and a second one fails at once with :class:`RebuildInProgress`.
The lock belongs to the rebuilding process and goes with it if the process dies, so a
killed rebuild never blocks the next:

- PostgreSQL: a session-level advisory lock.
  https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS
- SQLite: ``flock`` on a file beside the database (one host, as the database is); an
  in-memory database (tests) is one process's, so a flag in the process is enough.
"""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from search.engines.base import EngineUnavailable

# The advisory lock's key: "search rebuild", any constant no other code uses.
ADVISORY_KEY = 0x5EA2C4
_in_memory_held: set[str] = set()


class RebuildInProgress(EngineUnavailable):
    """Another rebuild of this index is running."""

    def __init__(self):
        super().__init__("en ombyggnad av sökindexet pågår redan; försök igen när den är klar")


def _lock_path() -> str | None:
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        return None
    return name + ".rebuild-lock"


@contextmanager
def exclusive() -> Iterator[None]:
    """Held for a whole rebuild; raises RebuildInProgress when another one holds it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
            if not cursor.fetchone()[0]:
                raise RebuildInProgress
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
        return
    path = _lock_path()
    if path is None:
        name = str(connection.settings_dict["NAME"])
        if name in _in_memory_held:
            raise RebuildInProgress
        _in_memory_held.add(name)
        try:
            yield
        finally:
            _in_memory_held.discard(name)
        return
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RebuildInProgress from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def running() -> bool:
    """Whether some process is rebuilding now (this one included)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND classid = 0 AND objid = %s::oid AND objsubid = 1 AND granted)",
                [ADVISORY_KEY],
            )
            return cursor.fetchone()[0]
    path = _lock_path()
    if path is None:
        return str(connection.settings_dict["NAME"]) in _in_memory_held
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
