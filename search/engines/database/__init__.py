"""The ``database`` engine: documents in the search app's table, full text per vendor.

Common to both vendors (here): writing rows and the change log, rebuilding into shadow
tables (:mod:`.tables`), facet counts and date order from in-memory bitmaps (:mod:`.bitmaps`),
the exact-title guardrail, snippets, suggestions and health. Vendor-specific SQL lives in
:mod:`.sqlite` (FTS5) and :mod:`.postgresql` (tsvector, GIN, pg_trgm); both rank through one
``ranked`` method. Searches read a snapshot without taking a write lock (:func:`read_snapshot`).
"""

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from search import highlight
from search.documents import SearchDocument
from search.engines.base import (
    Health,
    Hit,
    Progress,
    SearchEngine,
    SearchQuery,
    SearchResult,
    Suggestion,
)
from search.engines.database import bitmaps, query_bitmaps, rebuild_lock
from search.engines.database.postgresql import PostgreSQLBackend
from search.engines.database.query_bitmaps import QueryBitmaps
from search.engines.database.rows import IndexRow, StoredRow, chunks
from search.engines.database.sqlite import SQLiteBackend
from search.engines.database.tables import LIVE, SHADOW
from search.filters import document_tokens
from search.models import IndexChange, IndexedDocument, IndexState
from search.query import ParsedQuery
from search.swedish import is_stop_word, words

CHUNK = 500
# How many exact-title matches go before the ranked ones.
EXACT_TITLES = 100
# How many changes the change log keeps (it is pruned back to this at twice as many).
LOG_KEEP = 10_000
ROW_FIELDS = [
    "key",
    "type",
    "region",
    "horizon",
    "status",
    "year",
    "published",
    "url",
    "title",
    "summary",
    "body",
    "attachment_text",
    "filter_tokens",
    "title_key",
]


def backend():
    return PostgreSQLBackend() if connection.vendor == "postgresql" else SQLiteBackend()


@contextmanager
def read_snapshot() -> Iterator[bool]:
    """One consistent view of the index for a search, without taking the write lock.

    On SQLite ``transaction.atomic()`` is ``BEGIN IMMEDIATE`` (the settings' transaction mode,
    which makes writers queue instead of failing), so a search inside it would take the write
    lock and wait behind every write. A deferred transaction reads a snapshot (in WAL mode
    while a writer works) and never blocks a writer. PostgreSQL reads never take write locks,
    and its ``SET LOCAL`` planner settings need a transaction.

    Yields whether the snapshot holds committed data only (this opened the transaction);
    inside a caller's transaction it may hold the caller's uncommitted writes, which no
    process-wide cache may keep.
    """
    if not connection.get_autocommit():
        # Already inside a transaction (a write that also reads, or a test): it is the snapshot.
        yield False
        return
    if connection.vendor != "sqlite":
        with transaction.atomic(), connection.cursor() as cursor:
            # A rebuild's swap locks these tables in this order too; taken up front in one
            # order, a search waits for a swap but never deadlocks with it.
            cursor.execute(
                f"LOCK TABLE {LIVE.document}, {LIVE.pg_match}, {LIVE.token_bitmap} "
                "IN ACCESS SHARE MODE"
            )
            yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            yield True
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")


def _first_generation() -> int:
    """A new state row's generation: the clock in microseconds, so an index emptied and
    started again never repeats a generation some process still has cached."""
    return time.time_ns() // 1000


def title_key(title: str) -> str:
    """A title as the exact-title guardrail compares it: its words without stop words."""
    return " ".join(word for word in words(title) if not is_stop_word(word))[:255]


def query_title_key(parsed: ParsedQuery) -> str:
    """The typed words of a query without exclusions, compared as :func:`title_key`."""
    if parsed.excluded or not parsed.clauses:
        return ""
    typed = [word for clause in parsed.clauses for word in clause.typed.words]
    return " ".join(word for word in typed if not is_stop_word(word))[:255]


def row_values(document: SearchDocument) -> dict:
    return {
        "key": document.key,
        "type": document.type,
        "region": document.region or "",
        "horizon": document.horizon or "",
        "status": document.status or "",
        "year": document.year,
        "published": document.published,
        "url": document.url,
        "title": document.title[:255],
        "summary": document.summary or "",
        "body": document.body or "",
        "attachment_text": document.attachment_text or "",
        "filter_tokens": document_tokens(document),
        "title_key": title_key(document.title),
    }


@dataclass(frozen=True)
class PreparedChunk:
    values: list[tuple]  # search_document rows
    encoded: object  # the same rows as the vendor's insert_documents takes them
    full_text: object  # the vendor's prepared full-text rows


def _prepare_chunk(vendor, chunk: list[SearchDocument], *, first_id: int) -> PreparedChunk:
    """A chunk's rows and full-text rows, computed without the database (a worker thread)."""
    now = timezone.now()
    rows = []
    values = []
    for ident, document in enumerate(chunk, start=first_id):
        row = row_values(document)
        rows.append(IndexRow(ident, document, row["filter_tokens"]))
        values.append((ident, *(row[name] for name in ROW_FIELDS), now))
    return PreparedChunk(
        values=values, encoded=vendor.encode_documents(values), full_text=vendor.prepare(rows)
    )


def _store_chunk(vendor, cursor, chunk: PreparedChunk, progress: Progress | None) -> None:
    vendor.insert_documents(cursor, ["id", *ROW_FIELDS, "indexed_at"], chunk.encoded)
    vendor.store(cursor, chunk.full_text, bulk=True)
    if progress:
        progress(len(chunk.values))


class DatabaseLexicon:
    """The lexicon as :class:`search.expansion.Lexicon` reads it."""

    def __init__(self, vendor_backend):
        self.backend = vendor_backend

    def known(self, stems: set[str]) -> set[str]:
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(stems))
            cursor.execute(f"SELECT stem FROM search_lexicon WHERE stem IN ({marks})", list(stems))
            return {row[0] for row in cursor.fetchall()}

    def ending_with(self, stem: str, *, limit: int, folded: bool = False) -> list[str]:
        column = "reversed_folded" if folded else "reversed_stem"
        with connection.cursor() as cursor:
            return self.backend.ending_with(cursor, column, stem[::-1], limit=limit)

    def by_folded(self, folded: str, *, limit: int) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT stem FROM search_lexicon WHERE folded = %s AND stem <> %s "
                "ORDER BY stem LIMIT %s",
                [folded, folded, limit],
            )
            return [row[0] for row in cursor.fetchall()]

    def similar(self, stem: str, *, limit: int) -> list[str]:
        with connection.cursor() as cursor:
            return self.backend.similar(cursor, stem, limit=limit)


class DatabaseEngine(SearchEngine):
    name = "database"

    @property
    def backend(self):
        return backend()

    def lexicon(self) -> DatabaseLexicon:
        return DatabaseLexicon(self.backend)

    # --- reading --------------------------------------------------------------------------
    def _bitmaps(self, cursor, *, committed: bool) -> bitmaps.Bitmaps:
        # Raw SQL: this runs on every search, and the ORM's overhead is most of its cost.
        cursor.execute(
            "SELECT generation, last_change, pruned_through FROM search_state ORDER BY id LIMIT 1"
        )
        stamp = bitmaps.Stamp(*(cursor.fetchone() or (0, 0, 0)))
        return bitmaps.cache.current(cursor, stamp, committed=committed)

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = query.parsed
        vendor = self.backend
        with read_snapshot() as committed, connection.cursor() as cursor:
            maps = self._bitmaps(cursor, committed=committed)
            vendor.begin_search(cursor)
            tokens = QueryBitmaps(vendor.tokens, parsed, maps)
            match = maps.all if parsed.is_empty else tokens.text()
            selection = maps.selection(query.filters)
            selected = match & selection
            count = selected.bit_count()
            facets = maps.facet_counts(match, query.filters)
            if parsed.is_empty or query.sort == "newest":
                ids = maps.newest_in(selected, offset=query.offset, limit=query.page_size)
            elif count:
                ids = self._ranked(cursor, vendor, query, tokens, selection)
            else:
                ids = []
            hits = self._hits(cursor, ids, query, maps)
        return SearchResult(count=count, hits=hits, facets=facets, engine=self.name)

    def _ranked(
        self, cursor, vendor, query: SearchQuery, tokens: QueryBitmaps, selection: int
    ) -> list[int]:
        """The page's ids, best first. Documents whose title is exactly the query come first,
        however many newer documents match: only a window of each tier's newest matches is
        scored, and an older exact title would fall outside it."""
        wanted = query.offset + query.page_size
        first = self._exact_titles(cursor, query.parsed, selection)
        ranked = query_bitmaps.ranked(
            tokens, selection=selection, limit=wanted + len(first), rank=vendor.rank_window
        )
        placed = set(first)
        ordered = first + [ident for ident in ranked if ident not in placed]
        return ordered[query.offset : wanted]

    def _exact_titles(self, cursor, parsed: ParsedQuery, selection: int) -> list[int]:
        """Documents passing the filters whose title's words are the query's, newest first."""
        key = query_title_key(parsed)
        if not key:
            return []
        cursor.execute(
            "SELECT id FROM search_document WHERE title_key = %s "
            "ORDER BY published DESC, id DESC LIMIT %s",
            [key, EXACT_TITLES],
        )
        return [row[0] for row in cursor.fetchall() if selection >> row[0] & 1]

    def _hits(self, cursor, ids: list[int], query: SearchQuery, maps: bitmaps.Bitmaps) -> list[Hit]:
        """The rows of ``ids`` in order, with snippets (attachments read only when needed).

        Raw SQL: a page of hits is read on every search, and the ORM would cost more than
        the query; the publication dates come from the bitmaps, already in memory.
        """
        if not ids:
            return []
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            "SELECT id, key, title, url, type, region, summary, body FROM search_document "
            f"WHERE id IN ({marks})",
            ids,
        )
        rows = {row[0]: row for row in cursor.fetchall()}
        stems = query.parsed.highlight_stems if query.highlight else frozenset()
        heads = query.parsed.compound_heads
        snippets = {
            ident: highlight.snippet(texts=[row[6], row[7]], stems=stems, heads=heads)
            for ident, row in rows.items()
        }
        unmarked = [ident for ident, text in snippets.items() if stems and "<mark>" not in text]
        if unmarked:
            attachments = IndexedDocument.objects.filter(pk__in=unmarked).exclude(
                attachment_text=""
            )
            for ident, text in attachments.values_list("id", "attachment_text"):
                marked = highlight.snippet(texts=[text], stems=stems, heads=heads)
                if "<mark>" in marked:
                    snippets[ident] = marked
        return [
            Hit(
                key=rows[ident][1],
                title=rows[ident][2],
                url=rows[ident][3],
                type=rows[ident][4],
                region=rows[ident][5],
                published=published,
                snippet=snippets[ident],
            )
            for ident in ids
            if ident in rows and (published := maps.published_on(ident))
        ]

    def suggest(self, *, prefix: str, limit: int) -> list[Suggestion]:
        typed = words(prefix)
        if not typed:
            return []
        with read_snapshot(), connection.cursor() as cursor:
            self.backend.begin_search(cursor)
            ids = self.backend.title_prefix(cursor, typed, limit=limit)
        rows = IndexedDocument.objects.in_bulk(ids)
        return [
            Suggestion(title=rows[ident].title, url=rows[ident].url, type=rows[ident].type)
            for ident in ids
            if ident in rows
        ]

    # --- writing --------------------------------------------------------------------------
    def _write(self, cursor, documents: list[SearchDocument]) -> list[tuple[int, str]]:
        """Writes ``documents``; returns their (id, key)."""
        return self._write_rows(
            cursor, [(document, row_values(document)) for document in documents]
        )

    def _write_rows(
        self, cursor, items: list[tuple[SearchDocument, dict]]
    ) -> list[tuple[int, str]]:
        """Writes documents with their row values (``row_values``, or a row read back)."""
        existing = {
            key: (ident, published)
            for key, ident, published in IndexedDocument.objects.filter(
                key__in=[values["key"] for _, values in items]
            ).values_list("key", "id", "published")
        }
        rows = []
        for document, values in items:
            ident, previous = existing.get(document.key, (None, None))
            if ident is None:
                ident = IndexedDocument.objects.create(**values).pk
            else:
                IndexedDocument.objects.filter(pk=ident).update(**values, indexed_at=timezone.now())
            rows.append(IndexRow(ident, document, values["filter_tokens"], previous))
        self.backend.store(cursor, self.backend.prepare(rows))
        return [(row.ident, row.document.key) for row in rows]

    @staticmethod
    def _lock_state() -> IndexState | None:
        """The state row, locked until commit (SELECT FOR UPDATE; SQLite's writer already
        holds the database's write lock).

        Every write takes it before anything else it changes in the index, so writers queue
        in one order: they number their changes in commit order, and the rows they share
        (PostgreSQL's stored token bitmaps, :mod:`.token_chunks`) never deadlock, whatever
        order a write of several chunks of documents touches them in."""
        return IndexState.objects.select_for_update().order_by("id").first()

    def _log(self, changed: list[tuple[int, str]], state: IndexState | None) -> None:
        """Appends the changed documents to the change log every process replays.

        The log keeps the last LOG_KEEP changes, and all of them while a rebuild runs: its
        swap replays every change made since it started, however many. ``state`` is the state
        row as the write locked it (:meth:`_lock_state`).
        """
        if state is None:
            state = IndexState.objects.create(generation=_first_generation())
        first = state.last_change + 1
        IndexChange.objects.bulk_create(
            IndexChange(id=first + offset, document=ident, key=key)
            for offset, (ident, key) in enumerate(changed)
        )
        state.last_change += len(changed)
        state.updated_at = timezone.now()
        if state.last_change - state.pruned_through > 2 * LOG_KEEP and not rebuild_lock.running():
            state.pruned_through = state.last_change - LOG_KEEP
            IndexChange.objects.filter(id__lte=state.pruned_through).delete()
        state.save(update_fields=["last_change", "pruned_through", "updated_at"])

    def _new_generation(self) -> None:
        """After a rebuild: every process reloads; the log starts empty (numbers go on)."""
        state = IndexState.objects.select_for_update().order_by("id").first()
        if state is None:
            IndexState.objects.create(generation=_first_generation(), updated_at=timezone.now())
            return
        IndexChange.objects.all().delete()
        state.generation += 1
        state.pruned_through = state.last_change
        state.updated_at = timezone.now()
        state.save(update_fields=["generation", "pruned_through", "updated_at"])

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            state = self._lock_state()
            changed = []
            for chunk in chunks(documents, CHUNK):
                changed += self._write(cursor, chunk)
            self._log(changed, state)

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        with transaction.atomic(), connection.cursor() as cursor:
            state = self._lock_state()
            stored = dict((key, ident) for ident, key in self._delete(cursor, keys))
            # Keys not stored are logged too (as document 0, which no process has): a rebuild
            # running now may have stored them in its new tables already.
            self._log([(stored.get(key, 0), key) for key in dict.fromkeys(keys)], state)

    def _delete(self, cursor, keys: list[str]) -> list[tuple[int, str]]:
        """Deletes the documents ``keys``; returns the (id, key) of those that were stored."""
        stored = list(
            IndexedDocument.objects.filter(key__in=keys).values_list("id", "published", "key")
        )
        if stored:
            self.backend.delete(
                cursor, [StoredRow(ident, published) for ident, published, _ in stored]
            )
            IndexedDocument.objects.filter(pk__in=[ident for ident, _, _ in stored]).delete()
        return [(ident, key) for ident, _, key in stored]

    def rebuild(
        self, documents: Iterable[SearchDocument], *, progress: Progress | None = None
    ) -> int:
        """Builds a new index beside the live one and swaps it in, in one short transaction.

        Searches answer from the live index during the whole build, and writes keep reaching
        it: the build fills shadow tables (:mod:`.tables`) and commits chunk by chunk, so it
        never holds a lock the live index needs. The swap replaces the live tables by the
        shadow ones and then replays onto them the writes made since the build began (the
        change log names their keys; the rows the writes left in the old tables are copied).
        A failure before the swap drops the shadow tables; the live index stays as it was.
        One rebuild runs at a time: a second one raises ``RebuildInProgress`` at once
        (:mod:`.rebuild_lock`) instead of dropping the first one's shadow tables.

        Rows get ids counted from 1 and are inserted in one statement per chunk, not through
        the ORM; the vendor builds its full-text indexes in bulk (``start_rebuild``,
        ``finish_rebuild``). Each chunk's Python work (stems, pairs, tokens) runs in a second
        thread while the database stores the chunk before it: the driver releases the GIL
        while it waits, so the two halves overlap on two cores.
        """
        with rebuild_lock.exclusive():
            return self._rebuild(documents, progress)

    def _rebuild(self, documents: Iterable[SearchDocument], progress: Progress | None) -> int:
        live = self.backend
        shadow = type(live)(tables=SHADOW)
        with transaction.atomic(), connection.cursor() as cursor:
            started = self.last_change()
            shadow.create_tables(cursor)
        try:
            total = self._fill(shadow, documents, progress)
            with transaction.atomic(), connection.cursor() as cursor:
                # Writers wait from here until the swap commits: none can slip between
                # reading the change log and replacing the tables. The state row first, as
                # every writer takes it first (a writer holding it would otherwise wait for
                # the tables while the swap waits for the row).
                self._lock_state()
                shadow.lock_live(cursor)
                written = self._written_since(started)
                shadow.swap(cursor)
                self._replay(cursor, written)
                self._new_generation()
            with connection.cursor() as cursor:
                shadow.drop_replaced(cursor)
        except BaseException:
            with transaction.atomic(), connection.cursor() as cursor:
                shadow.drop_tables(cursor)
            raise
        return total

    def last_change(self) -> int:
        """The number of the change log's last change."""
        return IndexState.objects.values_list("last_change", flat=True).first() or 0

    def keys_changed_since(self, change: int) -> set[str]:
        """The keys written or deleted after ``change`` (all of them, unless a rebuild of
        this engine started a new log since)."""
        return set(IndexChange.objects.filter(id__gt=change).values_list("key", flat=True))

    def _fill(self, shadow, documents: Iterable[SearchDocument], progress: Progress | None) -> int:
        total = 0
        with connection.cursor() as cursor, ThreadPoolExecutor(max_workers=1) as worker:
            shadow.start_rebuild(cursor)
            pending = None
            for chunk in chunks(documents, CHUNK):
                # Sources read the database, so they are iterated here, in the main thread.
                prepared = worker.submit(_prepare_chunk, shadow, chunk, first_id=total + 1)
                if pending:
                    with transaction.atomic():
                        _store_chunk(shadow, cursor, pending.result(), progress)
                pending = prepared
                total += len(chunk)
            if pending:
                with transaction.atomic():
                    _store_chunk(shadow, cursor, pending.result(), progress)
            # In transactions of the vendor's choosing.
            shadow.finish_rebuild(cursor)
        return total

    def _written_since(self, change: int) -> dict[str, tuple | None]:
        """Per key written or deleted after ``change``: its row as the live tables hold it
        now (ROW_FIELDS), or None when it was deleted."""
        keys = self.keys_changed_since(change)
        written: dict[str, tuple | None] = dict.fromkeys(keys)
        for batch in chunks(sorted(keys), CHUNK):
            for row in IndexedDocument.objects.filter(key__in=batch).values_list(*ROW_FIELDS):
                written[row[0]] = row
        return written

    def _replay(self, cursor, written: dict[str, tuple | None]) -> None:
        items = []
        for row in written.values():
            if row is not None:
                values = dict(zip(ROW_FIELDS, row, strict=True))
                # What the full-text analysis reads; the filter tokens come with the row.
                document = SearchDocument(
                    key=values["key"],
                    title=values["title"],
                    summary=values["summary"],
                    body=values["body"],
                    attachment_text=values["attachment_text"],
                    published=values["published"],
                )
                items.append((document, values))
        for batch in chunks(items, CHUNK):
            self._write_rows(cursor, batch)
        gone = [key for key, row in written.items() if row is None]
        if gone:
            self._delete(cursor, gone)

    def health(self) -> Health:
        state = IndexState.objects.first()
        return Health(
            engine=self.name,
            document_count=IndexedDocument.objects.count(),
            last_update=state.updated_at if state else None,
            keys=frozenset(IndexedDocument.objects.values_list("key", flat=True)),
        )
