"""The numbers behind the charts: live, public competence needs counted in the database.

Every figure is one aggregate query (``GROUP BY``), so ``/statistik/`` and a region page make
the same number of queries whatever the number of needs. Private sections are left out in the
same query (``selectors.live_public``). The shapes that the templates draw come from
``content.charts``.

What "over time" means here: a need's ``published_date`` (the date the region gives as its
publication date, which imports keep) places it in a quarter, and the need is counted with the
status it has today. The portal does not chart status history: a status moved by the dialogue
is logged, but one set by an editor or an import is only seen as a new revision, so a history
drawn from the logs would be incomplete without saying where.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear, Substr

from content import charts
from content.models import (
    CompetenceNeedPage,
    NeedStatus,
    Occupation,
    PublicationListingPage,
    PublicationType,
    RegionPage,
    ResultPage,
    Sector,
)
from content.models.choices import Horizon
from content.overview import scale_legend, scale_level
from content.selectors import live_public

# The oldest quarters are summed into one row, so the chart stays readable on a phone.
MAX_QUARTERS = 12


@dataclass(frozen=True)
class RegionRef:
    code: str
    name: str
    url: str


@dataclass(frozen=True)
class HeatCell:
    code: str
    label: str
    count: int
    level: int
    url: str | None


@dataclass(frozen=True)
class HeatRow:
    region: RegionRef
    cells: list[HeatCell]
    total: int
    total_url: str | None


@dataclass(frozen=True)
class HeatTable:
    """Needs per region (rows) and per classification code (columns)."""

    columns: list[tuple[str, str]]
    rows: list[HeatRow]
    legend: list  # overview.LegendStep: the colour steps, shared with the home page's map

    @property
    def is_empty(self) -> bool:
        return not self.columns


def _live_needs() -> QuerySet:
    return live_public(CompetenceNeedPage.objects.all()).order_by()


def needs_listing_url() -> str | None:
    """The national needs listing, which the charts' links filter (one query)."""
    listing = (
        PublicationListingPage.objects.live()
        .filter(publication_type=PublicationType.NEED)
        .order_by("path")
        .first()
    )
    return listing.url if listing else None


def filtered_url(listing: str | None, **filters: str) -> str | None:
    """The needs listing narrowed by the listing's own parameters (region, sector, …)."""
    if not listing:
        return None
    return f"{listing}?{urlencode(filters)}"


def regions() -> list[RegionRef]:
    """The live region pages in länskod order (one query)."""
    return [
        RegionRef(code=page.region.code, name=page.title, url=page.url)
        for page in RegionPage.objects.live().select_related("region").order_by("region__code")
    ]


def sector_counts(*, region_code: str | None = None) -> dict[tuple[str, str], int]:
    """Needs per (länskod, SNI section); a need counts once per section it touches."""
    needs = _live_needs().filter(sectors__isnull=False)
    if region_code:
        needs = needs.filter(region__code=region_code)
    rows = needs.values(
        "region__code", section=Coalesce("sectors__parent__code", "sectors__code")
    ).annotate(count=Count("pk", distinct=True))
    return {(row["region__code"], row["section"]): row["count"] for row in rows}


def occupation_counts(*, region_code: str | None = None) -> dict[tuple[str, str], int]:
    """Needs per (länskod, SSYK major group); a need counts once per major group it touches."""
    needs = _live_needs().filter(occupations__isnull=False)
    if region_code:
        needs = needs.filter(region__code=region_code)
    rows = needs.values("region__code", major=Substr("occupations__code", 1, 1)).annotate(
        count=Count("pk", distinct=True)
    )
    return {(row["region__code"], row["major"]): row["count"] for row in rows}


def horizon_counts(*, region_code: str | None = None) -> dict[tuple[str, str], int]:
    """Needs per (länskod, horizon)."""
    needs = _live_needs()
    if region_code:
        needs = needs.filter(region__code=region_code)
    rows = needs.values("region__code", "horizon").annotate(count=Count("pk"))
    return {(row["region__code"], row["horizon"]): row["count"] for row in rows}


def status_and_horizon_counts(*, region_code: str) -> dict[tuple[str, str], int]:
    """One region's needs per (status, horizon): both of its small charts in one query."""
    rows = (
        _live_needs()
        .filter(region__code=region_code)
        .values("status", "horizon")
        .annotate(count=Count("pk"))
    )
    return {(row["status"], row["horizon"]): row["count"] for row in rows}


def quarterly_status_counts() -> dict[tuple[int, int], dict[str, int]]:
    """Needs per publication quarter (year, quarter) and today's status."""
    rows = (
        _live_needs()
        .values(
            "status",
            year=ExtractYear("published_date"),
            quarter=ExtractQuarter("published_date"),
        )
        .annotate(count=Count("pk"))
    )
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for row in rows:
        counts.setdefault((row["year"], row["quarter"]), {})[row["status"]] = row["count"]
    return counts


def quarter_label(year: int, quarter: int) -> str:
    return f"{year} kv. {quarter}"


def quarter_rows(
    counts: dict[tuple[int, int], dict[str, int]], *, limit: int = MAX_QUARTERS
) -> list[tuple[str, dict[str, int]]]:
    """Every quarter from the first to the last with needs (empty ones too), oldest first;
    quarters before the last ``limit`` are summed into one row "Före <quarter>"."""
    if not counts:
        return []
    first, last = min(counts), max(counts)
    quarters = []
    year, quarter = first
    while (year, quarter) <= last:
        quarters.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    rows = []
    if len(quarters) > limit:
        older, quarters = quarters[:-limit], quarters[-limit:]
        summed: dict[str, int] = {}
        for key in older:
            for status, count in counts.get(key, {}).items():
                summed[status] = summed.get(status, 0) + count
        rows.append((f"Före {quarter_label(*quarters[0])}", summed))
    rows.extend((quarter_label(*key), counts.get(key, {})) for key in quarters)
    return rows


def heat_table(
    *,
    counts: dict[tuple[str, str], int],
    columns: list[tuple[str, str]],
    region_refs: list[RegionRef],
    totals: dict[str, int],
    listing: str | None,
    parameter: str,
) -> HeatTable:
    """Regions × codes; only codes with at least one need become columns."""
    used = {code for _region, code in counts}
    columns = [(code, label) for code, label in columns if code in used]
    maximum = max(counts.values(), default=0)
    rows = []
    for region in region_refs:
        cells = []
        for code, label in columns:
            count = counts.get((region.code, code), 0)
            cells.append(
                HeatCell(
                    code=code,
                    label=label,
                    count=count,
                    level=scale_level(count=count, maximum=maximum),
                    url=filtered_url(listing, region=region.code, **{parameter: code})
                    if count
                    else None,
                )
            )
        total = totals.get(region.code, 0)
        rows.append(
            HeatRow(
                region=region,
                cells=cells,
                total=total,
                total_url=filtered_url(listing, region=region.code) if total else None,
            )
        )
    return HeatTable(columns=columns, rows=rows, legend=scale_legend(maximum=maximum))


def section_labels() -> list[tuple[str, str]]:
    """SNI sections (code, name), one per letter (one query)."""
    labels: dict[str, str] = {}
    for code, name in (
        Sector.objects.filter(level=Sector.Level.SECTION)
        .order_by("code", "version")
        .values_list("code", "name")
    ):
        labels.setdefault(code, name)
    return list(labels.items())


def major_group_labels() -> list[tuple[str, str]]:
    """SSYK 2012 major groups (code, name) (one query)."""
    return list(Occupation.objects.filter(level=1).order_by("code").values_list("code", "name"))


def national_statistics() -> dict:
    """Everything ``/statistik/`` shows (eight queries, whatever the number of needs)."""
    listing = needs_listing_url()
    region_refs = regions()
    horizons = horizon_counts()
    totals: dict[str, int] = {}
    for (code, _horizon), count in horizons.items():
        totals[code] = totals.get(code, 0) + count
    horizon_chart = charts.paired_bar_chart(
        rows=[
            (
                region.name,
                horizons.get((region.code, Horizon.SHORT), 0),
                horizons.get((region.code, Horizon.LONG), 0),
                filtered_url(listing, region=region.code, horizon=Horizon.SHORT),
                filtered_url(listing, region=region.code, horizon=Horizon.LONG),
            )
            for region in region_refs
        ],
        first_label=Horizon.SHORT.label,
        second_label=Horizon.LONG.label,
    )
    status_chart = charts.stacked_bar_chart(
        rows=quarter_rows(quarterly_status_counts()), keys=list(NeedStatus.choices)
    )
    return {
        "total_needs": sum(totals.values()),
        "needs_listing_url": listing,
        "sector_table": heat_table(
            counts=sector_counts(),
            columns=section_labels(),
            region_refs=region_refs,
            totals=totals,
            listing=listing,
            parameter="sector",
        ),
        "occupation_table": heat_table(
            counts=occupation_counts(),
            columns=major_group_labels(),
            region_refs=region_refs,
            totals=totals,
            listing=listing,
            parameter="occupation",
        ),
        "horizon_chart": horizon_chart,
        "status_chart": status_chart,
        "status_steps": list(NeedStatus.choices),
    }


def choice_chart(
    *,
    choices: list[tuple[str, str]],
    counts: dict[str, int],
    listing: str | None,
    region_code: str,
    parameter: str,
) -> charts.BarChart:
    """One bar per choice, in the choices' order and zeros included, each linking to the
    listing narrowed to the region and that choice (``parameter`` is the listing's name)."""
    return charts.bar_chart(
        rows=[
            (
                label,
                counts.get(value, 0),
                filtered_url(listing, region=region_code, **{parameter: value}),
            )
            for value, label in choices
        ]
    )


def region_statistics(*, region_code: str) -> dict:
    """A region page's own charts: its needs by status, horizon and SSYK major group, and
    every listing narrowed to the region (four queries, whatever the number of needs)."""
    listings = {
        page.publication_type: page.url
        for page in PublicationListingPage.objects.live().order_by("path")
    }
    listing = listings.get(PublicationType.NEED)
    statuses: dict[str, int] = {}
    horizons: dict[str, int] = {}
    for (status, horizon), count in status_and_horizon_counts(region_code=region_code).items():
        statuses[status] = statuses.get(status, 0) + count
        horizons[horizon] = horizons.get(horizon, 0) + count
    occupations = occupation_counts(region_code=region_code)
    return {
        "region_listing_urls": {
            publication_type: filtered_url(url, region=region_code)
            for publication_type, url in listings.items()
        },
        "status_chart": choice_chart(
            choices=NeedStatus.choices,
            counts=statuses,
            listing=listing,
            region_code=region_code,
            parameter="status",
        ),
        "horizon_chart": choice_chart(
            choices=Horizon.choices,
            counts=horizons,
            listing=listing,
            region_code=region_code,
            parameter="horizon",
        ),
        "occupation_chart": charts.bar_chart(
            rows=[
                (
                    f"{code} {name}",
                    occupations[(region_code, code)],
                    filtered_url(listing, region=region_code, occupation=code),
                )
                for code, name in major_group_labels()
                if occupations.get((region_code, code))
            ]
        ),
    }


def indicator_charts(*, result: ResultPage) -> list[charts.IndicatorMarks]:
    """A result page's indicators placed on their axes (one query)."""
    return [
        charts.indicator_marks(
            name=indicator.name,
            unit=indicator.unit,
            year=indicator.year,
            baseline=indicator.baseline,
            target=indicator.target,
            outcome=indicator.outcome,
        )
        for indicator in result.indicators.all()
    ]
