"""The content app's indexable types: publications and learning collections.

Discovered by :mod:`search.registry` like any app's ``search_sources`` module; they live here
because content must not import search.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Model, Prefetch, QuerySet
from wagtail.rich_text import get_text_for_indexing

from content.classification_filters import sector_values
from content.models import (
    AnalysisAttachment,
    AnalysisPage,
    CompetenceNeedPage,
    DocumentText,
    GoodExamplePage,
    LearningCollectionPage,
    PublicationType,
    ResultPage,
    Sector,
)
from search.documents import SourceFields


def _text(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _rich(*values) -> str:
    return _text(*(get_text_for_indexing(str(value)) for value in values if value))


def _stream(value) -> str:
    return _text(*value.stream_block.get_searchable_content(value))


def _document_text(documents: Iterable) -> str:
    texts = DocumentText.objects.filter(
        document__in=[document for document in documents if document],
        status=DocumentText.Status.DONE,
    ).values_list("text", flat=True)
    return _text(*texts)


def _classification(page) -> dict:
    return {
        # PublicationPage keeps ``region`` in step with the tree, on save and on moves
        # (content.signals.page_moved).
        "region": page.region.code if page.region else "",
        "municipalities": tuple(item.code for item in page.municipalities.all()),
        "sectors": tuple(sector_values(page.sectors.all())),
        "occupations": tuple(item.code for item in page.occupations.all()),
    }


def _pages_using(document_id: int) -> list[Model]:
    analyses = AnalysisPage.objects.filter(
        pk__in=AnalysisAttachment.objects.filter(document_id=document_id).values("page_id")
    )
    return [*analyses, *ResultPage.objects.filter(evaluation_report_id=document_id)]


@dataclass
class PublicationSource(ABC):
    model: type
    dependencies: dict = field(default_factory=dict)

    @property
    def type_key(self) -> str:
        return self.model.publication_type

    @property
    def label(self) -> str:
        return PublicationType(self.type_key).label

    def indexable(self) -> QuerySet:
        return (
            self.model.objects.live()
            .public()
            .select_related("region")
            .prefetch_related(
                Prefetch("sectors", queryset=Sector.objects.select_related("parent")),
                "occupations",
                "municipalities",
            )
        )

    def fields(self, page) -> SourceFields:
        return SourceFields(
            title=page.title,
            url=page.url or "",
            published=page.published_date,
            summary=page.summary,
            horizon=getattr(page, "horizon", ""),
            status=getattr(page, "status", ""),
            **_classification(page),
            **self.text(page),
        )

    @abstractmethod
    def text(self, page) -> dict:
        """The type's own text fields: ``body`` and, where it has files, ``attachment_text``."""


class AnalysisSource(PublicationSource):
    def text(self, page) -> dict:
        return {
            "body": _text(
                _stream(page.body), *(source.name for source in page.evidence_sources.all())
            ),
            "attachment_text": _document_text(page.attached_documents()),
        }


class NeedSource(PublicationSource):
    def text(self, page) -> dict:
        return {"body": _text(page.get_balance_display(), _rich(page.description))}


class GoodExampleSource(PublicationSource):
    def text(self, page) -> dict:
        sections = (
            page.challenge,
            page.what_was_done,
            page.results_evidence,
            page.resources,
            page.lessons_learned,
            page.potential,
        )
        return {"body": _text(_rich(*sections), page.partners, page.curator_comment)}


class ResultSource(PublicationSource):
    def text(self, page) -> dict:
        return {
            "body": _text(
                page.action_followed_up,
                _rich(page.conclusions),
                *(indicator.name for indicator in page.indicators.all()),
            ),
            "attachment_text": _document_text(page.attached_documents()),
        }


@dataclass
class CollectionSource:
    type_key: str = PublicationType.COLLECTION.value
    label: str = PublicationType.COLLECTION.label
    model: type = LearningCollectionPage
    dependencies: dict = field(default_factory=dict)

    def indexable(self) -> QuerySet:
        return LearningCollectionPage.objects.live().public()

    def fields(self, page) -> SourceFields:
        notes = [str(item.value.get("note", "")) for item in page.items]
        titles = [
            str(item.value.get("title", "")) for item in page.items if item.block_type == "link"
        ]
        return SourceFields(
            title=page.title,
            url=page.url or "",
            published=page.published_date,
            summary=page.summary,
            body=_text(_rich(page.introduction), *titles, *notes),
        )


_attachments = {DocumentText: lambda record: _pages_using(record.document_id)}

SEARCH_SOURCES = [
    AnalysisSource(AnalysisPage, dependencies=_attachments),
    NeedSource(CompetenceNeedPage),
    GoodExampleSource(GoodExamplePage),
    ResultSource(ResultPage, dependencies=_attachments),
    CollectionSource(),
]
