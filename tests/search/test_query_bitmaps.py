"""A search answers the same whether its tokens' bitmaps are stored (common tokens) or read
from the full-text index (rare ones), on either database."""

import pytest
from django.db import connection

from search import services
from search.engines.database import DatabaseEngine, token_bitmaps
from search.engines.database.tables import LIVE
from search.params import SearchParams
from tests.search import corpus

pytestmark = pytest.mark.django_db


def _stored_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {LIVE.token_bitmap}")
        return cursor.fetchone()[0]


@pytest.mark.parametrize(
    "q, filters",
    [
        ("vätgas", {}),
        ("kompetensförsörjning", {}),
        ("försörjning", {}),
        ('"kommunal vuxenutbildning"', {}),
        ("undersköterskor -hemtjänst", {}),
        ("usk", {"region": frozenset({"22"})}),
        ("norr", {"type": frozenset({"analysis", "need"})}),
    ],
)
def test_a_search_answers_the_same_from_stored_bitmaps_and_from_the_index(monkeypatch, q, filters):
    def search():
        params = SearchParams(q=q, filters=filters, sort="relevance", page=1, page_size=20)
        result = services.run_search(params=params).result
        return result.count, [hit.key for hit in result.hits], result.facets

    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 1)
    DatabaseEngine().rebuild(corpus.documents())
    assert _stored_rows()
    from_bitmaps = search()
    monkeypatch.setattr(token_bitmaps, "common_threshold", lambda documents: 10**9)
    DatabaseEngine().rebuild(corpus.documents())
    assert not _stored_rows()
    assert search() == from_bitmaps
    assert from_bitmaps[0] > 0
