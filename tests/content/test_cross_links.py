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


def shared_words(match) -> list[str]:
    return [str(code) for code in match.shared]


def test_same_need_in_other_regions_same_occupation_before_siblings():
    need = CompetenceNeedPageFactory(region="22", occupations=["2221"], sectors=["Q", "86"])
    # The sibling shares more sectors, but the same unit group still ranks first.
    exact = CompetenceNeedPageFactory(
        region="01", title="Exakt", occupations=["2221", "2512"], sectors=["J"]
    )
    sibling = CompetenceNeedPageFactory(
        region="03", title="Syskon", occupations=["2222"], sectors=["Q", "86"]
    )
    assistant_nurses = CompetenceNeedPageFactory(
        region="04", title="Undersköterskor", occupations=["5321"], sectors=["Q", "87"]
    )
    same_region = CompetenceNeedPageFactory(region="22", title="Egen", occupations=["2221"])

    matches = similar_needs(need=need)

    assert [match.need.title for match in matches] == [exact.title, sibling.title]
    assert shared_words(matches[0]) == ["Samma yrke: Grundutbildade sjuksköterskor (2221)"]
    assert shared_words(matches[1]) == [
        "Samma yrkesgrupp: Sjuksköterskor (222)",
        "Samma bransch: Hälso- och sjukvård (86)",
        "Samma sektor: Vård och omsorg; sociala tjänster (Q)",
    ]
    assert assistant_nurses.title not in [match.need.title for match in matches]
    assert same_region.title not in [match.need.title for match in matches]


def test_a_need_without_occupations_matches_on_shared_sectors_only():
    need = CompetenceNeedPageFactory(region="22", sectors=["87"])
    same_division = CompetenceNeedPageFactory(region="01", title="Bransch", sectors=["87"])
    same_section = CompetenceNeedPageFactory(region="03", title="Sektor", sectors=["88"])
    CompetenceNeedPageFactory(region="04", title="Annat", sectors=["F"])

    matches = similar_needs(need=need)

    assert [match.need.title for match in matches] == [same_division.title, same_section.title]
    assert shared_words(matches[0]) == ["Samma bransch: Vård och omsorg med boende (87)"]
    assert shared_words(matches[1]) == ["Samma sektor: Vård och omsorg; sociala tjänster (Q)"]


def test_need_page_names_what_the_needs_share(client):
    need = CompetenceNeedPageFactory(region="22", occupations=["2221"])
    other = CompetenceNeedPageFactory(
        region="01", title="Sjuksköterskor i Stockholm", occupations=["2221"], sectors=["86"]
    )
    html = client.get(need.url).text
    section = html[html.index("Samma behov i andra regioner") :]
    assert f'href="{other.url}"' in section
    assert "Samma yrke: Grundutbildade sjuksköterskor (2221)" in section
    assert "Hälso- och sjukvård" not in section


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
