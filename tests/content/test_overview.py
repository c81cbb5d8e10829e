import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from content.models import Region
from content.overview import (
    TILE_POSITIONS,
    private_sections,
    region_tiles,
    scale_legend,
    scale_level,
)
from portal.templatetags.hyphenation import SOFT_HYPHEN
from tests.factories import (
    AnalysisPageFactory,
    CompetenceNeedPageFactory,
    GoodExamplePageFactory,
    ResultPageFactory,
)

pytestmark = pytest.mark.django_db


def test_every_region_has_its_own_tile_position():
    assert set(TILE_POSITIONS) == set(Region.objects.values_list("code", flat=True))
    positions = [(column, row) for column, row, _label in TILE_POSITIONS.values()]
    assert len(set(positions)) == 21


def test_scale_levels_rise_with_the_count_and_zero_has_its_own_level():
    assert scale_level(count=0, maximum=9) == 0
    assert scale_level(count=1, maximum=9) == 1
    assert scale_level(count=9, maximum=9) == 4
    levels = [scale_level(count=count, maximum=9) for count in range(10)]
    assert levels == sorted(levels)
    assert scale_legend(maximum=0)[0].label == "Inga behov"
    assert [step.label for step in scale_legend(maximum=1)] == ["Inga behov", "1 behov"]
    labels = [step.label for step in scale_legend(maximum=8)]
    assert labels == ["Inga behov", "1–2 behov", "3–4 behov", "5–6 behov", "7–8 behov"]


def test_tiles_count_live_needs_per_region_north_first():
    CompetenceNeedPageFactory.create_batch(2, region="22")
    CompetenceNeedPageFactory(region="01")
    draft = CompetenceNeedPageFactory(region="01")
    draft.unpublish()
    restricted = CompetenceNeedPageFactory(region="01")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    AnalysisPageFactory(region="25")
    tiles = {tile.code: tile for tile in region_tiles(private=private_sections())}
    assert tiles["22"].need_count == 2
    assert tiles["01"].need_count == 1
    assert tiles["25"].need_count == 0
    assert tiles["22"].level == 4 and tiles["25"].level == 0
    assert next(iter(tiles)) == "25"


def test_home_page_shows_the_overview(client):
    CompetenceNeedPageFactory(region="09", title="Sjuksköterskor på Gotland")
    CompetenceNeedPageFactory(region="09", status="i_dialog")
    AnalysisPageFactory(region="12", title="Skånes arbetsmarknad 2030")
    GoodExamplePageFactory(region="12")
    ResultPageFactory(region="12")
    html = client.get("/").text.replace(SOFT_HYPHEN, "")
    assert "Kompetensbehov i Sverige" in html
    tiles = re.findall(r'<li class="tile-map__tile [^"]*">\s*<a href="(/regioner/[a-z-]+/)"', html)
    assert len(set(tiles)) == 21
    gotland = re.search(r"Region Gotland:</span> <span class=\"tile-map__count\">(\d+)", html)
    assert gotland and gotland.group(1) == "2"
    statuses = dict(re.findall(r'status=(\w+)">[^<]+</a></th><td class="numeric">(\d+)', html))
    assert statuses == {"identifierat": "1", "i_dialog": "1"}
    assert re.search(r"key-numbers__value\">1</span> analyser och prognoser", html)
    assert re.search(r"key-numbers__value\">1</span> goda exempel", html)
    assert re.search(r"key-numbers__value\">1</span> resultat", html)
    assert "Skånes arbetsmarknad 2030" in html and "Sjuksköterskor på Gotland" in html
    for entry in (
        "Hitta analyser för din kommun",
        "Behov som väntar på insatser",
        "Goda exempel att lära av",
    ):
        assert entry in html
    # The municipality picker sends the municipality's region to the analyses listing.
    assert '<option value="09">Gotland</option>' in html


def test_key_figure_labels_break_at_syllables_on_a_phone(client):
    """A key figure's label sits in a quarter of a 390 px screen: "kompetensbehov" must break
    with a hyphen, not mid-word as overflow-wrap would break it."""
    CompetenceNeedPageFactory(region="09")
    html = client.get("/").text
    labels = re.findall(r'key-numbers__value">\d+</span> ([^<]+)</a>', html)
    assert len(labels) == 4
    assert f"kom{SOFT_HYPHEN}pe{SOFT_HYPHEN}tens{SOFT_HYPHEN}be{SOFT_HYPHEN}hov" in labels
    assert any(f"upp{SOFT_HYPHEN}" in label for label in labels)


def test_home_page_queries_do_not_grow_with_the_data(client):
    def home_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    CompetenceNeedPageFactory(region="22")
    AnalysisPageFactory(region="22")
    client.get("/")  # Wagtail's site root cache is filled by the first request.
    few = home_queries()
    for code in ("01", "12", "14", "25"):
        CompetenceNeedPageFactory.create_batch(3, region=code, sectors=["Q"])
        AnalysisPageFactory.create_batch(2, region=code)
        GoodExamplePageFactory(region=code)
        ResultPageFactory(region=code)
    many = home_queries()
    assert many == few


def test_map_counts_the_needs_of_a_chosen_sector_or_occupation_group(client):
    CompetenceNeedPageFactory(region="22", sectors=["Q", "86"], occupations=["5321"])
    CompetenceNeedPageFactory(region="22", sectors=["P"])
    CompetenceNeedPageFactory(region="01", sectors=["86"])

    def count(html: str, region: str) -> str:
        return re.search(rf"{region}:</span> <span class=\"tile-map__count\">(\d+)", html).group(1)

    sector_q = client.get("/", {"urval": "sni-Q"}).text.replace(SOFT_HYPHEN, "")
    assert (count(sector_q, "Region Västernorrland"), count(sector_q, "Region Stockholm")) == (
        "1",
        "1",
    )
    assert "Identifierade kompetensbehov per region: Q – " in sector_q
    assert '<option value="sni-Q" selected>' in sector_q
    major_5 = client.get("/", {"urval": "ssyk-5"}).text.replace(SOFT_HYPHEN, "")
    assert (count(major_5, "Region Västernorrland"), count(major_5, "Region Stockholm")) == (
        "1",
        "0",
    )
    unknown = client.get("/", {"urval": "sni-ZZ"})
    assert unknown.status_code == 200
    assert count(unknown.text, "Region Västernorrland") == "2"
