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

    def serve(self, request, *args, **kwargs):
        # ?format=csv|json: the same filtered listing as a file (open data).
        if request.GET.get("format"):
            # content.exports builds on the selectors, which import these models.
            from content.exports import listing_export

            return listing_export(
                request=request,
                publication_type=self.publication_type,
                file_stem=self.slug,
                title=self.title,
            )
        return super().serve(request, *args, **kwargs)

    class Meta:
        verbose_name = "nationell lista"
        verbose_name_plural = "nationella listor"
