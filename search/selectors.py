"""Labels and links the search page shows around the results."""

from django.http import QueryDict

from content.models import Horizon, NeedStatus, Occupation, Region, Sector
from search import registry
from search.filters import FACETS

FACET_LEGENDS = {
    "type": "Typ",
    "region": "Region",
    "sector": "Bransch (SNI)",
    "occupation": "Yrkesområde (SSYK)",
    "horizon": "Tidshorisont",
    "year": "År",
    "status": "Status för behov",
}


def facet_labels(
    *, facets: dict[str, dict[str, int]], selected: dict[str, frozenset[str]]
) -> dict[str, dict[str, str]]:
    """Swedish labels for every facet value shown, in one query per classification.

    A selected value with no hits is missing from the engine's counts but still shown (checked,
    count 0), so it is labelled too.
    """
    wanted = {facet: set(facets.get(facet, ())) | set(selected.get(facet, ())) for facet in FACETS}
    return {
        "type": {key: source.label for key, source in registry.sources().items()},
        "region": dict(
            Region.objects.filter(code__in=wanted.get("region", ())).values_list("code", "name")
        ),
        "sector": {
            code: f"{code} {name}"
            for code, name in Sector.objects.filter(
                level=Sector.Level.SECTION, code__in=wanted.get("sector", ())
            ).values_list("code", "name")
        },
        "occupation": {
            code: f"{code} {name}"
            for code, name in Occupation.objects.filter(
                code__in=wanted.get("occupation", ())
            ).values_list("code", "name")
        },
        "horizon": dict(Horizon.choices),
        "year": {year: year for year in wanted.get("year", ())},
        "status": dict(NeedStatus.choices),
    }


def facet_groups(
    *, facets: dict[str, dict[str, int]], selected: dict[str, frozenset[str]]
) -> list[dict]:
    """Facets for the template: legend, and options with label, count and checked state."""
    labels = facet_labels(facets=facets, selected=selected)
    groups = []
    for facet in FACETS:
        counts = dict(facets.get(facet, {}))
        for value in selected.get(facet, ()):
            counts.setdefault(value, 0)
        order = sorted(counts, reverse=True) if facet == "year" else sorted(counts)
        options = [
            {
                "value": value,
                "label": labels.get(facet, {}).get(value, value),
                "count": counts[value],
                "checked": value in selected.get(facet, ()),
            }
            for value in order
        ]
        if options:
            groups.append({"name": facet, "legend": FACET_LEGENDS[facet], "options": options})
    return groups


def page_query(data: QueryDict, **changes) -> str:
    """The current query string with ``changes`` applied (None removes a parameter)."""
    query = data.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()


def presented_hits(*, hits: list) -> list[dict]:
    """Hits with the Swedish names of their type and region, for the page."""
    types = {key: source.label for key, source in registry.sources().items()}
    regions = dict(
        Region.objects.filter(code__in={hit.region for hit in hits}).values_list("code", "name")
    )
    return [
        {
            "title": hit.title,
            "url": hit.url,
            "published": hit.published,
            "snippet": hit.snippet,
            "type_label": types.get(hit.type, hit.type),
            "region_name": regions.get(hit.region, ""),
        }
        for hit in hits
    ]
