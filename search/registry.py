"""The registry of indexable types.

Every installed app may have a ``search_sources`` module with a ``SEARCH_SOURCES`` list; the
search app discovers them (it never imports a source by name), so a later app such as
dialogue joins the index by adding ``portal/dialogue/search_sources.py`` — without changing
the search app and without importing it: a source is anything with the attributes of
:class:`SearchSource`, and it describes an item as a mapping of the field names of
:class:`search.documents.SourceFields` (plain values: strings, a date, tuples of codes).

The content app's sources live in the search app's own ``search_sources`` module, because
content must not depend on search (search -> content is the allowed direction).
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any, Protocol

from django.apps import apps
from django.db.models import Model, QuerySet

from search.documents import SearchDocument, SourceFields, build

MODULE = "search_sources"


class SearchSource(Protocol):
    type_key: str  # the API's ``type`` value, e.g. "analysis", "thread"
    label: str  # the facet label on the search page, in Swedish
    model: type[Model]
    # Other models whose changes alter this source's documents: model -> the affected items.
    dependencies: Mapping[type[Model], Callable[[Model], Iterable[Model]]]

    def indexable(self) -> QuerySet:
        """Everything that may appear in public search: live, public, ready to convert."""

    def fields(self, item: Any) -> Mapping[str, Any] | SourceFields: ...


@cache
def sources() -> dict[str, SearchSource]:
    found: dict[str, SearchSource] = {}
    for config in apps.get_app_configs():
        name = f"{config.name}.{MODULE}"
        if find_spec(name) is None:
            continue
        for source in getattr(import_module(name), "SEARCH_SOURCES", []):
            if source.type_key in found:
                raise ValueError(f"two search sources for type {source.type_key!r}")
            found[source.type_key] = source
    return found


def type_keys() -> list[str]:
    return list(sources())


def sources_for_model(model: type[Model]) -> list[SearchSource]:
    return [source for source in sources().values() if issubclass(model, source.model)]


def to_document(source: SearchSource, item: Model) -> SearchDocument:
    fields = source.fields(item)
    if not isinstance(fields, SourceFields):
        fields = SourceFields(**fields)
    return build(type_key=source.type_key, pk=item.pk, fields=fields)


def documents(source: SearchSource, queryset: QuerySet | None = None) -> Iterator[SearchDocument]:
    queryset = source.indexable() if queryset is None else queryset
    for item in queryset.iterator(chunk_size=500):
        yield to_document(source, item)
