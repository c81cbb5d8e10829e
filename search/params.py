"""The search parameters of the API, the page and the feed: parsed and validated in one place.

Unknown values are errors naming their parameter; the API answers them with HTTP 400, the page
and the feed ignore them with a notice.
"""

from dataclasses import dataclass, field

from django.http import QueryDict

from content.models import Horizon, NeedStatus, Occupation, Region, Sector
from portal.request_numbers import whole_number
from search import registry

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 1000
MAX_Q_CHARS = 10_000
SORTS = ("relevance", "newest")
FILTER_NAMES = ("type", "region", "sector", "occupation", "horizon", "year", "status")
# What the page, the feed and the exports say about values they left out.
IGNORED_NOTICE = "Några filter kändes inte igen och användes inte: {names}."


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: dict[str, frozenset[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class ParseResult:
    params: SearchParams
    errors: dict[str, str]


def allowed_values() -> dict[str, set[str]]:
    return {
        "region": set(Region.objects.values_list("code", flat=True)),
        "type": set(registry.type_keys()),
        "sector": set(
            Sector.objects.filter(level=Sector.Level.SECTION).values_list("code", flat=True)
        ),
        "occupation": set(Occupation.objects.values_list("code", flat=True)),
        "horizon": set(Horizon.values),
        "status": set(NeedStatus.values),
    }


def _year(value: str) -> bool:
    return len(value) == 4 and whole_number(value, lowest=1900, highest=2100) is not None


def _number(data: QueryDict, name: str, default: int, lowest: int, highest: int, errors) -> int:
    raw = data.get(name, "")
    if raw == "":
        return default
    value = whole_number(raw, lowest=lowest, highest=highest)
    if value is None:
        errors[name] = f"ska vara ett heltal från {lowest} till {highest}"
        return default
    return value


def parse(data: QueryDict) -> ParseResult:
    errors: dict[str, str] = {}
    allowed = allowed_values()
    filters: dict[str, frozenset[str]] = {}
    for name in FILTER_NAMES:
        values = {value.strip() for value in data.getlist(name) if value.strip()}
        if name == "sector":
            values = {value.upper() for value in values}
        valid = _year if name == "year" else allowed[name].__contains__
        unknown = sorted(value for value in values if not valid(value))
        if unknown:
            errors[name] = "okänt värde: " + ", ".join(value[:40] for value in unknown[:5])
        if values - set(unknown):
            filters[name] = frozenset(values - set(unknown))
    sort = data.get("sort", "") or "relevance"
    if sort not in SORTS:
        errors["sort"] = "ska vara relevance eller newest"
        sort = "relevance"
    params = SearchParams(
        q=data.get("q", "")[:MAX_Q_CHARS],
        filters=filters,
        sort=sort,
        page=_number(data, "page", 1, 1, MAX_PAGE, errors),
        page_size=_number(data, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, errors),
    )
    return ParseResult(params=params, errors=errors)
