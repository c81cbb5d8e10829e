"""The open data pages: the catalogue, its DCAT-AP-SE metadata and the API documentation."""

import json

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from content import exports
from portal.open_data import catalogue
from search.params import MAX_PAGE_SIZE


def _common() -> dict:
    return {
        "licence_name": exports.LICENCE_NAME,
        "licence_url": exports.LICENCE_URL,
        # Swedish style: a (no-break) space between thousands.
        "max_rows": f"{exports.MAX_ROWS:,}".replace(",", "\u00a0"),
        "list_separator": exports.LIST_SEPARATOR,
        "update_frequency": catalogue.UPDATE_FREQUENCY,
        "publisher_name": catalogue.PUBLISHER_NAME,
    }


@require_GET
def catalogue_page(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "open_data/catalogue.html",
        {**_common(), "datasets": catalogue.datasets(request=request)},
    )


@require_GET
def catalogue_jsonld(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        json.dumps(catalogue.catalogue_jsonld(request=request), ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )


@require_GET
def api_page(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "open_data/api.html", {**_common(), "max_page_size": MAX_PAGE_SIZE}
    )
