from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents.models import Document
from wagtail.signals import post_page_move

from content.models import DocumentText, PublicationPage
from content.tasks import extract_document_text


@receiver(post_save, sender=Document, dispatch_uid="content.extract_document_text")
def document_saved(sender, instance, **kwargs):
    """Queue text extraction once the upload's transaction has committed."""
    DocumentText.objects.get_or_create(document=instance)
    # robust: the upload is saved; a failure to queue is logged, never the editor's error.
    transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk), robust=True)


@receiver(post_page_move, dispatch_uid="content.region_follows_move")
def page_moved(sender, instance, **kwargs):
    """A publication moved to another region belongs to that region from now on.

    Wagtail saves a moved page as a plain Page, so PublicationPage.save does not run here.
    """
    for page in instance.get_descendants(inclusive=True).specific():
        if isinstance(page, PublicationPage):
            type(page).objects.filter(pk=page.pk).update(region_id=page.region_from_tree())
