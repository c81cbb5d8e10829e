"""The public threads in sitemap.xml, next to Wagtail's pages (portal.urls)."""

import datetime
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import QuerySet
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from portal.dialogue import selectors
from portal.dialogue.models import Thread


class PublicThreadSitemap(PageSitemap):
    """Threads are Django models, not pages, but share the Wagtail site's scheme and host.

    Subclassing Wagtail's sitemap gives the request's Wagtail site; the URLs themselves are built
    the way Django's sitemaps build them for models.
    """

    changefreq = "daily"

    def items(self) -> QuerySet[Thread]:
        # What an anonymous visitor may read, by the dialogue's one visibility rule.
        return selectors.visible_threads(user=AnonymousUser()).order_by("pk")

    def location(self, item: Thread) -> str:
        return item.get_url()

    def lastmod(self, item: Thread) -> datetime.datetime:
        return item.last_activity_at

    def _urls(self, page, protocol, domain):
        root = urlsplit(self.get_wagtail_site().root_url)
        return DjangoSitemap._urls(self, page, root.scheme, root.netloc)
