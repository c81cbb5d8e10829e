"""The fixed site tree: home, the region index, one page per region, and standing pages."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .taxonomy import Region


class PortalPage(Page):
    """Abstract base for every page type: a plain-text introduction shown under the heading."""

    intro = models.TextField("ingress", blank=True, max_length=600)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True


class ListsRegionsMixin:
    """Home and the region index both list the 21 region pages."""

    def get_context(self, request, *args, **kwargs):
        # content.selectors imports these models, so it is imported here to avoid a cycle.
        from content.selectors import region_pages

        context = super().get_context(request, *args, **kwargs)
        context["region_pages"] = region_pages()
        return context


class HomePage(ListsRegionsMixin, PortalPage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["content.RegionIndexPage", "content.AccessibilityStatementPage"]
    max_count = 1

    class Meta:
        verbose_name = "startsida"


class RegionIndexPage(ListsRegionsMixin, PortalPage):
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.RegionPage"]
    max_count = 1

    class Meta:
        verbose_name = "regionöversikt"


class RegionPage(PortalPage):
    """A region's own section. Its subtree is what the region's editors may change."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="page", verbose_name="region"
    )

    parent_page_types = ["content.RegionIndexPage"]
    subpage_types: list[str] = []

    content_panels = [*PortalPage.content_panels, FieldPanel("region", read_only=True)]
    search_fields = [*PortalPage.search_fields, index.FilterField("region")]

    class Meta:
        verbose_name = "regionsida"
        verbose_name_plural = "regionsidor"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["municipalities"] = self.region.municipalities.all()
        return context


class AccessibilityStatementPage(PortalPage):
    body = RichTextField("innehåll", features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [*PortalPage.content_panels, FieldPanel("body")]
    search_fields = [*PortalPage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "tillgänglighetsredogörelse"
