"""Write-side operations on content that other apps ask for (the content app owns its pages)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision
from wagtail.signals import page_published

from content.models import CompetenceNeedPage, NeedStatus

NEED_STATUS_LOG_ACTION = "content.need_status"
STATUS_ORDER = list(NeedStatus.values)


@transaction.atomic
def advance_need_status(
    *,
    need: CompetenceNeedPage,
    status: str,
    reason: str,
    user: AbstractBaseUser | None = None,
) -> bool:
    """Move a live need forward to ``status``; never backwards past what it has.

    The change is published like an editor's: a new revision becomes the live one,
    ``page_published`` fires (the search index listens), and the page history gets an entry
    naming ``reason``. Whatever an editor is working on stays theirs: Wagtail's own publish
    would put the live content on top of an unpublished draft and cancel a review in
    progress, so the revision is made live here without either, and a pending draft (the
    revision a review would publish) gets the new status too, so approving it later keeps it.
    Returns whether the status changed.
    """
    page = CompetenceNeedPage.objects.select_for_update().get(pk=need.pk)
    if STATUS_ORDER.index(status) <= STATUS_ORDER.index(page.status):
        return False
    previous = page.status
    draft = page.latest_revision if page.has_unpublished_changes else None
    page.status = status
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    now = timezone.now()
    changes = {"status": status, "live_revision": revision, "last_published_at": now}
    if draft is None:
        changes |= {"latest_revision": revision, "latest_revision_created_at": revision.created_at}
    else:
        draft.content["status"] = status
        draft.save(update_fields=["content"])
    CompetenceNeedPage.objects.filter(pk=page.pk).update(**changes)
    for name, value in changes.items():
        setattr(page, name, value)
    log(
        instance=page,
        action=NEED_STATUS_LOG_ACTION,
        user=user,
        revision=revision,
        data={"from": previous, "to": status, "reason": reason},
    )
    page_published.send(sender=CompetenceNeedPage, instance=page, revision=revision)
    need.status = status
    return True
