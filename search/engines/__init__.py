"""Engine selection: ``SEARCH_ENGINE`` picks the one that answers searches."""

from django.conf import settings

from search.engines.base import SearchEngine


def database_engine() -> SearchEngine:
    from search.engines.database import DatabaseEngine

    return DatabaseEngine()


def configured_engine() -> SearchEngine:
    if settings.SEARCH_ENGINE == "elasticsearch":
        from search.engines.elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine()
    return database_engine()


def writing_engines() -> list[SearchEngine]:
    """Every engine kept up to date: the database one always, as the fallback of the other."""
    engines = [database_engine()]
    if settings.SEARCH_ENGINE == "elasticsearch":
        engines.append(configured_engine())
    return engines
