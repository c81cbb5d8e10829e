"""Extra template context per page type, built from the selectors.

``PortalPage.get_context`` asks ``page_context`` for every page; each page type registers the
function that knows what its template shows.
"""

from functools import singledispatch

from django.http import HttpRequest

from content import overview, selectors, statistics
from content.listings import listing_context
from content.models import (
    AnalysisPage,
    CompetenceNeedPage,
    GoodExampleIndexPage,
    GoodExamplePage,
    HomePage,
    LearningIndexPage,
    NeedStatus,
    PortalPage,
    PublicationListingPage,
    RegionIndexPage,
    RegionPage,
    ResultPage,
)


@singledispatch
def page_context(page: PortalPage, request: HttpRequest) -> dict:
    return {}


@page_context.register
def _home(page: HomePage, request):
    return overview.home_overview(map_selection=request.GET.get("urval", ""))


@page_context.register
def _region_index(page: RegionIndexPage, request):
    return {"region_pages": selectors.region_pages()}


@page_context.register
def _region(page: RegionPage, request):
    return {
        "municipalities": page.region.municipalities.all(),
        **selectors.region_overview(region_page=page),
        **statistics.region_statistics(region_code=page.region.code),
    }


@page_context.register
def _analysis(page: AnalysisPage, request):
    return {
        "identified_needs": selectors.identified_needs(analysis=page),
        "attachments": selectors.attachments(analysis=page),
    }


@page_context.register
def _need(page: CompetenceNeedPage, request):
    return {**selectors.need_context(need=page), "status_steps": NeedStatus.choices}


@page_context.register
def _good_example(page: GoodExamplePage, request):
    return {
        "needs_addressed": selectors.live_linked(CompetenceNeedPage, page.needs_addressed),
        "results": list(
            selectors.live_publications(ResultPage).filter(good_examples=page).order_by("title")
        ),
    }


@page_context.register
def _result(page: ResultPage, request):
    return {
        "needs": selectors.live_linked(CompetenceNeedPage, page.needs),
        "related_good_examples": selectors.live_linked(GoodExamplePage, page.good_examples),
        "indicator_charts": statistics.indicator_charts(result=page),
    }


@page_context.register
def _listing(page: PublicationListingPage, request):
    return listing_context(request=request, publication_type=page.publication_type)


@page_context.register
def _good_example_index(page: GoodExampleIndexPage, request):
    return {
        "good_examples": list(
            selectors.live_publications(GoodExamplePage).child_of(page).order_by("-published_date")
        )
    }


@page_context.register
def _learning_index(page: LearningIndexPage, request):
    return {"collections": selectors.learning_collections(index=page)}
