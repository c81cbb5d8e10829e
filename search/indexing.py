"""Keeping the index in step with the content: sync single items, rebuild everything.

Only items a source calls ``indexable()`` (live and public) are ever written; anything else
that is synced is removed. :mod:`search.signals` calls :func:`sync` after each commit.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import nullcontext

from search import registry
from search.documents import SearchDocument, document_key
from search.engines import database_engine, writing_engines
from search.engines.base import EngineUnavailable, Progress, SearchEngine
from search.engines.database import DatabaseEngine, rebuild_lock

logger = logging.getLogger(__name__)


def sync(refs: Iterable[tuple[str, int]]) -> None:
    """Bring the index in line with the items ``(type_key, pk)``: write or remove each."""
    documents, gone = _current(refs)
    for engine in writing_engines():
        _write(engine, documents, gone)


def _current(refs: Iterable[tuple[str, int]]) -> tuple[list[SearchDocument], list[str]]:
    """The documents of the indexable items of ``refs``, and the keys of the others."""
    by_type: dict[str, set[int]] = defaultdict(set)
    for type_key, pk in refs:
        by_type[type_key].add(pk)
    documents: list[SearchDocument] = []
    gone: list[str] = []
    sources = registry.sources()
    for type_key, pks in by_type.items():
        source = sources.get(type_key)
        if source is None:
            continue
        found = list(registry.documents(source, source.indexable().filter(pk__in=pks)))
        documents += found
        present = {document.key for document in found}
        gone += [
            document_key(type_key, pk) for pk in pks if document_key(type_key, pk) not in present
        ]
    return documents, gone


def _write(engine: SearchEngine, documents: list[SearchDocument], gone: list[str]) -> None:
    try:
        if documents:
            engine.upsert(documents)
        if gone:
            engine.delete(gone)
    except EngineUnavailable:
        # Publishing must not fail because the search cluster is down; search_health and the
        # next reindex show and repair the difference.
        logger.warning("Search engine %s unavailable; index not updated", engine.name)


def all_documents() -> Iterator[SearchDocument]:
    for source in registry.sources().values():
        yield from registry.documents(source)


def indexable_count() -> int:
    return sum(source.indexable().count() for source in registry.sources().values())


def expected_keys() -> set[str]:
    return {
        document_key(source.type_key, pk)
        for source in registry.sources().values()
        for pk in source.indexable().values_list("pk", flat=True)
    }


def rebuild(engine: SearchEngine, *, progress: Progress | None = None) -> int:
    """Rebuilds ``engine``; then writes again what changed during the rebuild.

    An engine that fills a new index while writes go on reaching the old one (Elasticsearch:
    upserts go to the alias, which names the old index until the swap) would lose them.
    The database engine, written on every change (``writing_engines``), logs each changed
    key, so the items changed since the rebuild began are synced to ``engine`` once more.
    (The database engine replays them itself, at its swap, and starts a new log.) The
    rebuild lock is held meanwhile, so the log prunes none of those changes and no two
    rebuilds overlap; the database engine takes it itself.
    """
    log = database_engine()
    guard = nullcontext() if isinstance(engine, DatabaseEngine) else rebuild_lock.exclusive()
    with guard:
        started = log.last_change()
        count = engine.rebuild(all_documents(), progress=progress)
    refs = [_ref(key) for key in log.keys_changed_since(started)]
    if refs:
        _write(engine, *_current(refs))
    return count


def _ref(key: str) -> tuple[str, int]:
    """The ``(type_key, pk)`` of a document key (see ``document_key``)."""
    type_key, pk = key.rsplit("-", 1)
    return type_key, int(pk)
