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

    Outside a transaction the action runs at once, as ``on_commit`` does. When a batch has run,
    or none of its callbacks waits any more (its savepoint or transaction rolled back), the
    next item starts a new batch, so nothing of a rolled-back transaction reaches the next.
    Items added inside a savepoint that rolls back while the batch stays queued do go along:
    the actions here (index sync, new cache generation) read the committed state, so an extra
    item costs a little work, no error.
    Batches are kept per thread, as Django keeps connections.
    """

    def __init__(self, action: Callable[[set], None]):
        self.action = action
        self._local = threading.local()

    def add(self, items: Iterable[Hashable]) -> None:
        items = set(items)
        if not items:
            return
        batch = getattr(self._local, "batch", None)
        if batch is not None and not batch.done and batch.queued():
            batch.items |= items
        else:
            batch = _Batch(self.action, items)
            self._local.batch = batch
        # Queued again with every item: the first of these callbacks to run takes the batch,
        # the others find it done. (A test that captures the callbacks of one block only
        # still sees the batch run.) robust: the change is committed; failing after-commit
        # work is logged, never turned into an error for the person who made the change.
        transaction.on_commit(batch.run, robust=True)


class _Batch:
    def __init__(self, action: Callable[[set], None], items: set):
        self.action = action
        self.items = items
        self.done = False

    def queued(self) -> bool:
        """Whether this batch's callback still waits for the current transaction's commit."""
        return any(func == self.run for _, func, _ in transaction.get_connection().run_on_commit)

    def run(self) -> None:
        if not self.done:
            self.done = True
            self.action(self.items)
