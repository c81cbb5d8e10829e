"""Background tasks (django-tasks; the immediate backend runs them at once in dev and tests)."""

from wagtail.documents import get_document_model

from content.document_text import update_document_text
from portal.retries import retried_task


@retried_task()
def extract_document_text(document_id: int) -> str:
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "deleted"
    return update_document_text(document).status
