"""Read-only queries used by pages, views and context processors.

Each returns a queryset or list whose size does not change the number of SQL queries: related
rows are joined or prefetched, never fetched per item.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

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
    templates leave those links out rather than fail. Every page of the site asks for these,
    so all four kinds come from one query of Wagtail's page table, in tree order.
    """
    kinds = {
        ContentType.objects.get_for_model(model).pk: model
        for model in (
            RegionIndexPage,
            AccessibilityStatementPage,
            PublicationListingPage,
            LearningIndexPage,
        )
    }
    pages: dict[type, list[Page]] = defaultdict(list)
    for page in Page.objects.live().filter(content_type_id__in=kinds).order_by("path"):
        pages[kinds[page.content_type_id]].append(page)

    def first_url(model) -> str | None:
        return pages[model][0].url if pages[model] else None

    return {
        "learning": first_url(LearningIndexPage),
        "regions": first_url(RegionIndexPage),
        "accessibility_statement": first_url(AccessibilityStatementPage),
        "listings": [(listing.title, listing.url) for listing in pages[PublicationListingPage]],
    }


def live_public(queryset: PageQuerySet) -> PageQuerySet:
    """``queryset.live().public()`` without the extra query.

    Wagtail's ``public()`` first reads every view restriction in a query of its own, each time
    it is called, and one page asks for public pages many times. Here the database checks in
    the same query whether the page or one of its ancestors (a prefix of its tree path) has a
    restriction.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.live().filter(~Exists(restricted))


def live_publications(model) -> QuerySet:
    """Live pages of a publication type that everyone may read, with their region."""
    return live_public(model.objects.all()).select_related("region")


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
class SharedCode:
    """One code two needs have in common, said in words: "Samma yrke: Barnmorskor (2222)"."""

    kind: str
    name: str
    code: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.name} ({self.code})"


@dataclass(frozen=True)
class SimilarNeed:
    need: CompetenceNeedPage
    same_occupations: list[SharedCode]
    same_occupation_groups: list[SharedCode]
    same_sectors: list[SharedCode]
    same_sections: list[SharedCode]

    @property
    def shared(self) -> list[SharedCode]:
        return [
            *self.same_occupations,
            *self.same_occupation_groups,
            *self.same_sectors,
            *self.same_sections,
        ]

    @property
    def rank(self) -> tuple[int, int, int, int]:
        return (
            len(self.same_occupations),
            len(self.same_occupation_groups),
            len(self.same_sectors),
            len(self.same_sections),
        )


SAME_OCCUPATION = "Samma yrke"
SAME_OCCUPATION_GROUP = "Samma yrkesgrupp"
SAME_SECTION = "Samma sektor"
SAME_DIVISION = "Samma bransch"


def _sector_section(sector: Sector) -> Sector:
    return sector.parent if sector.parent_id else sector


def similar_needs(
    *, need: CompetenceNeedPage, limit: int = SIMILAR_NEEDS_LIMIT
) -> list[SimilarNeed]:
    """Needs in other regions that are the same need: the same occupation, or one beside it.

    A need is an occupation in a sector, so a need with SSYK codes matches only needs that
    share one of them (``Samma yrke``) or a sibling under the same parent group (``Samma
    yrkesgrupp``, naming the parent, which both needs belong to); shared SNI codes then add to
    the explanation. A need without SSYK codes matches on its sectors: the same division, or
    the same section. Only codes both needs have are named. Ranked by the number of shared
    occupations, then shared groups, then shared sectors, then newest.
    """
    occupations = list(need.occupations.select_related("parent"))
    sectors = list(need.sectors.select_related("parent"))
    codes = {occupation.code for occupation in occupations}
    parents = {occupation.parent_id for occupation in occupations if occupation.parent_id}
    sector_codes = {sector.pk for sector in sectors}
    sections = {_sector_section(sector).pk for sector in sectors}
    others = live_public(CompetenceNeedPage.objects.all()).exclude(region_id=need.region_id)
    if codes:
        candidates = others.filter(
            Q(occupations__code__in=codes) | Q(occupations__parent__in=parents)
        )
    elif sector_codes:
        candidates = others.filter(Q(sectors__pk__in=sections) | Q(sectors__parent__in=sections))
    else:
        return []
    pages = (
        live_publications(CompetenceNeedPage)
        .filter(pk__in=set(candidates.values_list("pk", flat=True)))
        .prefetch_related(
            Prefetch("occupations", queryset=Occupation.objects.select_related("parent")),
            Prefetch("sectors", queryset=Sector.objects.select_related("parent")),
        )
    )
    matches = []
    for page in pages:
        same = [o for o in page.occupations.all() if o.code in codes]
        groups = {
            o.parent.code: o.parent
            for o in page.occupations.all()
            if o.code not in codes and o.parent_id in parents
        }
        if codes and not same and not groups:
            continue
        shared_sectors = sorted(
            (s for s in page.sectors.all() if s.pk in sector_codes), key=lambda s: s.code
        )
        # A section both needs reach only through their divisions (87 and 88 are both in Q),
        # named when no shared code already says it.
        covered = {_sector_section(s).pk for s in shared_sectors}
        shared_sections = {}
        for sector in page.sectors.all():
            section = _sector_section(sector)
            if section.pk in sections and section.pk not in covered:
                shared_sections[section.code] = section
        match = SimilarNeed(
            need=page,
            same_occupations=[SharedCode(SAME_OCCUPATION, o.name, o.code) for o in same],
            same_occupation_groups=[
                SharedCode(SAME_OCCUPATION_GROUP, group.name, code)
                for code, group in sorted(groups.items())
            ],
            same_sectors=[
                SharedCode(SAME_DIVISION if s.parent_id else SAME_SECTION, s.name, s.code)
                for s in shared_sectors
            ],
            same_sections=[
                SharedCode(SAME_SECTION, section.name, code)
                for code, section in sorted(shared_sections.items())
            ],
        )
        if match.shared:
            matches.append(match)
    matches.sort(
        key=lambda item: (
            tuple(-count for count in item.rank),
            -item.need.published_date.toordinal(),
            item.need.title,
        )
    )
    return matches[:limit]


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
        live_public(LearningCollectionPage.objects.child_of(index))
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
