from django.db import models
from wagtail.admin.panels import FieldPanel

from .choices import PublicationType
from .pages import SectionPage


class PublicationListingPage(SectionPage):
    """The national listing of one publication type, with filters, sorting and pagination."""

    publication_type = models.CharField(
        "innehållstyp",
        max_length=20,
        choices=[
            choice for choice in PublicationType.choices if choice[0] != PublicationType.COLLECTION
        ],
        unique=True,
    )

    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []

    content_panels = [*SectionPage.content_panels, FieldPanel("publication_type")]

    class Meta:
        verbose_name = "nationell lista"
        verbose_name_plural = "nationella listor"
