"""After-commit work runs once per transaction, however many pages it changed (issue 12).

Before: every published page queued its own search index sync and its own page cache token
after the commit. An import chunk publishing fifty pages wrote fifty times more after its
commit, each write queueing again for SQLite's single write lock while members and editors
waited for it.
"""

import datetime

import pytest
from django.db import transaction
from django.utils.text import slugify

from content.importer import import_publications
from content.models import AnalysisPage, RegionPage
from portal import page_cache
from portal.commit_batches import CommitBatch
from search import indexing
from tests.content.test_import import analysis, need
from tests.content.test_import_chunks import write_manifest

pytestmark = pytest.mark.django_db


class Calls:
    """Records the calls of a replaced function; each call's argument, as a set."""

    def __init__(self):
        self.calls: list[set] = []

    def __call__(self, items=()) -> None:
        self.calls.append(set(items))


@pytest.fixture
def syncs(monkeypatch) -> Calls:
    calls = Calls()
    monkeypatch.setattr(indexing, "sync", calls)
    return calls


@pytest.fixture
def invalidations(monkeypatch) -> Calls:
    calls = Calls()
    monkeypatch.setattr(page_cache, "replace_tokens", calls)
    return calls


def new_page(title: str) -> AnalysisPage:
    parent = RegionPage.objects.get(region__code="22")
    page = AnalysisPage(
        title=title,
        slug=slugify(title),
        summary=f"Sammanfattning om {title.lower()}.",
        horizon="long",
        kind="analys",
        published_date=datetime.date(2026, 3, 1),
        live=False,
    )
    parent.add_child(instance=page)
    return page


def test_pages_published_in_one_transaction_are_synced_and_invalidated_once(
    portal_site, django_capture_on_commit_callbacks, syncs, invalidations
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pages = [new_page(f"Analys {number}") for number in range(1, 6)]
        for page in pages:
            page.save_revision().publish()

    assert syncs.calls == [{("analysis", page.pk) for page in pages}]
    assert len(invalidations.calls) == 1


def test_each_transaction_gets_its_own_batch(
    portal_site, django_capture_on_commit_callbacks, syncs, invalidations
):
    first, second = new_page("Första analysen"), new_page("Andra analysen")
    for page in (first, second):
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            page.save_revision().publish()

    assert syncs.calls == [{("analysis", first.pk)}, {("analysis", second.pk)}]
    assert len(invalidations.calls) == 2


@pytest.mark.django_db(transaction=True)
def test_an_import_chunk_syncs_its_pages_in_one_batch(
    portal_site, tmp_path, monkeypatch, syncs, invalidations
):
    monkeypatch.setattr("content.importer.CHUNK_RECORDS", 3)
    monkeypatch.setattr("content.importer.CHUNK_SECONDS", 3600)
    records = []
    for number in range(1, 4):
        records += [analysis(f"a{number}"), need(f"n{number}", analyses=[f"a{number}"])]

    import_publications(write_manifest(tmp_path, records))

    # Six pages announced in two chunks of three: two syncs and two new cache generations
    # (before: six of each).
    published = [batch for batch in syncs.calls if batch]
    assert [len(batch) for batch in published] == [3, 3]
    assert len(invalidations.calls) == 2


class RolledBack(Exception):
    pass


def test_what_a_rolled_back_savepoint_collected_is_not_handed_on(
    django_capture_on_commit_callbacks,
):
    handed = Calls()
    batch = CommitBatch(handed)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RolledBack), transaction.atomic():
            batch.add({"rolled back"})
            raise RolledBack
        with transaction.atomic():
            batch.add({"kept"})
            batch.add({"kept too"})

    assert handed.calls == [{"kept", "kept too"}]


def test_outside_a_transaction_the_work_runs_at_once(transactional_db):
    handed = Calls()
    batch = CommitBatch(handed)

    batch.add({"a"})
    batch.add(set())
    batch.add({"b"})

    assert handed.calls == [{"a"}, {"b"}]
