"""Template context every public page needs: the main navigation and footer links."""

from django.http import HttpRequest

from content.selectors import site_navigation_links


def site_navigation(request: HttpRequest) -> dict:
    return {"site_navigation": site_navigation_links()}
