"""The engine-agnostic contract: every engine must pass these on the fixed corpus."""

import pytest
from django.db import connection

from search import services
from search.engines import configured_engine
from search.models import Synonym
from search.params import SearchParams

pytestmark = pytest.mark.usefixtures("indexed")


def run(q: str = "", sort: str = "relevance", page: int = 1, page_size: int = 20, **filters):
    params = SearchParams(
        q=q,
        filters={name: frozenset(values) for name, values in filters.items()},
        sort=sort,
        page=page,
        page_size=page_size,
    )
    return services.run_search(params=params).result


def keys(q: str = "", **options) -> list[str]:
    return [hit.key for hit in run(q, **options).hits]


def test_the_engine_answering_is_the_configured_one(engine_name):
    assert run("vård").engine == engine_name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kompetensförsörjning", "analysis-1"),  # indexed as "Kompetensförsörjningen"
        ("undersköterska", "analysis-1"),  # indexed as "undersköterskor"
        ("undersköterskor", "need-2"),  # indexed as "undersköterska"
        ("KOMPETENSFÖRSÖRJNINGEN", "analysis-1"),
    ],
)
def test_inflections_and_case_match(query, expected):
    assert expected in keys(query)


def test_a_quoted_phrase_needs_its_words_in_order():
    # Both have "vård" and "omsorg"; only analysis-1 has the phrase.
    assert set(keys("vård omsorg")) >= {"analysis-1", "need-2"}
    assert keys('"vård och omsorg"') == ["analysis-1"]


def test_minus_excludes_a_word():
    assert "analysis-5" in keys("lärare")
    assert "analysis-5" not in keys("lärare -prognos")
    assert keys("-prognos lärare") == keys("lärare -prognos")


def test_a_compound_is_found_by_its_last_part_below_exact_matches():
    found = keys("försörjning")
    assert found[0] == "analysis-5"  # "Försörjning av lärare": the word itself
    assert "analysis-1" in found  # "Kompetensförsörjningen": the compound, ranked below


def test_synonyms_from_the_editors_list_apply_both_ways():
    assert "analysis-1" in keys("USK")
    assert "good_example-3" in keys("YH")
    assert "result-4" in keys("komvux")
    Synonym.objects.create(terms="svetsare, svetsarbetare")
    assert "result-4" in keys("svetsarbetare")


def test_a_o_and_a_ring_are_distinct_letters():
    assert keys("får") == ["analysis-30"]
    assert keys("far") == ["analysis-31"]


def test_a_query_typed_without_a_ring_umlauts_finds_something_when_nothing_matches():
    assert "analysis-30" in keys("farskotsel")  # Fårskötsel, typed without å and ö
    assert "analysis-1" in keys("vard")  # vård


def test_typo_tolerance_on_postgresql_and_elasticsearch(engine_name):
    found = keys("kompetensförsörjnig")
    if engine_name == "database" and connection.vendor == "sqlite":
        assert found == [], "SQLite has no trigram similarity: documented, no typo tolerance"
    else:
        assert "analysis-1" in found


def test_ranking_title_then_summary_then_body_then_attachment():
    assert keys("vätgas") == ["analysis-10", "analysis-11", "analysis-12", "analysis-13"]


def test_recent_items_get_a_mild_boost_and_sort_newest_orders_by_date():
    assert keys("batterier") == ["analysis-21", "analysis-20"]
    newest = keys("norr", sort="newest")
    assert newest == sorted(newest, key=lambda key: -int(key.split("-")[1]))


def test_facets_are_and_across_and_or_within():
    assert set(keys(region={"22"})) == {"analysis-1", "need-2"}
    assert set(keys(region={"22", "01"})) == {
        "analysis-1",
        "need-2",
        "good_example-3",
        "analysis-5",
    }
    assert set(keys(region={"22", "01"}, sector={"Q"})) == {"analysis-1", "need-2"}
    assert keys(type={"need"}, horizon={"short"}, status={"i_dialog"}) == ["need-2"]
    assert keys(year={"2026"}) == ["analysis-21"]


def test_an_occupation_filter_finds_its_sub_groups_and_the_facet_counts_major_groups():
    assert set(keys(occupation={"53"})) == {"analysis-1", "need-2"}
    assert keys(occupation={"5321"}) == ["analysis-1"]
    facets = run().facets
    assert facets["occupation"] == {"2": 1, "5": 2, "7": 2}


def test_facet_counts_ignore_their_own_selection():
    result = run(region={"22"}, sector={"Q"})
    assert result.count == 2
    # Region counts apply the sector filter but not the region selection, and vice versa.
    assert result.facets["region"] == {"22": 2}
    assert result.facets["sector"] == {"Q": 2}
    result = run("i", region={"22"})
    assert result.facets["region"]["01"] == 2
    assert result.facets["region"]["22"] == 2
    assert result.facets["type"] == {"analysis": 1, "need": 1}


def test_snippets_mark_matches_and_escape_everything_else():
    hit = run("cybersäkerhet").hits[0]
    assert "<mark>cybersäkerhet</mark>" in hit.snippet
    assert "<img" not in hit.snippet
    assert "&lt;img" in hit.snippet
    snippets = {hit.key: hit.snippet for hit in run("undersköterska").hits}
    assert "<mark>undersköterskor</mark>" in snippets["analysis-1"]
    assert "<mark>" not in snippets["need-2"], "only its title matched; the summary is shown"


def test_pages_of_results():
    everything = keys(page_size=100)
    assert len(everything) == run().count == 15
    first, second = keys(page_size=10), keys(page=2, page_size=10)
    assert first + second == everything
    assert keys(page=3, page_size=10) == []


def test_a_collection_without_region_is_found():
    assert keys("dataskydd") == ["collection-41"]


def test_an_unknown_word_among_known_ones_is_left_out_with_a_notice():
    # No document holds "personalbrist" (PostgreSQL guesses "personal" for it, which one
    # does: a typo guess does not make the typed word known).
    outcome = services.run_search(params=SearchParams(q="personalbrist äldreomsorg"))
    assert [hit.key for hit in outcome.result.hits] == ["analysis-1"]
    assert outcome.unknown_words == ("personalbrist",)
    assert outcome.notices == [
        services.UNKNOWN_WORDS_NOTICE.format(unknown="”personalbrist”", kept="”äldreomsorg”")
    ]
    assert outcome.corrections == {}, "no correction is offered for a word left out"


def test_several_unknown_words_are_named_and_known_phrases_kept():
    outcome = services.run_search(params=SearchParams(q='xylofonist "vård och omsorg" zeppelin'))
    assert [hit.key for hit in outcome.result.hits] == ["analysis-1"]
    assert outcome.unknown_words == ("xylofonist", "zeppelin")
    assert "”xylofonist” och ”zeppelin” finns inte" in outcome.notices[0]
    assert "Sökningen gäller nu ”vård och omsorg”." in outcome.notices[0]


def test_known_words_that_never_meet_still_find_nothing():
    outcome = services.run_search(params=SearchParams(q="vätgas batterier"))
    assert outcome.result.count == 0
    assert outcome.notices == [] and outcome.unknown_words == ()


def test_only_unknown_words_find_nothing():
    outcome = services.run_search(params=SearchParams(q="xylofonist zeppelin"))
    assert outcome.result.count == 0
    assert outcome.notices == [] and outcome.unknown_words == ()


def test_a_left_out_word_keeps_the_filters_and_exclusions():
    outcome = services.run_search(
        params=SearchParams(q="xylofonist undersköterskor -hemtjänsten", filters={"region": {"22"}})
    )
    assert [hit.key for hit in outcome.result.hits] == ["analysis-1"]
    assert outcome.unknown_words == ("xylofonist",)


def test_words_are_counted_only_after_a_search_of_several_words_found_nothing(monkeypatch):
    asked = []
    engine_class = type(configured_engine())
    counts = engine_class.document_counts

    def counting(engine, clauses):
        asked.append([clause.typed.text for clause in clauses])
        return counts(engine, clauses)

    monkeypatch.setattr(engine_class, "document_counts", counting)
    for q in ("undersköterskor omsorg", "xylofonist", "", "-prognos"):
        services.run_search(params=SearchParams(q=q))
    assert asked == []
    services.run_search(params=SearchParams(q="xylofonist omsorg"))
    assert asked == [["xylofonist", "omsorg"]]
