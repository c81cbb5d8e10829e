"""The national overview on the home page: aggregate figures over every region.

Each figure is one aggregate query (``GROUP BY`` in the database), so the number of queries the
home page makes does not grow with the number of publications.
"""

from dataclasses import dataclass
from itertools import chain
from urllib.parse import urlencode

from django.db.models import Count, Q
from wagtail.models import Page

from content.classification_filters import occupation_condition, sector_condition
from content.models import (
    AnalysisPage,
    CompetenceNeedPage,
    GoodExamplePage,
    Municipality,
    NeedStatus,
    Occupation,
    PublicationListingPage,
    PublicationType,
    RegionPage,
    ResultPage,
    Sector,
)

# Where each region sits in the tile map: (column, row, short label), north at the top, the west
# coast in column 1 and Gotland in the sea to the east: Sweden's shape, not its area. The labels
# carry soft hyphens so that long names break inside a tile on a 320 px screen.
TILE_POSITIONS: dict[str, tuple[int, int, str]] = {
    "25": (3, 1, "Norr\u00adbotten"),
    "24": (3, 2, "Väster\u00adbotten"),
    "23": (2, 3, "Jämt\u00adland"),
    "22": (3, 3, "Väster\u00adnorr\u00adland"),
    "20": (2, 4, "Dalarna"),
    "21": (3, 4, "Gävle\u00adborg"),
    "17": (1, 5, "Värm\u00adland"),
    "18": (2, 5, "Örebro"),
    "19": (3, 5, "Väst\u00adman\u00adland"),
    "03": (4, 5, "Uppsala"),
    "14": (1, 6, "Västra Göta\u00adland"),
    "05": (2, 6, "Öster\u00adgöt\u00adland"),
    "04": (3, 6, "Sörm\u00adland"),
    "01": (4, 6, "Stock\u00adholm"),
    "13": (1, 7, "Halland"),
    "06": (2, 7, "Jön\u00adköping"),
    "08": (3, 7, "Kalmar"),
    "09": (4, 7, "Gotland"),
    "12": (1, 8, "Skåne"),
    "07": (2, 8, "Krono\u00adberg"),
    "10": (3, 8, "Ble\u00adkinge"),
}

# Classes of the colour scale, lightest first; each level's colours pass 4.5:1 for its text.
SCALE_LEVELS = 5


@dataclass(frozen=True)
class RegionTile:
    code: str
    name: str
    short_name: str
    url: str
    need_count: int
    level: int
    column: int
    row: int


@dataclass(frozen=True)
class LegendStep:
    level: int
    label: str


@dataclass(frozen=True)
class StatusCount:
    value: str
    label: str
    count: int
    url: str | None


def scale_level(*, count: int, maximum: int) -> int:
    """0 for no needs, else 1..SCALE_LEVELS - 1 in equal steps; the largest count is the top."""
    if count <= 0 or maximum <= 0:
        return 0
    steps = SCALE_LEVELS - 1
    return min(steps, -(-count * steps // maximum))


def scale_legend(*, maximum: int) -> list[LegendStep]:
    """The count range each colour level stands for, in words."""
    steps = SCALE_LEVELS - 1
    legend = [LegendStep(level=0, label="Inga behov")]
    ranges: dict[int, list[int]] = {}
    for count in range(1, maximum + 1):
        ranges.setdefault(scale_level(count=count, maximum=maximum), []).append(count)
    for level in range(1, steps + 1):
        counts = ranges.get(level)
        if not counts:
            continue
        low, high = counts[0], counts[-1]
        label = f"{low} behov" if low == high else f"{low}–{high} behov"
        legend.append(LegendStep(level=level, label=label))
    return legend


def private_sections() -> Q:
    """Pages under a view restriction (one query), to exclude from every figure at once.

    ``PageQuerySet.public()`` asks the database for the restrictions each time it is called;
    the overview builds the condition once and passes it to each figure.
    """
    return Page.objects.private_q()


def _live_public(model, *, private: Q):
    return model.objects.live().exclude(private)


@dataclass(frozen=True)
class MapSelection:
    """What the map counts: every need, or the needs in one SNI section or SSYK major group."""

    value: str
    label: str
    condition: Q | None


ALL_NEEDS = MapSelection(value="", label="alla sektorer och yrken", condition=None)


def map_selections() -> list[tuple[str, list[MapSelection]]]:
    """The choices of the map's 'Visa behov inom' menu, grouped (two queries)."""
    sectors = Sector.objects.filter(level=Sector.Level.SECTION).order_by("code")
    occupations = Occupation.objects.filter(level=1).order_by("code")
    return [
        (
            "Sektor (SNI)",
            [
                MapSelection(
                    value=f"sni-{sector.code}",
                    label=f"{sector.code} – {sector.name}",
                    condition=sector_condition(sector.code),
                )
                for sector in sectors
            ],
        ),
        (
            "Yrkesområde (SSYK)",
            [
                MapSelection(
                    value=f"ssyk-{occupation.code}",
                    label=f"{occupation.code} – {occupation.name}",
                    condition=occupation_condition(occupation.code),
                )
                for occupation in occupations
            ],
        ),
    ]


def chosen_selection(*, groups: list[tuple[str, list[MapSelection]]], value: str) -> MapSelection:
    """The selection named by ``value``; an unknown value shows every need."""
    for _label, selections in groups:
        for selection in selections:
            if selection.value == value:
                return selection
    return ALL_NEEDS


def needs_per_region(*, private: Q, selection: MapSelection = ALL_NEEDS) -> dict[int, int]:
    """Live, public competence needs (within ``selection``) counted per region id (one query)."""
    needs = _live_public(CompetenceNeedPage, private=private)
    if selection.condition is not None:
        # A need classified with two matching codes must still count once.
        needs = needs.filter(
            pk__in=CompetenceNeedPage.objects.filter(selection.condition).values("pk")
        )
    rows = needs.order_by().values("region_id").annotate(count=Count("pk"))
    return {row["region_id"]: row["count"] for row in rows}


def region_tiles(*, private: Q, selection: MapSelection = ALL_NEEDS) -> list[RegionTile]:
    """The 21 regions as map tiles, north to south, west to east (two queries)."""
    counts = needs_per_region(private=private, selection=selection)
    pages = list(RegionPage.objects.live().select_related("region"))
    maximum = max(counts.values(), default=0)
    tiles = []
    for page in pages:
        code = page.region.code
        if code not in TILE_POSITIONS:
            continue
        column, row, short_name = TILE_POSITIONS[code]
        count = counts.get(page.region_id, 0)
        tiles.append(
            RegionTile(
                code=code,
                name=page.title,
                short_name=short_name,
                url=page.url,
                need_count=count,
                level=scale_level(count=count, maximum=maximum),
                column=column,
                row=row,
            )
        )
    return sorted(tiles, key=lambda tile: (tile.row, tile.column))


def listing_urls() -> dict[str, str]:
    """URL of each type's national listing, keyed by ``PublicationType`` (one query)."""
    return {
        listing.publication_type: listing.url
        for listing in PublicationListingPage.objects.live().order_by("path")
    }


def needs_by_status(*, private: Q, needs_listing: str | None) -> list[StatusCount]:
    """Live needs counted per status, in the status order, each linking to its listing."""
    rows = (
        _live_public(CompetenceNeedPage, private=private)
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
    )
    counts = {row["status"]: row["count"] for row in rows}
    return [
        StatusCount(
            value=value,
            label=label,
            count=counts.get(value, 0),
            url=f"{needs_listing}?{urlencode({'status': value})}" if needs_listing else None,
        )
        for value, label in NeedStatus.choices
    ]


def latest_publications(*, private: Q, limit: int = 6) -> list:
    """The newest live publications of every type, newest first (one query per type)."""
    newest = chain.from_iterable(
        _live_public(model, private=private)
        .select_related("region")
        .order_by("-published_date", "-pk")[:limit]
        for model in (AnalysisPage, CompetenceNeedPage, GoodExamplePage, ResultPage)
    )
    return sorted(newest, key=lambda page: (page.published_date, page.pk), reverse=True)[:limit]


def municipalities_by_region() -> list[tuple[str, list[Municipality]]]:
    """Every municipality grouped under its county's name, for the 'your municipality' form."""
    groups: dict[str, list[Municipality]] = {}
    for municipality in Municipality.objects.select_related("region").order_by(
        "region__code", "name"
    ):
        groups.setdefault(municipality.region.county_name, []).append(municipality)
    return list(groups.items())


def home_overview(*, map_selection: str = "") -> dict:
    """Everything the home page's overview shows; ``map_selection`` narrows the map's needs."""
    private = private_sections()
    groups = map_selections()
    selection = chosen_selection(groups=groups, value=map_selection)
    tiles = region_tiles(private=private, selection=selection)
    listings = listing_urls()
    statuses = needs_by_status(private=private, needs_listing=listings.get(PublicationType.NEED))
    return {
        "region_tiles": tiles,
        "map_selection_groups": groups,
        "map_selection": selection,
        "tile_legend": scale_legend(maximum=max((tile.need_count for tile in tiles), default=0)),
        "total_needs": sum(status.count for status in statuses),
        "needs_by_status": statuses,
        "publication_counts": {
            "analyses": _live_public(AnalysisPage, private=private).count(),
            "good_examples": _live_public(GoodExamplePage, private=private).count(),
            "results": _live_public(ResultPage, private=private).count(),
        },
        "listing_urls": listings,
        "latest_publications": latest_publications(private=private),
        "municipality_groups": municipalities_by_region(),
    }
