"""Publish, unpublish, move, delete and privacy changes reach the index after commit; drafts,
private pages and unpublished items never appear."""

import datetime

import pytest
from django.utils.text import slugify
from wagtail.models import PageViewRestriction

from content.models import AnalysisPage, RegionPage
from search import services
from search.models import IndexedDocument
from search.params import SearchParams

pytestmark = pytest.mark.django_db


def found(q: str) -> list[str]:
    return [hit.key for hit in services.run_search(params=SearchParams(q=q)).result.hits]


@pytest.fixture
def publish(portal_site, django_capture_on_commit_callbacks):
    def create(title: str, *, region: str = "22", live: bool = True) -> AnalysisPage:
        parent = RegionPage.objects.get(region__code=region)
        page = AnalysisPage(
            title=title,
            slug=slugify(title),
            summary=f"Sammanfattning om {title.lower()}.",
            horizon="long",
            kind="analys",
            published_date=datetime.date(2026, 3, 1),
            live=False,
        )
        with django_capture_on_commit_callbacks(execute=True):
            parent.add_child(instance=page)
            revision = page.save_revision()
            if live:
                revision.publish()
        return AnalysisPage.objects.get(pk=page.pk)

    return create


def test_publishing_indexes_after_commit(publish, django_capture_on_commit_callbacks):
    page = publish("Vätgasens kompetensbehov")
    assert found("vätgasens") == [f"analysis-{page.pk}"]
    hit = services.run_search(params=SearchParams(q="vätgasens")).result.hits[0]
    assert hit.url == page.url and hit.region == "22"


def test_a_draft_is_never_indexed(publish):
    publish("Utkast om batterier", live=False)
    assert found("batterier") == []
    assert not IndexedDocument.objects.exists()


def test_unpublishing_and_deleting_remove_from_the_index(
    publish, django_capture_on_commit_callbacks
):
    page = publish("Svetsare i Västernorrland")
    other = publish("Svetsare i Jämtland", region="23")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert found("svetsare") == [f"analysis-{other.pk}"]
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert found("svetsare") == []


def test_moving_updates_region_and_url(publish, django_capture_on_commit_callbacks):
    page = publish("Elektriker i norr")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(RegionPage.objects.get(region__code="25"), pos="last-child")
    hit = services.run_search(params=SearchParams(q="elektriker")).result.hits[0]
    page.refresh_from_db()
    assert hit.region == "25" and hit.url == page.url


def test_a_private_page_leaves_the_index(publish, django_capture_on_commit_callbacks):
    page = publish("Hemlig analys om kockar")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )
    assert found("kockar") == []


def test_a_rolled_back_publish_never_reaches_the_index(publish, django_capture_on_commit_callbacks):
    page = publish("Snickare i länet", live=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.get_latest_revision().publish()
    assert callbacks, "indexing waits for the commit"
    assert found("snickare") == []


class SwappingEngine:
    """An engine that, like Elasticsearch, fills a new index while writes reach the old one
    (here: nowhere) and swaps at the end; records what it is given."""

    name = "swapping"

    def __init__(self, during_rebuild):
        self.during_rebuild = during_rebuild
        self.keys: set[str] = set()

    def rebuild(self, documents, *, progress=None) -> int:
        new = {document.key for document in documents}
        self.during_rebuild()
        self.keys = new
        return len(new)

    def upsert(self, documents) -> None:
        self.keys |= {document.key for document in documents}

    def delete(self, keys) -> None:
        self.keys -= set(keys)


def test_writes_made_while_another_engine_rebuilds_reach_its_new_index(
    publish, django_capture_on_commit_callbacks
):
    from search import indexing

    kept = publish("Rörmokare i länet")
    removed = publish("Målare i länet")
    added = []

    def publish_and_unpublish():
        added.append(publish("Plattsättare i länet"))
        with django_capture_on_commit_callbacks(execute=True):
            removed.unpublish()

    engine = SwappingEngine(publish_and_unpublish)
    assert indexing.rebuild(engine) == 2
    assert engine.keys == {f"analysis-{kept.pk}", f"analysis-{added[0].pk}"}
