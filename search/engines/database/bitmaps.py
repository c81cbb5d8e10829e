"""Filters, facet counts and date order in memory, as bitmaps over document ids.

Counting facets in SQL means reading every matching row once per facet; with a common word
that is most of the index. Here each filter value is a Python integer used as a bitmap (bit
*i* set = document *i* carries the value), read from ``search_document`` once per process and
index generation (a rebuild starts one) and then kept current by replaying the change log:
a write costs each process the rows of the documents it changed (:class:`BitmapCache`).
Memory per process: one N/8-byte integer per facet value that some document holds (about 700
values), plus 12 bytes per document for the date order and publication days. A search has
the documents matching its text as one bitmap (SQLite evaluates it over token bitmaps,
PostgreSQL's GIN match returns ids); counts are then ``(match & value).bit_count()`` for
every facet value, microseconds each, and disjunctive counts (ignoring the facet's own
selection) cost nothing extra.
"""

import datetime
import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy
from django.db import connection

from search.engines.database.rows import chunks
from search.filters import FACETS, facet_value, token

# How many ids of the date order newest_ids reads at a time.
NEWEST_BLOCK = 4096
_MULTI_VALUED = [
    ("sector", token("sector", ""), str.upper),
    ("occupation", token("occupation", ""), str),
]


def to_bytes(bitmap: int) -> bytes:
    """A bitmap's bytes (bit *i* of the integer is bit *i % 8* of byte *i // 8*)."""
    return bitmap.to_bytes((bitmap.bit_length() + 7) // 8, "little")


def from_bytes(raw: bytes) -> int:
    return int.from_bytes(raw, "little")


# The date order's key: publication day << ID_BITS | document id, so key order is date order.
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
# The columns a document's filters and date are read from (a full load and a replay alike).
ROW_COLUMNS = "id, published, type, region, horizon, status, year, filter_tokens"


@dataclass(frozen=True)
class Bitmaps:
    all: int
    values: dict[str, dict[str, int]]  # facet -> value -> bitmap
    counted: dict[str, list[tuple[str, int]]]  # facet -> the (value, bitmap) its counts show
    order: numpy.ndarray  # date-order keys (see ID_BITS), newest first
    days: numpy.ndarray  # per document id: its publication day's ordinal, 0 = no document

    @cached_property
    def newest(self) -> numpy.ndarray:
        """Document ids, newest first."""
        return self.order & ID_MASK

    def published_on(self, ident: int) -> datetime.date | None:
        day = int(self.days[ident]) if ident < len(self.days) else 0
        return datetime.date.fromordinal(day) if day else None

    @classmethod
    def from_rows(cls, rows: list[tuple]) -> "Bitmaps":
        """Built from every document's row (ROW_COLUMNS): a process's first load, a rebuild."""
        return cls.empty().replaced(ids=[], rows=rows)

    @classmethod
    def empty(cls) -> "Bitmaps":
        return cls(
            all=0,
            values={},
            counted={},
            order=numpy.empty(0, numpy.int64),
            days=numpy.zeros(0, numpy.int32),
        )

    def replaced(self, *, ids: list[int], rows: list[tuple]) -> "Bitmaps":
        """A copy in which the documents ``ids`` are replaced by ``rows`` (ROW_COLUMNS; an id
        without a row is deleted). Costs O(changed documents x facet values x N/8 bytes) and
        O(N) for the date order, never a read of the other documents' rows."""
        cleared = ~Bitmaps.from_ids(numpy.array(ids, dtype=numpy.int64)) if ids else -1
        everything = self.all & cleared
        values = {
            facet: {value: bitmap & cleared for value, bitmap in items.items()}
            for facet, items in self.values.items()
        }
        order = self.order
        days = self.days
        if ids:
            order = order[~numpy.isin(order & ID_MASK, numpy.array(ids, dtype=numpy.int64))]
        size = max([len(days) - 1, *(row[0] for row in rows)]) + 1 if rows else len(days)
        days = numpy.zeros(size, numpy.int32)
        days[: len(self.days)] = self.days
        days[numpy.array(ids, dtype=numpy.int64)] = 0
        added = _rows_bitmaps(rows)
        for facet, items in added.items():
            facet_values = values.setdefault(facet, {})
            for value, bitmap in items.items():
                facet_values[value] = facet_values.get(value, 0) | bitmap
        keys = []
        for row in rows:
            day = _date(row[1]).toordinal()
            days[row[0]] = day
            keys.append(day << ID_BITS | row[0])
        if rows:
            everything |= Bitmaps.from_ids(numpy.array([row[0] for row in rows], numpy.int64))
            # Newest first is ascending order of the negated keys: insert where they belong.
            ascending = -order
            new = numpy.sort(-numpy.array(keys, dtype=numpy.int64))
            order = -numpy.insert(ascending, numpy.searchsorted(ascending, new), new)
        # Values no document holds any more are dropped: memory follows the live values.
        values = {
            facet: {value: bitmap for value, bitmap in items.items() if bitmap}
            for facet, items in values.items()
        }
        return Bitmaps(
            all=everything,
            values=values,
            # Occupations filter on every level but count major groups only: hundreds of
            # codes are not walked on every search.
            counted={
                facet: [
                    (value, bitmap)
                    for value, bitmap in items.items()
                    if facet_value(facet, value) is not None
                ]
                for facet, items in values.items()
            },
            order=order,
            days=days,
        )

    @staticmethod
    def from_ids(ids: numpy.ndarray) -> int:
        """The bitmap of ``ids`` (numpy: 2 ms for 100,000 ids, a Python loop takes 25)."""
        if not len(ids):
            return 0
        bits = numpy.zeros(int(ids.max()) + 1, dtype=bool)
        bits[ids] = True
        return from_bytes(numpy.packbits(bits, bitorder="little").tobytes())

    @staticmethod
    def member(bitmap: int, ids: numpy.ndarray) -> numpy.ndarray:
        """One bool per id of ``ids``: is its bit set in ``bitmap``?"""
        raw = numpy.frombuffer(to_bytes(bitmap), "u1")
        index = ids >> 3
        inside = index < len(raw)
        found = numpy.zeros(len(ids), dtype=bool)
        found[inside] = (raw[index[inside]] >> (ids[inside] & 7)) & 1
        return found

    def selection(self, filters: Mapping[str, frozenset[str]], *, without: str = "") -> int:
        """Documents passing every selected filter (OR within a facet), optionally but one."""
        result = self.all
        for facet, chosen in filters.items():
            if facet == without or not chosen:
                continue
            values = self.values.get(facet, {})
            union = 0
            for value in chosen:
                union |= values.get(value, 0)
            result &= union
        return result

    def facet_counts(
        self, match: int, filters: Mapping[str, frozenset[str]]
    ) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {}
        shared = self.selection(filters) & match
        for facet in FACETS:
            base = match & self.selection(filters, without=facet) if filters.get(facet) else shared
            facet_counts = {}
            for value, bitmap in self.counted.get(facet, []):
                count = (base & bitmap).bit_count()
                if count:
                    facet_counts[value] = count
            counts[facet] = dict(sorted(facet_counts.items()))
        return counts

    def bools(self, bitmap: int) -> numpy.ndarray:
        """``bitmap`` (within the live documents) as one bool per document id."""
        size = (self.all.bit_length() + 7) // 8
        raw = (bitmap & self.all).to_bytes(size, "little")
        return numpy.unpackbits(numpy.frombuffer(raw, dtype=numpy.uint8), bitorder="little")

    def newest_ids(self, bitmap: int, *, limit: int) -> numpy.ndarray:
        """The first ``limit`` ids in ``bitmap``, newest first.

        Reads the date order in blocks and stops once enough are found: a tier of a common
        word is found in the first block.
        """
        bits = self.bools(bitmap).view(bool)
        found: list[numpy.ndarray] = []
        wanted = limit
        start = 0
        while wanted > 0 and start < len(self.newest):
            block = self.newest[start : start + NEWEST_BLOCK]
            hits = block[bits[block]][:wanted]
            found.append(hits)
            wanted -= len(hits)
            start += NEWEST_BLOCK
        return numpy.concatenate(found) if found else numpy.empty(0, dtype=numpy.int64)

    def newest_in(self, bitmap: int, *, offset: int, limit: int) -> list[int]:
        """Ids in ``bitmap``, newest first, the slice [offset, offset + limit)."""
        return self.newest_ids(bitmap, limit=offset + limit)[offset:].tolist()


def parse_ids(joined: str | None) -> numpy.ndarray:
    """Ids from the comma-separated string a match query aggregates them into."""
    if not joined:
        return numpy.empty(0, dtype=numpy.int64)
    # Text mode of fromstring (not deprecated, unlike its binary mode) parses in C: 2 ms
    # for 100,000 ids, where split() and int() take 15.
    return numpy.fromstring(joined, dtype=numpy.int64, sep=",")


@dataclass(frozen=True)
class Stamp:
    """Where the index stands: its generation (a rebuild starts a new one), the last change
    written to the change log, and the last change pruned from it."""

    generation: int
    last_change: int
    pruned_through: int


@dataclass(frozen=True)
class Loaded:
    generation: int
    seen: int  # the last change applied
    maps: Bitmaps


class BitmapCache:
    """A process's bitmaps, kept current by replaying the change log (``search_change``).

    After a write a process reads only the rows of the documents changed since the change it
    last saw; it reads every row only on its first search, after a rebuild (a new generation)
    or when it lagged so far behind that the changes it missed were pruned.
    """

    def __init__(self):
        self._loaded: dict[str, Loaded] = {}
        self._lock = threading.Lock()
        self.full_loads = 0
        self.rows_read = 0

    def current(self, cursor, stamp: Stamp, *, committed: bool = True) -> Bitmaps:
        """The bitmaps as of ``stamp``. A snapshot that may hold uncommitted writes
        (``committed=False``) is computed for this search alone, never kept: the writes may
        still roll back, and the stamp's numbers be reused by other writes."""
        if not committed:
            return self._load(cursor)
        alias = connection.alias + str(connection.settings_dict["NAME"])
        loaded = self._loaded.get(alias)
        if loaded and loaded.generation == stamp.generation and loaded.seen == stamp.last_change:
            return loaded.maps
        with self._lock:
            loaded = self._loaded.get(alias)
            if (
                loaded is None
                or loaded.generation != stamp.generation
                or loaded.seen < stamp.pruned_through
            ):
                loaded = Loaded(stamp.generation, stamp.last_change, self._load(cursor))
            elif loaded.seen < stamp.last_change:
                loaded = Loaded(
                    stamp.generation,
                    stamp.last_change,
                    self._replay(cursor, loaded, stamp.last_change),
                )
            self._loaded[alias] = loaded
        return loaded.maps

    def _load(self, cursor) -> Bitmaps:
        cursor.execute(f"SELECT {ROW_COLUMNS} FROM search_document")
        rows = cursor.fetchall()
        self.full_loads += 1
        self.rows_read += len(rows)
        return Bitmaps.from_rows(rows)

    def _replay(self, cursor, loaded: Loaded, through: int) -> Bitmaps:
        # A reader whose snapshot is older than a change never sees it here: it sees the
        # last_change of its own snapshot, so replay and stamp always agree.
        cursor.execute(
            "SELECT DISTINCT document FROM search_change "
            "WHERE id > %s AND id <= %s AND document > 0",
            [loaded.seen, through],
        )
        ids = [row[0] for row in cursor.fetchall()]
        rows = []
        for batch in chunks(ids, 500):
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(
                f"SELECT {ROW_COLUMNS} FROM search_document WHERE id IN ({marks})", batch
            )
            rows += cursor.fetchall()
        self.rows_read += len(rows)
        return loaded.maps.replaced(ids=ids, rows=rows)


# One per process.
cache = BitmapCache()


def _rows_bitmaps(rows: list[tuple]) -> dict[str, dict[str, int]]:
    """facet -> value -> the bitmap of the ``rows`` (ROW_COLUMNS) holding it."""
    if not rows:
        return {}
    size = (max(row[0] for row in rows) >> 3) + 1
    buffers: dict[str, dict[str, bytearray]] = defaultdict(dict)
    for ident, _date_value, type_key, region, horizon, status, year, tokens in rows:
        byte, bit = ident >> 3, 1 << (ident & 7)
        pairs = [("type", type_key), ("region", region), ("horizon", horizon)]
        pairs += [("status", status), ("year", str(year) if year else "")]
        pairs += [_split(token) for token in tokens.split()]
        for facet, value in pairs:
            if facet is None or not value:
                continue
            facet_buffers = buffers[facet]
            buffer = facet_buffers.get(value)
            if buffer is None:
                buffer = facet_buffers[value] = bytearray(size)
            buffer[byte] |= bit
    return {
        facet: {value: from_bytes(buffer) for value, buffer in items.items()}
        for facet, items in buffers.items()
    }


def _split(token: str) -> tuple[str | None, str]:
    """The multi-valued filters from their tokens: ``ffsectorq`` -> ("sector", "Q").

    Single-valued ones are read from their columns, which keep the exact value.
    """
    for facet, prefix, decode in _MULTI_VALUED:
        if token.startswith(prefix):
            return facet, decode(token[len(prefix) :])
    return None, ""


def _date(value) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])
