"""Read-only queries used by pages, views and context processors."""

from django.db.models import QuerySet

from content.models import AccessibilityStatementPage, RegionIndexPage, RegionPage


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
    return {
        "regions": region_index.url if region_index else None,
        "accessibility_statement": statement.url if statement else None,
    }
