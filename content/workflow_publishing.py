"""What happens when a page's review workflow is approved: the page is published.

Wagtail's default finishing action publishes as the approving user and checks that user's own
publish permission. Region editors have none (their pages must go through review), so an
editor approving a colleague's page failed with PublishPagePermissionError. The approval itself
is the authority to publish: the workflow's tasks already decided who may approve.
Good examples are the exception: they go live only when a curator (or a superuser) finishes
the workflow, so a workflow without the curation step cannot publish one.

Wagtail imports this function (``WAGTAIL_FINISH_WORKFLOW_ACTION``) while its own models load,
so the models are imported inside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from wagtail.models import WorkflowState

CURATION_REQUIRED = "Ett gott exempel publiceras först när Tillväxtverket har kurerat det."


def publish_approved_revision(
    workflow_state: WorkflowState, user: AbstractBaseUser | None = None
) -> None:
    """Publish the revision the reviewers approved: the latest, the one the review shows."""
    from wagtail.actions.publish_page_revision import PublishPagePermissionError

    from content.models import GoodExamplePage
    from content.models.publications import CURATE_PERMISSION

    page = workflow_state.content_object
    curated = user is not None and user.has_perm(CURATE_PERMISSION)
    if isinstance(page.specific_deferred, GoodExamplePage) and not curated:
        raise PublishPagePermissionError(CURATION_REQUIRED)
    page.get_latest_revision().publish(user=user, skip_permission_checks=True)
