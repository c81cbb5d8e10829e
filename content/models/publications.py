"""What regions publish: analyses, competence needs, good examples and results.

The competence need is the centre: an analysis identifies it, good examples and results address
it. All four share ``PublicationPage``'s metadata, and every one of them knows its region from
where it sits in the tree.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PagePermissionTester
from wagtail.search import index

from content import need_status
from content.blocks import AnalysisBodyBlock
from content.panels import DocumentTextStatusPanel
from portal import page_cache
from portal.choosers.forms import ChooserField, prepare_choosers

from .choices import (
    ActorType,
    AnalysisKind,
    Balance,
    Horizon,
    NeedStatus,
    Outcome,
    Priority,
    PublicationType,
)
from .fields import MultipleChoiceField
from .pages import PortalPage, RegionPage, SectionPage
from .taxonomy import Municipality, Occupation, Region, Sector

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]
CURATE_PERMISSION = "content.curate_goodexamplepage"


class PublicationPageForm(WagtailAdminPageForm):
    """Enforces each type's ``publish_requirements`` when publishing or submitting for review.

    Drafts may be incomplete: Wagtail defers required fields when saving a draft
    (``is_deferred_validation``), and so do these checks.

    The classifications are choosers (portal/choosers): a select of 633 SSYK codes, 109 SNI
    codes and 290 municipalities made the need form weigh 300 KB and one plain click cleared it.
    """

    sectors = ChooserField("sni", label="Sektorer (SNI)", required=False)
    occupations = ChooserField("ssyk", label="Yrken (SSYK)", required=False)
    municipalities = ChooserField("kommuner", label="Berörda kommuner", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        prepare_choosers(self, user=self.for_user)

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation:
            for field_name, message in self.instance.publish_requirements.items():
                if field_name in self.fields and not cleaned_data.get(field_name):
                    self.add_error(field_name, message)
        return cleaned_data


class CompetenceNeedPageForm(PublicationPageForm):
    """The status follows the chain: an editor cannot claim a proposal, an insats or a
    follow-up that the dialogue and the results do not show, and moving the status back needs
    a reason, which the page history keeps (``after_edit_page`` in wagtail_hooks logs it)."""

    source_analyses = ChooserField(
        "analyser",
        label="Källanalyser",
        required=False,
        help_text="Minst en krävs för att publicera. Regionens egna analyser visas först.",
    )
    status_reason = forms.CharField(
        label="Skäl till ändrad status",
        required=False,
        max_length=500,
        help_text="Krävs när statusen flyttas bakåt. Skälet sparas i sidans historik.",
    )

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        if not status:
            return cleaned_data
        justified = need_status.justified_statuses(need_ids=[self.instance.pk])
        problem = need_status.unjustified(
            status=status, justified=justified.get(self.instance.pk, NeedStatus.IDENTIFIED)
        )
        if problem:
            self.add_error("status", problem)
            return cleaned_data
        previous = self.instance.status if self.instance.pk else status
        reason = (cleaned_data.get("status_reason") or "").strip()
        moves_back = need_status.STATUS_ORDER.index(status) < need_status.STATUS_ORDER.index(
            previous
        )
        if moves_back and not reason:
            self.add_error(
                "status_reason",
                f"Ange varför statusen flyttas tillbaka från ”{need_status.LABELS[previous]}”. "
                "Skälet sparas i sidans historik.",
            )
        elif status != previous:
            self.instance.status_change = {
                "from": previous,
                "to": status,
                "reason": reason or "Ändrad av redaktören.",
            }
        return cleaned_data


class PublicationPage(PortalPage):
    """Abstract base of the four publication types, holding their common metadata."""

    publication_type: str = ""
    publication_type_label: str = ""
    # Fields that must be filled in to publish, with the editor's message when one is not.
    publish_requirements: dict[str, str] = {}

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
        verbose_name="region",
        help_text="Sätts från regionsidan som sidan ligger under.",
    )
    summary = models.TextField(
        "sammanfattning",
        max_length=600,
        help_text="Klartext, högst 600 tecken. Krävs för att publicera.",
    )
    published_date = models.DateField("publiceringsdatum", default=datetime.date.today)
    sectors = ParentalManyToManyField(
        Sector, blank=True, related_name="%(class)s_pages", verbose_name="sektorer (SNI)"
    )
    occupations = ParentalManyToManyField(
        Occupation, blank=True, related_name="%(class)s_pages", verbose_name="yrken (SSYK)"
    )
    municipalities = ParentalManyToManyField(
        Municipality, blank=True, related_name="%(class)s_pages", verbose_name="berörda kommuner"
    )
    contact = models.TextField("kontakt", blank=True, max_length=500)
    external_id = models.CharField(
        "externt id", max_length=100, null=True, blank=True, unique=True, editable=False
    )
    import_checksum = models.CharField(max_length=64, blank=True, editable=False)

    # Shown on the page itself and in listings; other pages show a publication as a link with
    # its title, region, date and status, never these (portal.page_cache).
    page_cache_own_fields = ("summary", "contact", "search_description", "seo_title")
    base_form_class = PublicationPageForm
    # Only "För sökmotorer": the portal's menus are fixed (content.selectors.site_navigation_links),
    # so Wagtail's "Visa i menyer" would do nothing.
    promote_panels = PortalPage.promote_panels[:1]

    metadata_panels = [
        FieldPanel("published_date"),
        FieldPanel("sectors"),
        FieldPanel("occupations"),
        FieldPanel("municipalities"),
        FieldPanel("contact"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("summary"),
        index.FilterField("region"),
        index.FilterField("published_date"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.region_id = self.region_from_tree()
        super().save(*args, **kwargs)

    def region_from_tree(self) -> int | None:
        region_page = RegionPage.objects.ancestor_of(self).only("region_id").first()
        return region_page.region_id if region_page else None

    def page_cache_scopes(self, request) -> tuple[str, ...]:
        return page_cache.own_page_scopes(self, request)

    @property
    def year(self) -> int:
        return self.published_date.year


class Horizons(models.Model):
    """Mixin for the types that carry a time horizon."""

    horizon = models.CharField("tidshorisont", max_length=10, choices=Horizon.choices)

    class Meta:
        abstract = True


class AnalysisPage(Horizons, PublicationPage):
    publication_type = PublicationType.ANALYSIS
    publication_type_label = "Analys/prognos"
    page_cache_own_fields = (
        *PublicationPage.page_cache_own_fields,
        "body",
    )

    kind = models.CharField("typ", max_length=20, choices=AnalysisKind.choices)
    period_start = models.PositiveSmallIntegerField("period från (år)", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("period till (år)", null=True, blank=True)
    body = StreamField(AnalysisBodyBlock(), blank=True, verbose_name="innehåll")

    parent_page_types = ["content.RegionPage"]
    subpage_types: list[str] = []

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("horizon")]),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading="Period"),
        FieldPanel("body"),
        InlinePanel("evidence_sources", heading="Underlag och källor", label="Källa"),
        InlinePanel("attachments", heading="Rapporter (bilagor)", label="Bilaga"),
        DocumentTextStatusPanel("attached_documents", heading="Sökbar text i bilagorna"),
        MultiFieldPanel(PublicationPage.metadata_panels, heading="Klassificering"),
    ]
    search_fields = [*PublicationPage.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "analys/prognos"
        verbose_name_plural = "analyser och prognoser"

    def attached_documents(self) -> list:
        return [attachment.document for attachment in self.attachments.all()]

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "Perioden kan inte sluta före den börjar."})


class EvidenceSource(Orderable):
    page = ParentalKey(AnalysisPage, on_delete=models.CASCADE, related_name="evidence_sources")
    name = models.CharField(
        "källa",
        max_length=255,
        help_text="T.ex. SCB:s statistikdatabas, Yrkesbarometern eller regionens egen enkät.",
    )
    year = models.PositiveSmallIntegerField("år", null=True, blank=True)
    url = models.URLField("länk", blank=True)

    panels = [FieldPanel("name"), FieldPanel("year"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = "källa"


class AnalysisAttachment(Orderable):
    page = ParentalKey(AnalysisPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="dokument"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "bilaga"


class CompetenceNeedPage(Horizons, PublicationPage):
    publication_type = PublicationType.NEED
    publication_type_label = "Kompetensbehov"
    publish_requirements = {
        "source_analyses": "Ange minst en källanalys innan behovet publiceras.",
    }
    page_cache_own_fields = (
        *PublicationPage.page_cache_own_fields,
        "description",
        "balance",
        "priority",
        "actor_types",
    )

    description = RichTextField("beskrivning", blank=True, features=TEXT_FEATURES)
    balance = models.CharField("balans", max_length=10, choices=Balance.choices)
    priority = models.CharField(
        "prioritet", max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    status = models.CharField(
        "status", max_length=20, choices=NeedStatus.choices, default=NeedStatus.IDENTIFIED
    )
    source_analyses = ParentalManyToManyField(
        AnalysisPage, blank=True, related_name="identified_needs", verbose_name="källanalyser"
    )
    actor_types = MultipleChoiceField(verbose_name="berörda aktörer", choices_class=ActorType)

    parent_page_types = ["content.RegionPage"]
    subpage_types: list[str] = []
    base_form_class = CompetenceNeedPageForm

    # Grouped fields: each top-level panel costs about 1 KB of Wagtail's section markup, and
    # the form stays under 100 KB (tests/content/test_choosers_in_admin.py).
    content_panels = [
        *PortalPage.content_panels,
        MultiFieldPanel([FieldPanel("summary"), FieldPanel("description")], heading="Behovet"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("horizon"), FieldPanel("balance"), FieldPanel("priority")]
                ),
                FieldPanel("status"),
                FieldPanel("status_reason"),
            ],
            heading="Bedömning och status",
        ),
        MultiFieldPanel(
            [FieldPanel("source_analyses"), FieldPanel("actor_types")],
            heading="Källor och berörda aktörer",
        ),
        MultiFieldPanel(PublicationPage.metadata_panels, heading="Klassificering"),
    ]
    search_fields = [
        *PublicationPage.search_fields,
        index.SearchField("description"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = "kompetensbehov"
        verbose_name_plural = "kompetensbehov"

    def page_cache_scopes(self, request) -> tuple[str, ...]:
        # The need's own threads and insatser, not the whole dialogue.
        return (*super().page_cache_scopes(request), page_cache.need_dialogue(self.pk))

    def actor_type_labels(self) -> list[str]:
        labels = dict(ActorType.choices)
        return [labels[value] for value in self.actor_types if value in labels]


class GoodExampleIndexPage(SectionPage):
    """A region's good examples. Its own workflow adds the agency's curation step."""

    parent_page_types = ["content.RegionPage"]
    subpage_types = ["content.GoodExamplePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "goda exempel (region)"


class CuratedPagePermissionTester(PagePermissionTester):
    """Only curators publish good examples; region editors must go through the workflow."""

    def can_publish(self):
        return super().can_publish() and self.user.has_perm(CURATE_PERMISSION)

    def can_unpublish(self):
        return super().can_unpublish() and self.user.has_perm(CURATE_PERMISSION)


class GoodExamplePage(PublicationPage):
    publication_type = PublicationType.GOOD_EXAMPLE
    publication_type_label = "Gott exempel"
    page_cache_own_fields = (
        *PublicationPage.page_cache_own_fields,
        "challenge",
        "what_was_done",
        "results_evidence",
        "resources",
        "lessons_learned",
        "potential",
        "partners",
        "curator_comment",
    )

    challenge = RichTextField("utmaning", blank=True, features=TEXT_FEATURES)
    what_was_done = RichTextField("vad som gjordes", blank=True, features=TEXT_FEATURES)
    results_evidence = RichTextField("resultat och belägg", blank=True, features=TEXT_FEATURES)
    resources = RichTextField("resurser som krävdes", blank=True, features=TEXT_FEATURES)
    lessons_learned = RichTextField(
        "lärdomar",
        blank=True,
        features=TEXT_FEATURES,
        help_text="Även vad som inte fungerade.",
    )
    potential = RichTextField("potential för andra", blank=True, features=TEXT_FEATURES)
    partners = models.TextField("samarbetspartner", blank=True, max_length=1000)
    period_start = models.PositiveSmallIntegerField("period från (år)", null=True, blank=True)
    period_end = models.PositiveSmallIntegerField("period till (år)", null=True, blank=True)
    outcome = models.CharField("utfall", max_length=10, choices=Outcome.choices)
    needs_addressed = ParentalManyToManyField(
        CompetenceNeedPage,
        blank=True,
        related_name="good_examples",
        verbose_name="kompetensbehov som exemplet möter",
    )
    curator_comment = models.TextField(
        "Tillväxtverkets kommentar",
        blank=True,
        max_length=2000,
        help_text="Visas publikt när exemplet har validerats och publicerats.",
    )

    parent_page_types = ["content.GoodExampleIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("challenge"),
        FieldPanel("what_was_done"),
        FieldPanel("results_evidence"),
        FieldPanel("resources"),
        FieldPanel("lessons_learned"),
        FieldPanel("potential"),
        FieldPanel("partners"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading="Period"),
        FieldPanel("outcome"),
        FieldPanel("needs_addressed"),
        FieldPanel("curator_comment", permission=CURATE_PERMISSION),
        MultiFieldPanel(PublicationPage.metadata_panels, heading="Klassificering"),
    ]
    search_fields = [
        *PublicationPage.search_fields,
        index.SearchField("challenge"),
        index.SearchField("what_was_done"),
        index.SearchField("results_evidence"),
        index.SearchField("lessons_learned"),
        index.FilterField("outcome"),
    ]

    class Meta:
        verbose_name = "gott exempel"
        verbose_name_plural = "goda exempel"
        permissions = [("curate_goodexamplepage", "Kan validera och publicera goda exempel")]

    def permissions_for_user(self, user):
        return CuratedPagePermissionTester(user, self)


class ResultPage(PublicationPage):
    publication_type = PublicationType.RESULT
    publication_type_label = "Resultat/uppföljning"
    page_cache_own_fields = (
        *PublicationPage.page_cache_own_fields,
        "action_followed_up",
        "conclusions",
    )

    action_followed_up = models.TextField("insats som följts upp", blank=True, max_length=1000)
    conclusions = RichTextField("slutsatser", blank=True, features=TEXT_FEATURES)
    needs = ParentalManyToManyField(
        CompetenceNeedPage, blank=True, related_name="results", verbose_name="kompetensbehov"
    )
    good_examples = ParentalManyToManyField(
        GoodExamplePage, blank=True, related_name="results", verbose_name="goda exempel"
    )
    evaluation_report = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="utvärderingsrapport",
    )

    parent_page_types = ["content.RegionPage"]
    subpage_types: list[str] = []

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("action_followed_up"),
        InlinePanel("indicators", heading="Indikatorer", label="Indikator"),
        FieldPanel("conclusions"),
        FieldPanel("needs"),
        FieldPanel("good_examples"),
        FieldPanel("evaluation_report"),
        DocumentTextStatusPanel("attached_documents", heading="Sökbar text i rapporten"),
        MultiFieldPanel(PublicationPage.metadata_panels, heading="Klassificering"),
    ]
    search_fields = [
        *PublicationPage.search_fields,
        index.SearchField("action_followed_up"),
        index.SearchField("conclusions"),
    ]

    def page_cache_scopes(self, request) -> tuple[str, ...]:
        # The insatser it followed up: an insats can point at another result page at any time.
        return (*super().page_cache_scopes(request), page_cache.DIALOGUE)

    def attached_documents(self) -> list:
        return [self.evaluation_report] if self.evaluation_report else []

    class Meta:
        verbose_name = "resultat/uppföljning"
        verbose_name_plural = "resultat och uppföljningar"


class ResultIndicator(Orderable):
    page = ParentalKey(ResultPage, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("indikator", max_length=255)
    baseline = models.DecimalField(
        "utgångsläge", max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField("mål", max_digits=14, decimal_places=2, null=True, blank=True)
    outcome = models.DecimalField("utfall", max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField("enhet", max_length=50, blank=True)
    year = models.PositiveSmallIntegerField("år", null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("outcome")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("year")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"
