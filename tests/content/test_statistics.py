"""The numbers behind the charts (content/statistics.py) and the pages that draw them."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.models import PageViewRestriction

from content.models import ResultIndicator
from content.statistics import (
    horizon_counts,
    indicator_charts,
    national_statistics,
    occupation_counts,
    quarter_rows,
    quarterly_status_counts,
    region_statistics,
    sector_counts,
    status_and_horizon_counts,
)
from tests.factories import (
    AnalysisPageFactory,
    CompetenceNeedPageFactory,
    ResultPageFactory,
    region_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def needs():
    # Q itself and its division 86 are one section: the need counts once under Q.
    CompetenceNeedPageFactory(
        region="22",
        sectors=["Q", "86"],
        occupations=["5321", "2221"],
        horizon="short",
        published_date=datetime.date(2025, 2, 1),
    )
    CompetenceNeedPageFactory(
        region="22",
        sectors=["P"],
        occupations=["5321"],
        horizon="long",
        status="i_dialog",
        published_date=datetime.date(2025, 8, 1),
    )
    CompetenceNeedPageFactory(
        region="01", sectors=["Q"], horizon="long", published_date=datetime.date(2025, 8, 2)
    )
    draft = CompetenceNeedPageFactory(region="01", sectors=["Q"])
    draft.unpublish()
    hidden = CompetenceNeedPageFactory(region="01", sectors=["Q"])
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    AnalysisPageFactory(region="01", sectors=["Q"])


def test_sector_counts_count_a_need_once_per_section_and_skip_drafts_and_private(needs):
    assert sector_counts() == {("22", "Q"): 1, ("22", "P"): 1, ("01", "Q"): 1}
    assert sector_counts(region_code="01") == {("01", "Q"): 1}


def test_occupation_counts_group_by_major_group(needs):
    assert occupation_counts() == {("22", "5"): 2, ("22", "2"): 1}


def test_horizon_and_status_counts(needs):
    assert horizon_counts() == {("22", "short"): 1, ("22", "long"): 1, ("01", "long"): 1}
    assert status_and_horizon_counts(region_code="22") == {
        ("identifierat", "short"): 1,
        ("i_dialog", "long"): 1,
    }


def test_quarters_run_without_gaps_and_the_oldest_are_summed():
    counts = {(2024, 4): {"identifierat": 2}, (2025, 3): {"i_dialog": 1}}
    rows = quarter_rows(counts)
    assert [label for label, _values in rows] == [
        "2024 kv. 4",
        "2025 kv. 1",
        "2025 kv. 2",
        "2025 kv. 3",
    ]
    assert rows[1][1] == {}
    summed = quarter_rows(counts, limit=2)
    assert summed[0] == ("Före 2025 kv. 2", {"identifierat": 2})
    assert len(summed) == 3
    assert quarter_rows({}) == []


def test_quarterly_counts_use_the_publication_date_and_todays_status(needs):
    assert quarterly_status_counts() == {
        (2025, 1): {"identifierat": 1},
        (2025, 3): {"i_dialog": 1, "identifierat": 1},
    }


def test_heat_table_cells_link_to_the_filtered_listing(needs):
    table = national_statistics()["sector_table"]
    assert [code for code, _label in table.columns] == ["P", "Q"]
    row = next(row for row in table.rows if row.region.code == "22")
    assert [cell.count for cell in row.cells] == [1, 1]
    query = parse_qs(urlsplit(row.cells[1].url).query)
    assert urlsplit(row.cells[1].url).path == "/kompetensbehov/"
    assert query == {"region": ["22"], "sector": ["Q"]}
    assert row.total == 2
    empty_row = next(row for row in table.rows if row.region.code == "25")
    assert [cell.url for cell in empty_row.cells] == [None, None]
    assert len(table.rows) == 21


def test_region_statistics_link_every_listing_to_the_region(needs):
    stats = region_statistics(region_code="22")
    assert [bar.value for bar in stats["status_chart"].bars] == [1, 1, 0, 0, 0]
    assert [bar.value for bar in stats["horizon_chart"].bars] == [1, 1]
    assert stats["occupation_chart"].bars[0].label.startswith("2 ")
    assert stats["region_listing_urls"]["analysis"] == "/analyser/?region=22"
    assert "occupation=5" in stats["occupation_chart"].bars[1].url


def test_statistics_page_draws_the_charts(client, needs):
    response = client.get("/statistik/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Statistik över kompetensbehov</h1>" in html
    assert html.count('role="img"') == 2
    assert "/kompetensbehov/?region=22&amp;sector=Q" in html
    assert "Visa tabell" in html
    assert "2025 kv. 3" in html
    # Coordinates stay in SVG's number format whatever the page's language.
    assert 'width="82.0%"' in html or 'width="82%"' in html


def test_statistics_page_with_no_needs_says_so_in_swedish(client, portal_site):
    response = client.get("/statistik/")
    assert response.status_code == 200
    assert "Inga kompetensbehov är publicerade ännu." in response.content.decode()


def test_statistics_page_is_linked_from_the_home_page_and_the_footer(client, portal_site):
    html = client.get("/").content.decode()
    assert html.count('href="/statistik/"') == 2


def test_region_page_shows_its_charts_and_see_all_links(client, needs):
    html = client.get(region_page("22").url).content.decode()
    assert "Regionens kompetensbehov i siffror" in html
    assert html.count('role="img"') == 3
    assert 'href="/kompetensbehov/?region=22"' in html
    assert 'href="/dialog/?region=22"' in html


def test_region_page_without_needs_has_an_empty_state(client, portal_site):
    html = client.get(region_page("25").url).content.decode()
    assert "Regionen har inte publicerat några kompetensbehov ännu." in html
    assert 'role="img"' not in html


def test_result_page_draws_its_indicators_with_the_numbers_in_text(client, portal_site):
    result = ResultPageFactory(region="22")
    for name, baseline, target, outcome in [
        ("Andel med examen", "40", "60", "62.5"),
        ("Nya platser", None, "20", None),
    ]:
        ResultIndicator.objects.create(
            page=result,
            name=name,
            baseline=Decimal(baseline) if baseline else None,
            target=Decimal(target),
            outcome=Decimal(outcome) if outcome else None,
            unit="procent",
        )
    marks = indicator_charts(result=result)
    assert [mark.target_reached for mark in marks] == [True, None]
    html = client.get(result.url).content.decode()
    assert "Utgångsläge 40\n" in html and "utfall 62,5 procent" in html
    assert "Målet är nått." in html
    assert "utfall saknas" in html
    assert html.count('role="img"') == 2


def test_percent_key_figures_draw_their_share(client, portal_site):
    analysis = AnalysisPageFactory(
        region="22",
        body=[
            ("key_figure", {"label": "Andel 55+", "value": "31,5", "unit": "procent"}),
            ("key_figure", {"label": "Behov", "value": "899", "unit": "personer"}),
        ],
    )
    html = client.get(analysis.url).content.decode()
    assert html.count('class="key-figure__share"') == 1
    assert 'aria-label="31,5 av 100 procent"' in html
    assert 'width="31.50%"' in html
