"""Read-only queries used by pages, views and context processors.

Each returns a queryset or list whose size does not change the number of SQL queries: related
rows are joined or prefetched, never fetched per item.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from content import need_status
from content.models import (
    AccessibilityStatementPage,
    AnalysisAttachment,
    AnalysisPage,
    CompetenceNeedPage,
    GoodExamplePage,
    LearningCollectionPage,
    LearningIndexPage,
    NeedStatus,
    Occupation,
    PublicationListingPage,
    RegionIndexPage,
    RegionPage,
    ResultPage,
    Sector,
)

SIMILAR_NEEDS_LIMIT = 6


def region_pages() -> QuerySet[RegionPage]:
    """The live region pages in länskod order, with their region loaded in the same query."""
    return RegionPage.objects.live().select_related("region").order_by("region__code")


def site_navigation_links() -> dict[str, str | None]:
    """URLs of the standing pages linked from every page's header and footer.

    Missing pages (a fresh database before ``load_reference_data``) give ``None``, and the
    templates leave those links out rather than fail.
    """
    region_index = RegionIndexPage.objects.live().first()
    statement = AccessibilityStatementPage.objects.live().first()
    listings = PublicationListingPage.objects.live().order_by("path")
    learning = LearningIndexPage.objects.live().first()
    return {
        "learning": learning.url if learning else None,
        "regions": region_index.url if region_index else None,
        "accessibility_statement": statement.url if statement else None,
        "listings": [(listing.title, listing.url) for listing in listings],
    }


def live_publications(model) -> QuerySet:
    """Live pages of a publication type that everyone may read, with their region."""
    return model.objects.live().public().select_related("region")


def region_overview(*, region_page: RegionPage, latest: int = 5) -> dict:
    """A region page's content: latest analyses, needs by status, good examples, results."""
    region_id = region_page.region_id
    needs_by_status: dict[str, list[CompetenceNeedPage]] = defaultdict(list)
    for need in (
        live_publications(CompetenceNeedPage)
        .filter(region_id=region_id)
        .order_by("-published_date")
    ):
        needs_by_status[need.status].append(need)
    return {
        "latest_analyses": list(
            live_publications(AnalysisPage)
            .filter(region_id=region_id)
            .order_by("-published_date")[:latest]
        ),
        "needs_by_status": [
            (label, needs_by_status[value])
            for value, label in NeedStatus.choices
            if needs_by_status[value]
        ],
        "good_examples": list(
            live_publications(GoodExamplePage)
            .filter(region_id=region_id)
            .order_by("-published_date")
        ),
        "results": list(
            live_publications(ResultPage).filter(region_id=region_id).order_by("-published_date")
        ),
    }


def identified_needs(*, analysis: AnalysisPage) -> list[CompetenceNeedPage]:
    return list(
        live_publications(CompetenceNeedPage).filter(source_analyses=analysis).order_by("title")
    )


@dataclass(frozen=True)
class SimilarNeed:
    need: CompetenceNeedPage
    score: int
    shared: list[str]


def similar_needs(
    *, need: CompetenceNeedPage, limit: int = SIMILAR_NEEDS_LIMIT
) -> list[SimilarNeed]:
    """Needs in other regions sharing an SSYK group (or its parent group) or an SNI code.

    Score: the same SSYK code 3, a sibling under the same parent group 2, the same SNI
    section or division 1 each; best first, then newest.
    """
    occupations = list(need.occupations.all())
    sectors = list(need.sectors.all())
    codes = {occupation.code for occupation in occupations}
    parents = {code[:-1] for code in codes if len(code) > 1}
    sector_ids = {sector.pk for sector in sectors} | {
        sector.parent_id for sector in sectors if sector.parent_id
    }
    if not codes and not sector_ids:
        return []
    others = CompetenceNeedPage.objects.live().public().exclude(region_id=need.region_id)
    candidate_ids = set(
        others.filter(
            Q(occupations__code__in=codes) | Q(occupations__parent__code__in=parents)
        ).values_list("pk", flat=True)
    ) | set(
        others.filter(
            Q(sectors__pk__in=sector_ids) | Q(sectors__parent__pk__in=sector_ids)
        ).values_list("pk", flat=True)
    )
    pages = (
        live_publications(CompetenceNeedPage)
        .filter(pk__in=candidate_ids)
        .prefetch_related(
            Prefetch("occupations", queryset=Occupation.objects.only("code", "name")),
            Prefetch("sectors", queryset=Sector.objects.only("code", "name", "parent_id")),
        )
    )
    scored = []
    for page in pages:
        score, shared = 0, []
        for occupation in page.occupations.all():
            if occupation.code in codes:
                score += 3
                shared.append(str(occupation))
            elif occupation.code[:-1] in parents:
                score += 2
                shared.append(str(occupation))
        for sector in page.sectors.all():
            if sector.pk in sector_ids or sector.parent_id in sector_ids:
                score += 1
                shared.append(str(sector))
        if score:
            scored.append(SimilarNeed(need=page, score=score, shared=shared))
    scored.sort(
        key=lambda item: (-item.score, -item.need.published_date.toordinal(), item.need.title)
    )
    return scored[:limit]


def live_linked(model, related) -> list:
    """The live, public pages among ``related`` (a many-to-many manager), with their region.

    Works on a preview too, where modelcluster keeps unsaved links in memory.
    """
    ids = [page.pk for page in related.all()]
    return list(live_publications(model).filter(pk__in=ids).order_by("title"))


def need_context(*, need: CompetenceNeedPage) -> dict:
    return {
        "source_analyses": live_linked(AnalysisPage, need.source_analyses),
        "addressing_good_examples": list(
            live_publications(GoodExamplePage).filter(needs_addressed=need).order_by("title")
        ),
        "addressing_results": list(
            live_publications(ResultPage).filter(needs=need).order_by("title")
        ),
        "similar_needs": similar_needs(need=need),
    }


def attachments(*, analysis: AnalysisPage) -> list[AnalysisAttachment]:
    return list(
        AnalysisAttachment.objects.filter(page=analysis)
        .select_related("document", "document__extracted_text")
        .order_by("sort_order")
    )


def learning_collections(*, index: LearningIndexPage) -> list[LearningCollectionPage]:
    return list(
        LearningCollectionPage.objects.live()
        .public()
        .child_of(index)
        .prefetch_related("themes")
        .order_by("-published_date", "title")
    )


def needs_followed_up_by_results(need_ids: list[int]) -> dict[int, str]:
    """Evidence for ``content.need_status``: a live result page that lists the need."""
    wanted = set(need_ids)
    followed = ResultPage.objects.live().filter(needs__in=wanted).values_list("needs", flat=True)
    return {pk: NeedStatus.FOLLOWED_UP for pk in followed if pk in wanted}


@dataclass
class NeedContradiction:
    need: CompetenceNeedPage
    problem: str


def need_contradictions() -> list[NeedContradiction]:
    """Every need whose status claims more, or less, than its threads, actions and results."""
    needs = list(CompetenceNeedPage.objects.select_related("region").order_by("region__code", "pk"))
    justified = need_status.justified_statuses(need_ids=[need.pk for need in needs])
    found = []
    for need in needs:
        problem = need_status.unjustified(
            status=need.status, justified=justified[need.pk]
        ) or need_status.lagging(status=need.status, justified=justified[need.pk])
        if problem:
            found.append(NeedContradiction(need=need, problem=problem))
    return found
