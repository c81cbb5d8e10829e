"""The learning section: collections that agency curators assemble from across the regions."""

import datetime

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from .choices import PublicationType
from .pages import PortalPage, SectionPage

NOTE_HELP = "Kuratorns kommentar: varför det här är värt att läsa."


class Theme(models.Model):
    """A curated theme for learning collections (a fixed list, not free tagging)."""

    name = models.CharField("namn", max_length=100, unique=True)
    slug = models.SlugField("kortnamn", max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "tema"
        verbose_name_plural = "teman"

    def __str__(self) -> str:
        return self.name


class PageItemBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Sida")
    note = blocks.TextBlock(label="Kommentar", help_text=NOTE_HELP, max_length=1000)

    class Meta:
        icon = "doc-empty"
        label = "Sida i portalen"
        template = "blocks/collection_page_item.html"


class DocumentItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Dokument")
    note = blocks.TextBlock(label="Kommentar", help_text=NOTE_HELP, max_length=1000)

    class Meta:
        icon = "doc-full"
        label = "Dokument"
        template = "blocks/collection_document_item.html"


class LinkItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel", max_length=255)
    url = blocks.URLBlock(label="Adress")
    note = blocks.TextBlock(label="Kommentar", help_text=NOTE_HELP, max_length=1000)

    class Meta:
        icon = "link"
        label = "Extern länk"
        template = "blocks/collection_link_item.html"
        preview_value = {
            "title": "Yrkesbarometern",
            "url": "https://arbetsformedlingen.se/",
            "note": "Arbetsförmedlingens bedömning av bristyrken, ett vanligt underlag.",
        }


class CollectionItemsBlock(blocks.StreamBlock):
    page = PageItemBlock()
    document = DocumentItemBlock()
    link = LinkItemBlock()


class LearningIndexPage(SectionPage):
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.LearningCollectionPage"]
    max_count = 1

    class Meta:
        verbose_name = "lärande"


class LearningCollectionPage(PortalPage):
    """An annotated, ordered set of items from any region, curated by agency staff."""

    publication_type = PublicationType.COLLECTION
    publication_type_label = "Samling"

    introduction = RichTextField(
        "introduktion", features=["bold", "italic", "link", "ol", "ul"], blank=True
    )
    summary = models.TextField("sammanfattning", max_length=600)
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="collections", verbose_name="teman"
    )
    items = StreamField(CollectionItemsBlock(), blank=True, verbose_name="innehåll")
    published_date = models.DateField("publiceringsdatum", default=datetime.date.today)

    parent_page_types = ["content.LearningIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *PortalPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("introduction"),
        FieldPanel("themes"),
        FieldPanel("items"),
    ]
    search_fields = [
        *PortalPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("introduction"),
    ]

    class Meta:
        verbose_name = "samling"
        verbose_name_plural = "samlingar"
