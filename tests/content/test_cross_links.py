"""The chain analysis → need → good example/result is visible from both ends."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.selectors import region_overview, similar_needs
from tests.factories import (
    AnalysisPageFactory,
    CompetenceNeedPageFactory,
    GoodExamplePageFactory,
    ResultPageFactory,
    region_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain():
    analysis = AnalysisPageFactory(region="22", title="Vårdens kompetensbehov 2035")
    need = CompetenceNeedPageFactory(
        region="22",
        title="Undersköterskor i Västernorrland",
        source_analyses=[analysis],
        occupations=["5321"],
        sectors=["87"],
    )
    example = GoodExamplePageFactory(
        region="01", title="Kombinationsutbildning i Stockholm", needs_addressed=[need]
    )
    result = ResultPageFactory(region="22", title="Uppföljning av vårdlyftet", needs=[need])
    return analysis, need, example, result


def test_need_page_shows_analysis_examples_and_results(client, chain):
    analysis, need, example, result = chain
    html = client.get(need.url).text
    for page in (analysis, example, result):
        assert f'href="{page.url}"' in html, page.title


def test_analysis_lists_the_needs_it_identified(client, chain):
    analysis, need, _, _ = chain
    html = client.get(analysis.url).text
    assert "Kompetensbehov som analysen identifierat" in html
    assert f'href="{need.url}"' in html


def test_good_example_links_back_to_the_need_in_another_region(client, chain):
    _, need, example, _ = chain
    html = client.get(example.url).text
    assert f'href="{need.url}"' in html
    assert "Region Västernorrland" in html


def test_drafts_are_never_linked(client, chain):
    _, need, example, _ = chain
    example.unpublish()
    assert f'href="{example.url}"' not in client.get(need.url).text


def test_same_need_in_other_regions_best_match_first():
    need = CompetenceNeedPageFactory(region="22", occupations=["5321"], sectors=["87"])
    exact = CompetenceNeedPageFactory(region="01", title="Exakt", occupations=["5321"])
    sibling = CompetenceNeedPageFactory(region="03", title="Syskon", occupations=["5322"])
    sector_only = CompetenceNeedPageFactory(region="04", title="Sektor", sectors=["88"])
    same_region = CompetenceNeedPageFactory(region="22", title="Egen", occupations=["5321"])
    unrelated = CompetenceNeedPageFactory(region="05", title="Annat", occupations=["2512"])

    matches = similar_needs(need=need)

    titles = [match.need.title for match in matches]
    assert titles == [exact.title, sibling.title, sector_only.title]
    assert same_region.title not in titles
    assert unrelated.title not in titles
    assert matches[0].score > matches[1].score > matches[2].score


def test_region_page_groups_needs_by_status(client):
    CompetenceNeedPageFactory(region="09", title="Behov A", status="identifierat")
    CompetenceNeedPageFactory(region="09", title="Behov B", status="insats_pagar")
    AnalysisPageFactory(region="09", title="Gotlands analys")
    overview = region_overview(region_page=region_page("09"))
    groups = {label: [need.title for need in needs] for label, needs in overview["needs_by_status"]}
    assert groups == {"Identifierat": ["Behov A"], "Insats pågår": ["Behov B"]}
    html = client.get(region_page("09").url).text
    assert "Gotlands analys" in html
    assert "Insats pågår (1)" in html


def test_detail_pages_use_a_constant_number_of_queries(client, django_assert_max_num_queries):
    def build(links: int):
        analyses = [AnalysisPageFactory(region="22") for _ in range(links)]
        need = CompetenceNeedPageFactory(
            region="22", source_analyses=analyses, occupations=["5321"], sectors=["87"]
        )
        for number in range(links):
            GoodExamplePageFactory(region="01", needs_addressed=[need])
            CompetenceNeedPageFactory(region=["01", "03", "04"][number % 3], occupations=["5321"])
        return need

    small, large = build(1), build(8)
    client.get(small.url)  # warm Wagtail's site-root cache so both counts compare like for like
    counts = []
    for need in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(need.url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # 40 for the publication itself, 2 for its dialogue section (portal.dialogue's tag).
    with django_assert_max_num_queries(42):
        client.get(large.url)
