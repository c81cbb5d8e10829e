"""The one place that keeps the index fresh: content events -> :func:`search.indexing.sync`.

Publish, unpublish, move, delete and privacy changes of pages, and changes of the models a
source depends on (extracted attachment text), are collected and synced after the transaction
commits, so a rolled-back edit never reaches the index and the index never sees uncommitted
rows. What one transaction changed is synced in one batch (an import chunk publishes fifty
pages: one index write, not fifty; see :mod:`portal.commit_batches`).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.commit_batches import CommitBatch
from search import indexing, registry


def _sync(refs: set[tuple[str, int]]) -> None:
    # Called by name, so that a test may replace indexing.sync.
    indexing.sync(refs)


# An index that fails to update after the commit is logged (and search_health shows the
# difference), never turned into an error for the editor.
_pending = CommitBatch(_sync)


def _schedule(refs: set[tuple[str, int]]) -> None:
    _pending.add(refs)


def _subtree_refs(page: Page) -> set[tuple[str, int]]:
    """The indexable items at or below ``page`` (a move or a privacy change affects all)."""
    refs: set[tuple[str, int]] = set()
    for source in registry.sources().values():
        if issubclass(source.model, Page):
            pks = source.model.objects.descendant_of(page, inclusive=True).values_list(
                "pk", flat=True
            )
            refs |= {(source.type_key, pk) for pk in pks}
    return refs


def _own_refs(instance) -> set[tuple[str, int]]:
    return {(source.type_key, instance.pk) for source in registry.sources_for_model(type(instance))}


def page_changed(sender, instance, **kwargs):
    _schedule(_own_refs(instance))


def page_moved(sender, instance, **kwargs):
    _schedule(_subtree_refs(instance))


def item_deleted(sender, instance, **kwargs):
    _schedule(_own_refs(instance))


def restriction_changed(sender, instance, **kwargs):
    _schedule(_subtree_refs(instance.page))


def dependency_changed(sender, instance, **kwargs):
    refs = set()
    for source in registry.sources().values():
        resolve = source.dependencies.get(sender)
        if resolve:
            refs |= {(source.type_key, item.pk) for item in resolve(instance)}
    _schedule(refs)


def connect() -> None:
    page_published.connect(page_changed, dispatch_uid="search.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search.page_unpublished")
    post_page_move.connect(page_moved, dispatch_uid="search.page_moved")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search.vr")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="search.vd")
    for source in registry.sources().values():
        post_delete.connect(
            item_deleted, sender=source.model, dispatch_uid=f"search.delete.{source.type_key}"
        )
        if not issubclass(source.model, Page):
            # Sources that are not pages (dialogue threads) are synced on every save.
            post_save.connect(
                page_changed, sender=source.model, dispatch_uid=f"search.save.{source.type_key}"
            )
        for model in source.dependencies:
            for signal in (post_save, post_delete):
                signal.connect(
                    dependency_changed,
                    sender=model,
                    dispatch_uid=f"search.dependency.{source.type_key}.{model.__name__}.{id(signal)}",
                )
