"""The search page, the JSON API, suggestions and the Atom feed: thin views over services."""

import datetime

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search import exports, selectors, services
from search import params as search_params
from search.engines.base import Hit

FEED_SIZE = 30
# The contract's facets plus need status, which the issue adds.
API_FACETS = ("region", "type", "sector", "occupation", "horizon", "year", "status")
IGNORED_NOTICE = search_params.IGNORED_NOTICE


def _hit_json(hit: Hit) -> dict:
    return {
        "title": hit.title,
        "url": hit.url,
        "type": hit.type,
        "region": hit.region,
        "published": hit.published.isoformat(),
        "snippet": hit.snippet,
    }


@require_GET
@never_cache
def search_page(request: HttpRequest) -> HttpResponse:
    if request.GET.get("format"):
        # ?format=csv|json: the same search as a file (open data).
        return exports.search_export(request)
    parsed = search_params.parse(request.GET)
    params = parsed.params
    notices = []
    if parsed.errors:
        notices.append(IGNORED_NOTICE.format(names=", ".join(sorted(parsed.errors))))
    has_words = services.has_search_words(q=params.q)
    if params.q.strip() and not has_words:
        notices.append(services.EMPTY_QUERY_NOTICE)
    searched = has_words or bool(params.filters)
    outcome = services.run_search(params=params) if searched else None
    pages = max(1, -(-outcome.result.count // params.page_size)) if outcome else 1
    if outcome and params.page > pages:
        # Like the listings' Paginator.get_page: a page past the end (an old bookmark, hits
        # that went away, a typed number) goes to the last page rather than an empty one, and
        # with no hits at all to page 1 and its empty state, which says what to try instead.
        last = selectors.page_query(request.GET, page=str(pages) if pages > 1 else None)
        return HttpResponseRedirect(f"{request.path}?{last}")
    context = {
        "query": params.q,
        # What the heading says was searched for: nothing, for a query without words.
        "searched_text": params.q if has_words else "",
        "params": params,
        "searched": searched,
        "outcome": outcome,
        "notices": notices,
    }
    if outcome:
        notices += outcome.notices
    if outcome:
        result = outcome.result
        if outcome.corrections and result.count:
            notices.append(
                "Inga träffar för orden som de skrevs; visar träffar för "
                + ", ".join(f"”{found}”" for found in outcome.corrections.values())
                + "."
            )
        context |= {
            "result": result,
            "hits": selectors.presented_hits(hits=result.hits),
            "first_number": params.offset + 1,
            "relevance_query": selectors.page_query(request.GET, sort=None, page=None),
            "newest_query": selectors.page_query(request.GET, sort="newest", page=None),
            "facet_groups": selectors.facet_groups(facets=result.facets, selected=params.filters),
            "page_count": pages,
            "previous_query": selectors.page_query(request.GET, page=str(params.page - 1))
            if params.page > 1
            else None,
            "next_query": selectors.page_query(request.GET, page=str(params.page + 1))
            if params.page < pages
            else None,
            "without_filters_query": selectors.page_query(
                request.GET, **dict.fromkeys(search_params.FILTER_NAMES), page=None
            ),
            "corrected_query": _corrected(params.q, outcome.corrections),
            "feed_query": selectors.page_query(request.GET, page=None, page_size=None),
        }
    response = TemplateResponse(request, "search/search_page.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def _corrected(q: str, corrections: dict[str, str]) -> str:
    words = q.split()
    return " ".join(corrections.get(word.lower(), word) for word in words) if corrections else ""


@require_GET
@never_cache
def search_api(request: HttpRequest) -> JsonResponse:
    parsed = search_params.parse(request.GET)
    if parsed.errors:
        name = sorted(parsed.errors)[0]
        return JsonResponse(
            {
                "error": f"Ogiltigt värde för parametern {name}: {parsed.errors[name]}",
                "parameter": name,
                "errors": parsed.errors,
            },
            status=400,
        )
    outcome = services.run_search(params=parsed.params)
    result = outcome.result
    body = {
        "count": result.count,
        "page": parsed.params.page,
        "results": [_hit_json(hit) for hit in result.hits],
        "facets": {name: result.facets.get(name, {}) for name in API_FACETS},
        "engine": result.engine,
    }
    if outcome.notices:
        body["notices"] = outcome.notices
    if outcome.unknown_words:
        body["unknown_words"] = list(outcome.unknown_words)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    suggestions = services.suggest(prefix=request.GET.get("q", ""))
    response = JsonResponse(
        {"suggestions": [{"title": s.title, "url": s.url, "type": s.type} for s in suggestions]},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "max-age=60"
    return response


@require_GET
@never_cache
def search_feed(request: HttpRequest) -> HttpResponse:
    """The same search as an Atom feed, newest first: a saved search to subscribe to."""
    parsed = search_params.parse(request.GET)
    params = parsed.params
    outcome = services.run_search(
        params=search_params.SearchParams(
            q=params.q, filters=params.filters, sort="newest", page=1, page_size=FEED_SIZE
        )
    )
    # XML 1.0 cannot carry control characters, and a query may hold any.
    typed = "".join(char for char in params.q if char.isprintable())[:100].strip()
    title = f"Sökning: {typed}" if typed else "Sökning i Kompetensförsörjningsportalen"
    feed = Atom1Feed(
        title=title,
        link=request.build_absolute_uri("/sok/?" + request.GET.urlencode()),
        description="Nya träffar för en sökning i Kompetensförsörjningsportalen.",
        language="sv",
        feed_url=request.build_absolute_uri(),
    )
    for hit in outcome.result.hits:
        feed.add_item(
            title=hit.title,
            link=request.build_absolute_uri(hit.url),
            description=hit.snippet,
            unique_id=request.build_absolute_uri(hit.url),
            pubdate=_midnight(hit.published),
            categories=[hit.type],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _midnight(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(), tzinfo=datetime.UTC)
