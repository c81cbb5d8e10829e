from django.conf import settings
from django.urls import include, path, register_converter
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as accounts_views
from portal.request_numbers import IdConverter

# Before the apps' URL modules load: they write primary keys as <id:pk>.
register_converter(IdConverter, "id")

urlpatterns = [
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
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
