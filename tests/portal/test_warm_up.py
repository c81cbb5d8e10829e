"""Warming the web application up in gunicorn's master before the workers fork (portal.warm_up)."""

from types import SimpleNamespace

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client

from portal import gunicorn_conf
from portal.warm_up import WARM_UP_ENVIRON_KEY, warm_up, warm_up_paths
from tests.factories import CompetenceNeedPageFactory

# The warm-up calls the WSGI application the way gunicorn does, and Django's request signals
# close the connection after each request: committed data, not a test transaction, survives.
pytestmark = pytest.mark.django_db(transaction=True)


def application() -> WSGIHandler:
    # What get_wsgi_application() returns, without its django.setup(): that would configure
    # logging anew and take pytest's log capture away.
    return WSGIHandler()


@pytest.fixture
def need(portal_site):
    return CompetenceNeedPageFactory(title="Svetsare till verkstadsindustrin")


def test_every_page_type_search_the_dialogue_and_login_are_rendered(need):
    paths = warm_up_paths()

    statuses = warm_up(application())

    assert need.url in paths, "one page of each live page type, the need among them"
    assert "/" in paths
    assert {"/sok/?q=kompetens", "/api/search/?q=kompetens", "/dialog/", "/konto/login/"} <= set(
        paths
    )
    assert statuses == dict.fromkeys(paths, 200)


def test_the_pages_are_rendered_past_the_page_cache_and_not_stored(need, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    settings.ALLOWED_HOSTS = ["kompetensportalen.se"]  # the host the warm-up addresses too
    visitor = Client(HTTP_HOST="kompetensportalen.se")

    warm_up(application())

    # Stored copies would have let the warm-up skip the templates; the first visitor misses.
    assert visitor.get(need.url)["X-Cache"] == "MISS"
    assert visitor.get(need.url)["X-Cache"] == "HIT"


def test_the_warm_up_key_cannot_come_from_a_request_header(need, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 300
    header = "HTTP_" + WARM_UP_ENVIRON_KEY.upper().replace(".", "_")

    Client().get(need.url, **{header: "1"})

    assert Client().get(need.url)["X-Cache"] == "HIT", "a visitor's header bypassed the cache"


def test_a_host_outside_allowed_hosts_skips_the_warm_up(need, settings, caplog):
    settings.ALLOWED_HOSTS = ["*.example.se"]

    assert warm_up(application()) == {}
    assert "Warm-up skipped" in caplog.text


def test_a_failing_page_is_reported_and_the_rest_still_render(need, monkeypatch, caplog):
    monkeypatch.setattr(
        "portal.warm_up.warm_up_paths", lambda: ["/finns-inte/", need.url, "/dialog/"]
    )

    statuses = warm_up(application())

    assert statuses == {"/finns-inte/": 404, need.url: 200, "/dialog/": 200}
    assert "answered with an error: /finns-inte/" in caplog.text


def test_gunicorn_warms_the_master_before_forking_and_closes_its_connection(need):
    assert gunicorn_conf.preload_app is True
    handler = application()
    served = []
    server = SimpleNamespace(app=SimpleNamespace(wsgi=lambda: served.append(1) or handler))
    connection.ensure_connection()

    gunicorn_conf.when_ready(server)

    assert served, "the master's loaded application was warmed"
    assert connection.connection is None, "a connection the forked workers would share"
