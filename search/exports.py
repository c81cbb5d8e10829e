"""Open data: a search of ``/sok/`` as a CSV or JSON file (``/sok/?q=…&format=csv``).

The rows are the page's hits in the page's order, every one of them rather than one page, up
to ``content.exports.MAX_ROWS``. Publications get their classifications with codes and
labels from the content app, in one set of queries per type; other hits (dialogue threads,
learning collections) carry what the index holds: type, title, address, date and region.
Parameters are read as the page reads them: an unknown filter value is left out with a notice.
"""

from dataclasses import replace

from django.http import HttpRequest, HttpResponse

from content import exports as content_exports
from content.exports import (
    COMMON_COLUMNS,
    CONTENT_TYPES,
    Column,
    Export,
    choice_columns,
    export_response,
    requested_format,
    source_url,
    unknown_format_response,
    values_by_key,
)
from content.models import Region
from search import params as search_params
from search import registry, services

FILE_STEM = "sokresultat"
TITLE = "Sökresultat i Kompetensförsörjningsportalen"
_COMMON = {column.name: column for column in COMMON_COLUMNS}
SEARCH_COLUMNS = (
    Column("nyckel", "Träffens nyckel i sökindexet: typ och id, till exempel need-12"),
    Column(
        "typ",
        "Typ som kod: analysis, need, good_example, result, collection eller thread "
        "(samma värden som sökningens filter type)",
    ),
    *(
        _COMMON[name]
        for name in (
            "typ_namn",
            "titel",
            "url",
            "publicerad",
            "region_kod",
            "region",
            "sammanfattning",
            "kommun_koder",
            "kommuner",
            "sni_koder",
            "branscher",
            "ssyk_koder",
            "yrken",
        )
    ),
    *choice_columns("horizon"),
    *choice_columns("status"),
)


def _ref(key: str) -> tuple[str, int] | None:
    type_key, _, pk = key.rpartition("-")
    return (type_key, int(pk)) if pk.isdigit() else None


def _filters(params: search_params.SearchParams) -> dict[str, list[str]]:
    applied = {"q": [params.q]} if params.q.strip() else {}
    applied |= {name: sorted(values) for name, values in sorted(params.filters.items())}
    return applied | {"sort": [params.sort]}


def search_export(request: HttpRequest) -> HttpResponse:
    fmt = requested_format(request.GET)
    if fmt not in CONTENT_TYPES:
        return unknown_format_response(fmt)
    parsed = search_params.parse(request.GET)
    notices = []
    if parsed.errors:
        notices.append(search_params.IGNORED_NOTICE.format(names=", ".join(sorted(parsed.errors))))
    if parsed.params.q.strip() and not services.has_search_words(q=parsed.params.q):
        notices.append(services.EMPTY_QUERY_NOTICE)
    params = replace(parsed.params, page=1, page_size=content_exports.MAX_ROWS)
    outcome = services.run_search(params=params, highlight=False)
    hits = outcome.result.hits[: content_exports.MAX_ROWS]
    refs = {hit.key: _ref(hit.key) for hit in hits}
    publications = values_by_key(filter(None, refs.values()), request=request)
    labels = {key: source.label for key, source in registry.sources().items()}
    region_names = dict(
        Region.objects.filter(code__in={hit.region for hit in hits}).values_list("code", "name")
    )
    rows = [
        {
            **publications.get(refs[hit.key], {}),
            "nyckel": hit.key,
            "typ": hit.type,
            "typ_namn": labels.get(hit.type, hit.type),
            "titel": hit.title,
            "url": request.build_absolute_uri(hit.url),
            "publicerad": hit.published.isoformat(),
            "region_kod": hit.region,
            "region": region_names.get(hit.region, ""),
        }
        for hit in hits
    ]
    export = Export(
        file_stem=FILE_STEM,
        title=TITLE,
        source_url=source_url(request),
        columns=SEARCH_COLUMNS,
        rows=rows,
        total=outcome.result.count,
        filters=_filters(parsed.params),
        notices=notices + outcome.notices,
    )
    response = export_response(export, fmt=fmt)
    if parsed.errors:
        response["X-Ignored-Filters"] = ", ".join(sorted(parsed.errors))
    return response
