"""The fixed site tree: home, the region index, one page per region, and standing pages."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from content.panels import without_comment_buttons
from portal import page_cache

from .taxonomy import Region


class PortalPage(Page):
    """Abstract base for every page type of the portal."""

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        return without_comment_buttons(super().get_edit_handler())

    # Fields shown on this page and in listings only, never on another page (portal.page_cache).
    page_cache_own_fields: tuple[str, ...] = ()

    def page_cache_scopes(self, request) -> tuple[str, ...]:
        """What, besides the site's own rows, this page shows (portal.page_cache)."""
        return (page_cache.PAGES,)

    def get_context(self, request, *args, **kwargs):
        # content.page_context builds on the selectors, which import these models.
        from content.page_context import page_context

        page_cache.shows(request, *self.page_cache_scopes(request))
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


class ComplianceStatus(models.TextChoices):
    """The three statuses of Digg's model statement, in its own words."""

    FULL = "helt", "helt förenlig"
    PARTIAL = "delvis", "delvis förenlig"
    NONE = "inte", "inte förenlig"


class AssessmentMethod(models.TextChoices):
    SELF = "sjalvskattning", "självskattning (intern testning)"
    EXTERNAL = "extern", "granskning av extern part"
    BOTH = "bada", "självskattning och granskning av extern part"


class IssueCategory(models.TextChoices):
    """The sections of "Innehåll som inte är tillgängligt" in Digg's model statement."""

    NON_COMPLIANCE = "brist", "Bristande förenlighet med lagkraven"
    DISPROPORTIONATE_BURDEN = "betungande", "Oskäligt betungande anpassning"
    OUT_OF_SCOPE = "utanfor", "Innehåll som inte omfattas av lagstiftningen"


DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


class AccessibilityStatementPage(SectionPage):
    """The statement the law on accessible public digital services requires (DOS-lagen),
    with the parts and order of Digg's model. Staff edit every part in the admin; the
    template writes the model's fixed sentences around them."""

    organisation_name = models.CharField(
        "organisation som står bakom webbplatsen", max_length=200, blank=True
    )
    compliance_status = models.CharField(
        "förenlighet med lagen",
        max_length=10,
        choices=ComplianceStatus.choices,
        default=ComplianceStatus.PARTIAL,
    )
    contact_email = models.EmailField("e-postadress för synpunkter", blank=True)
    contact_phone = models.CharField("telefonnummer för synpunkter", max_length=40, blank=True)
    response_time = models.CharField(
        "svarstid",
        max_length=200,
        blank=True,
        help_text="Till exempel: Vi svarar normalt inom fem arbetsdagar.",
    )
    supervisory_report_url = models.URLField(
        "tillsynsmyndighetens anmälningsformulär",
        default=DIGG_REPORT_URL,
        help_text="Digg:s formulär för att anmäla bristande tillgänglighet.",
    )
    assessment_method = models.CharField(
        "hur webbplatsen har testats",
        max_length=20,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessment_details = models.TextField("om testningen", blank=True, max_length=2000)
    assessed_on = models.DateField("senaste bedömningen gjordes", null=True, blank=True)
    site_published_on = models.DateField("webbplatsen publicerades", null=True, blank=True)
    statement_updated_on = models.DateField(
        "redogörelsen uppdaterades senast", null=True, blank=True
    )
    body = RichTextField(
        "övrig information",
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        blank=True,
    )

    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    content_panels = [
        *SectionPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("compliance_status")],
            heading="Status",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("response_time"),
                FieldPanel("supervisory_report_url"),
            ],
            heading="Kontakt och tillsyn",
        ),
        InlinePanel("known_issues", heading="Kända brister", label="brist"),
        MultiFieldPanel(
            [
                FieldPanel("assessment_method"),
                FieldPanel("assessment_details"),
                FieldPanel("assessed_on"),
                FieldPanel("site_published_on"),
                FieldPanel("statement_updated_on"),
            ],
            heading="Hur vi testat webbplatsen",
        ),
        FieldPanel("body"),
    ]
    search_fields = [*SectionPage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "tillgänglighetsredogörelse"

    def issues_by_category(self) -> list[tuple[str, list["AccessibilityIssue"]]]:
        issues = list(self.known_issues.all())
        return [
            (label, [issue for issue in issues if issue.category == value])
            for value, label in IssueCategory.choices
            if any(issue.category == value for issue in issues)
        ]


class AccessibilityIssue(Orderable):
    page = ParentalKey(
        AccessibilityStatementPage, on_delete=models.CASCADE, related_name="known_issues"
    )
    category = models.CharField(
        "avsnitt",
        max_length=12,
        choices=IssueCategory.choices,
        default=IssueCategory.NON_COMPLIANCE,
    )
    description = models.TextField("beskrivning", max_length=2000)
    criteria = models.CharField(
        "WCAG-kriterier",
        max_length=200,
        blank=True,
        help_text="Till exempel: 2.2.1 Justerbar tidsgräns (nivå A).",
    )
    fix_by = models.DateField(
        "åtgärdas senast",
        null=True,
        blank=True,
        help_text="Krävs för brister i förenlighet med lagkraven.",
    )

    panels = [
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("criteria"),
        FieldPanel("fix_by"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "känd brist"
        verbose_name_plural = "kända brister"

    def clean(self) -> None:
        super().clean()
        if self.category == IssueCategory.NON_COMPLIANCE and self.fix_by is None:
            raise ValidationError(
                {"fix_by": "Ange när bristen ska vara åtgärdad: Digg:s mall kräver ett datum."}
            )
