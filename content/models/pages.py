"""The fixed site tree: home, the region index, one page per region, and standing pages."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .taxonomy import Region


class PortalPage(Page):
    """Abstract base for every page type of the portal."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        # content.page_context builds on the selectors, which import these models.
        from content.page_context import page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(page_context(self, request))
        return context

    def breadcrumb_ancestors(self):
        """Ancestors shown in the breadcrumb trail: from the home page down, without root."""
        return self.get_ancestors().filter(depth__gt=1)


class SectionPage(PortalPage):
    """Abstract base for structural pages: a plain-text introduction under the heading."""

    intro = models.TextField("ingress", blank=True, max_length=600)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        abstract = True


class HomePage(SectionPage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.RegionIndexPage",
        "content.PublicationListingPage",
        "content.LearningIndexPage",
        "content.AccessibilityStatementPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "startsida"


class RegionIndexPage(SectionPage):
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.RegionPage"]
    max_count = 1

    class Meta:
        verbose_name = "regionöversikt"


class RegionPage(SectionPage):
    """A region's own section. Its subtree is what the region's editors may change."""

    region = models.OneToOneField(
        Region, on_delete=models.PROTECT, related_name="page", verbose_name="region"
    )

    parent_page_types = ["content.RegionIndexPage"]
    subpage_types = [
        "content.AnalysisPage",
        "content.CompetenceNeedPage",
        "content.ResultPage",
        "content.GoodExampleIndexPage",
    ]

    content_panels = [*SectionPage.content_panels, FieldPanel("region", read_only=True)]
    search_fields = [*SectionPage.search_fields, index.FilterField("region")]

    class Meta:
        verbose_name = "regionsida"
        verbose_name_plural = "regionsidor"


class AccessibilityStatementPage(SectionPage):
    body = RichTextField("innehåll", features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [*SectionPage.content_panels, FieldPanel("body")]
    search_fields = [*SectionPage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "tillgänglighetsredogörelse"
