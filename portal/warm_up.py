"""Warming the web application up before it takes traffic.

A fresh process pays for its first page of each kind: templates compiled, translation
catalogues and lazy modules loaded, the search engine's bitmaps read. That cost 250 ms for the
first page on a quiet machine, and 1.4-1.9 s when five fresh gunicorn workers met the load
test's first visitors together on two cores. gunicorn's master process loads the application
once (``preload_app``), renders one page of each kind here, and forks its workers from the
warm process (portal/gunicorn_conf.py), so a worker started later (``max_requests``) is warm too.

The pages are rendered in full, past the page cache: the requests carry ``WARM_UP_ENVIRON_KEY``,
a WSGI environ key that no HTTP header can set (headers arrive as ``HTTP_*``).
"""

import io
import logging
import time
from collections.abc import Callable
from wsgiref.util import setup_testing_defaults

from django.conf import settings
from django.http.request import validate_host
from django.urls import reverse
from wagtail.models import Page, Site

logger = logging.getLogger(__name__)

WARM_UP_ENVIRON_KEY = "portal.warm_up"
SEARCH_WORD = "kompetens"


def warm_up_paths() -> list[str]:
    """One live page of each page type (the home page among them), the search page and API,
    the dialogue list, the statistics and the login page."""
    page_paths = []
    content_types = (
        Page.objects.live().public().order_by().values_list("content_type", flat=True).distinct()
    )
    for content_type in sorted(content_types):
        page = Page.objects.live().public().filter(content_type=content_type).first()
        url = page.get_url() if page else None
        if url and url.startswith("/"):
            page_paths.append(url)
    return [
        *sorted(page_paths),
        f"{reverse('search:page')}?q={SEARCH_WORD}",
        f"{reverse('search:api')}?q={SEARCH_WORD}",
        reverse("dialogue:list"),
        reverse("content:statistics"),
        reverse("account_login"),
    ]


def _host() -> str | None:
    default_site = Site.objects.filter(is_default_site=True).first()
    candidates = [default_site.hostname] if default_site else []
    candidates += [host for host in settings.ALLOWED_HOSTS if host[:1] not in ("*", ".")]
    return next((host for host in candidates if validate_host(host, settings.ALLOWED_HOSTS)), None)


def _get(application: Callable, path: str, host: str) -> int:
    route, _, query = path.partition("?")
    environ = {
        "PATH_INFO": route,
        "QUERY_STRING": query,
        "HTTP_HOST": host,
        # Over HTTPS when production redirects plain HTTP, so the page itself is rendered.
        "wsgi.url_scheme": "https" if settings.SECURE_SSL_REDIRECT else "http",
        "wsgi.errors": io.StringIO(),
        WARM_UP_ENVIRON_KEY: True,
    }
    setup_testing_defaults(environ)
    status = []
    body = application(environ, lambda line, headers, exc_info=None: status.append(line))
    try:
        for _chunk in body:
            pass
    finally:
        if hasattr(body, "close"):
            body.close()
    return int(status[0].split()[0])


def warm_up(application: Callable) -> dict[str, int]:
    """Renders each of ``warm_up_paths`` once through ``application``; returns their statuses.

    Never raises: a process that could not warm up still serves, only slower at first.
    """
    started = time.perf_counter()
    statuses: dict[str, int] = {}
    try:
        host = _host()
        if host is None:
            logger.warning("Warm-up skipped: no host in ALLOWED_HOSTS to address the pages by")
            return statuses
        for path in warm_up_paths():
            statuses[path] = _get(application, path, host)
    except Exception:
        logger.exception("Warm-up stopped; the web processes start without it")
    failed = sorted(path for path, status in statuses.items() if status >= 400)
    logger.info(
        "Warm-up: %d pages rendered in %.1f s%s",
        len(statuses),
        time.perf_counter() - started,
        f"; answered with an error: {', '.join(failed)}" if failed else "",
    )
    return statuses
