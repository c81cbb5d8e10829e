from django.conf import settings
from django.templatetags.static import static
from django.urls import include, path, re_path, register_converter
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from portal import health
from portal.dialogue.sitemaps import PublicThreadSitemap
from portal.request_numbers import IdConverter

# Before the apps' URL modules load: they write primary keys as <id:pk>.
register_converter(IdConverter, "id")

urlpatterns = [
    path("health/", health.health, name="health"),
    path("", include("search.urls")),
    # Wagtail's own login form has no MFA step: the admin signs in through allauth instead.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:admin_login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    # allauth's code entry page, wrapped to explain an expired code (accounts.views).
    path("konto/confirm-email/", accounts_views.confirm_email_code),
    path("konto/", include("accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("dialog/", include("portal.dialogue.urls")),
    path("valj/", include("portal.choosers.urls")),
    path("oppna-data/", include("portal.open_data.urls")),
    path("", include("content.urls")),
]

# --- Sitemap and robots.txt: Wagtail's public pages and the public dialogue threads.
urlpatterns += [
    path(
        "sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": {"sidor": PageSitemap, "dialoger": PublicThreadSitemap}},
        name="sitemap",
    ),
    # Browsers ask for /favicon.ico whatever the page links; answer with the portal's icon.
    path("favicon.ico", RedirectView.as_view(url=static("favicon.svg"), permanent=True)),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.PORTAL_SERVE_MEDIA:
    # Without a front web server (``make serve``) the portal serves uploaded files itself;
    # django.conf.urls.static.static() would add nothing once DEBUG is off.
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
