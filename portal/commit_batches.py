"""Work that follows a commit, done once per transaction however many rows it changed.

Signal handlers hear about every page of a bulk write (an import publishes fifty pages in one
transaction). Scheduling their after-commit work per signal ran it fifty times: fifty search
index writes and fifty page cache generations, each a write of its own that queued again for
SQLite's single write lock while other writers waited. A :class:`CommitBatch` collects the
items of the current transaction and hands them to its action once, after the commit.
https://docs.djangoproject.com/en/5.2/topics/db/transactions/#performing-actions-after-commit
"""

import threading
from collections.abc import Callable, Hashable, Iterable

from django.db import transaction


class CommitBatch:
    """Collects items during a transaction; ``action(items)`` runs once after it commits.

    Outside a transaction the action runs at once, as ``on_commit`` does. Each ``add``
    registers a callback (the first to run takes every item, the others find none), so a
    rolled-back savepoint that discards some callbacks never loses the items of the rest.
    Items are kept per thread, as Django keeps connections.
    """

    def __init__(self, action: Callable[[set], None]):
        self.action = action
        self._local = threading.local()

    def add(self, items: Iterable[Hashable]) -> None:
        items = set(items)
        if not items:
            return
        if not transaction.get_connection().run_on_commit or not hasattr(self._local, "items"):
            # Nothing is queued for this transaction yet: whatever is still collected belongs
            # to one that rolled back, and its changes never happened.
            self._local.items = set()
        self._local.items |= items
        # robust: the change is committed; failing after-commit work is logged, never turned
        # into an error for the person who made the change.
        transaction.on_commit(self._flush, robust=True)

    def _flush(self) -> None:
        items, self._local.items = self._local.items, set()
        if items:
            self.action(items)
