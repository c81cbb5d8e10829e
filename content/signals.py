from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents.models import Document

from content.models import DocumentText
from content.tasks import extract_document_text


@receiver(post_save, sender=Document, dispatch_uid="content.extract_document_text")
def document_saved(sender, instance, **kwargs):
    """Queue text extraction once the upload's transaction has committed."""
    DocumentText.objects.get_or_create(document=instance)
    transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk))
