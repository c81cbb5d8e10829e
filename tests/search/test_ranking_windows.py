"""The database engine's bounded ranking: word pairs for phrases, newest-first windows per
tier, and full-text rows that follow a document's publication date."""

import datetime

import pytest
from django.db import connection

from search import services, swedish
from search.documents import SearchDocument
from search.engines.database import DatabaseEngine, query_bitmaps
from search.params import SearchParams
from tests.search.corpus import document

START = datetime.date(2024, 1, 1)


def _doc(pk: int, *, days: int, summary: str) -> SearchDocument:
    return document(
        pk, title="Rapport", summary=summary, published=START + datetime.timedelta(days=days)
    )


def _search(q: str, *, page: int = 1, page_size: int = 20):
    params = SearchParams(q=q, filters={}, sort="relevance", page=page, page_size=page_size)
    return services.run_search(params=params).result


def test_word_pairs_skip_stop_words_and_record_the_gap():
    analysis = swedish.analyse("Korta vägen till arbete")
    assert analysis.pairs == {"kort_väg", "väg_2_arbet"}
    words = ("korta", "vägen", "till", "arbete")
    assert swedish.phrase_pairs(words, tuple(swedish.stem(word) for word in words)) == [
        "kort_väg",
        "väg_2_arbet",
    ]


def test_a_phrase_whose_words_are_too_far_apart_has_no_pairs():
    words = ("vård", "och", "i", "det", "som", "omsorg")
    assert swedish.phrase_pairs(words, words) is None


def test_control_and_format_characters_separate_words():
    assert swedish.words("Vård\x00omsorg\u00adRegion\nLän") == ["vård", "omsorg", "region", "län"]


@pytest.mark.django_db
def test_a_phrase_matches_its_words_in_order_across_a_stop_word():
    DatabaseEngine().rebuild(
        [
            _doc(1, days=1, summary="Validering kan korta vägen till arbete."),
            _doc(2, days=2, summary="Arbete till vägen, korta besked."),
        ]
    )
    assert [hit.key for hit in _search('"korta vägen till arbete"').hits] == ["analysis-1"]
    assert _search('"korta vägen till arbete"').count == 1


@pytest.mark.django_db
def test_pages_beyond_a_tiers_window_continue_newest_first(monkeypatch):
    monkeypatch.setattr(query_bitmaps, "WINDOW", 3)
    # Ten documents in one tier (the word in the summary); document 2 says it most often.
    documents = [
        _doc(pk, days=pk, summary="praktik " * (5 if pk == 2 else 1) + "i regionen")
        for pk in range(1, 11)
    ]
    DatabaseEngine().rebuild(documents)
    pages = [
        [hit.key for hit in _search("praktik", page=page, page_size=2).hits]
        for page in (1, 2, 3, 4, 5)
    ]
    seen = [key for page in pages for key in page]
    assert sorted(seen) == sorted(doc.key for doc in documents)  # each once, none lost
    # The window is the three newest (10, 9, 8); the seven older follow newest first, so
    # document 2, the best match overall but outside the window, comes second to last.
    assert sorted(seen[:3]) == ["analysis-10", "analysis-8", "analysis-9"]
    assert seen[3:] == [f"analysis-{pk}" for pk in range(7, 0, -1)]


@pytest.mark.django_db
def test_a_new_publication_date_replaces_the_full_text_row():
    engine = DatabaseEngine()
    engine.upsert([_doc(1, days=1, summary="Vätgas i industrin.")])
    engine.upsert([_doc(1, days=300, summary="Vätgas i industrin, uppdaterad.")])
    result = _search("vätgas")
    assert result.count == 1
    assert [hit.published for hit in result.hits] == [START + datetime.timedelta(days=300)]
    assert _full_text_rows() == 1
    engine.delete(["analysis-1"])
    assert _search("vätgas").count == 0
    assert _full_text_rows() == 0


def _full_text_rows() -> int:
    table = "search_fts" if connection.vendor == "sqlite" else "search_pg_match"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_an_exact_title_stays_on_the_first_page_however_many_newer_matches(monkeypatch):
    # A window of 5 stands for the real 1,000: 30 newer title matches push everything older
    # out of it and off a page of 10.
    monkeypatch.setattr(query_bitmaps, "WINDOW", 5)
    exact = document(
        1, title="Vätgas i Norrbotten", summary="Om vätgas.", published=START, region="25"
    )
    newer = [
        document(
            pk,
            title=f"Vätgas i Norrbotten och {pk} andra frågor",
            summary="Vätgas i Norrbotten, igen.",
            published=START + datetime.timedelta(days=pk),
            region="25",
        )
        for pk in range(2, 32)
    ]
    DatabaseEngine().rebuild([exact, *newer])
    first_page = [hit.key for hit in _search("vätgas i norrbotten", page_size=10).hits]
    assert first_page[0] == "analysis-1"
    assert len(first_page) == 10
    # Filtered out, it stays out.
    params = SearchParams(
        q="Vätgas i Norrbotten", filters={"region": frozenset({"22"})}, page_size=10
    )
    assert services.run_search(params=params).result.hits == []
    # A weaker query is ranked as before: the exact title is not a match for it.
    assert _search("vätgas norrbotten frågor", page_size=10).hits[0].key != "analysis-1"
