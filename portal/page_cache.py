"""A shared cache of the pages anonymous visitors get, emptied by every change they could see.

Why not Django's per-site cache middleware or wagtail-cache: both key pages by URL and leave
them until they expire (wagtail-cache empties a whole backend with ``clear()``, which on Redis
flushes the sessions' and rate limits' database too, and keeps its URL list in one cache value
that two workers overwrite in turn); and both send ``Cache-Control: max-age``, so a browser
would go on showing a page the portal has already changed. Here every entry carries the
*generation* it was rendered in, a random token kept in the same shared cache. Any change an
anonymous visitor could see replaces the token after its transaction commits, so every worker
process stops serving every older page at once, with no list of URLs to keep. A hit costs one
cache read: the token and the page are fetched together (``get_many``: one query on the
database cache, one MGET on Redis).

The token is read before the page is rendered and replaced only after the change commits, so a
page rendered from data older than a change is always stored under an older token than the one
the change leaves behind: a render racing a write can never be served after it.

Only what every anonymous visitor would get alike is stored: GET and HEAD, no cookie but the
CSRF cookie (a session cookie means someone signed in, or a session holding messages or
allauth's half-done sign-in), 200 responses that set no cookie, read no CSRF token (a page with
a per-visitor form), showed no message and vary only on the language (part of the key) and the
cookies (see above). Account, admin, health and per-person pages are never looked up at all.
A response marked private, no-cache or no-store is not stored either: the search page, its
feed and the search API are ``never_cache`` (search owns their freshness), so they stay out
and no index write needs to reach this cache.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import cc_delim_re
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.commit_batches import CommitBatch

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
STATUS_HEADER = "X-Cache"
# Pages that are someone's own, or that sign people in, are never looked up in the cache.
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/konto/",
    "/health/",
    "/dialog/notiser/",
    "/dialog/avregistrera/",
    "/dokument/",
)
# The response headers that a key of URL and language covers: the language is in the key, and
# no cookie that the rendering reads gets this far (see the module's docstring).
COVERED_VARY = {"accept-language", "cookie"}


def _cache():
    return caches[CACHE_ALIAS]


# --- Invalidation -----------------------------------------------------------------------------


def invalidate() -> None:
    """Stop serving every page stored so far, in every process that shares the cache."""
    _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


# A cache that cannot be written after the commit is logged, never turned into an error for
# the person who made the change (the pages then expire by themselves).
_pending = CommitBatch(lambda _changes: invalidate())


def invalidate_on_commit() -> None:
    """Invalidate once the current transaction commits (at once outside one).

    However many changes the transaction makes, the token is replaced once: an import chunk
    publishing fifty pages writes one new generation, not fifty.
    """
    _pending.add({GENERATION_KEY})


def _current_generation(found: dict) -> str:
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # First request, or the token was evicted: a new random token can never revive
        # pages stored under an earlier one. add() keeps the first of two racing processes'.
        _cache().add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = _cache().get(GENERATION_KEY)
    return generation


def _changed(sender, **kwargs) -> None:
    invalidate_on_commit()


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_on_commit()


def _user_saved(sender, instance, update_fields=None, **kwargs) -> None:
    # Signing in saves last_login (and may rehash the password): nothing a page shows.
    if update_fields and set(update_fields) <= {"last_login", "password"}:
        return
    invalidate_on_commit()


def _shown_models() -> list[type]:
    """Models, other than pages, whose rows anonymous visitors see on some page.

    Pages are covered by Wagtail's publish, unpublish, move and delete signals instead of
    post_save, which also fires for every draft. What stays out: follows, notifications,
    reports, moderation logs, posting blocks and revisions, which only their owners or the
    moderators see, on pages never cached.
    """
    from accounts.models import Organisation, Profile
    from content.models import EducationField, Municipality, Occupation, Region, Sector, Theme
    from portal.dialogue.models import (
        Action,
        ActionProgressNote,
        Contribution,
        Endorsement,
        Thread,
    )

    return [
        Organisation,
        Profile,
        Region,
        Municipality,
        Sector,
        Occupation,
        EducationField,
        Theme,
        Thread,
        Contribution,
        Endorsement,
        Action,
        ActionProgressNote,
        PageViewRestriction,
        Site,
        get_image_model(),
        get_document_model(),
    ]


def connect() -> None:
    """Wire every write an anonymous page shows to :func:`invalidate_on_commit`."""
    page_published.connect(_changed, dispatch_uid="page_cache.published")
    page_unpublished.connect(_changed, dispatch_uid="page_cache.unpublished")
    post_page_move.connect(_changed, dispatch_uid="page_cache.moved")
    post_delete.connect(_page_deleted, dispatch_uid="page_cache.page_deleted")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="page_cache.user")
    # A deleted author's posts show "Borttagen användare" (their rows change by SET_NULL,
    # which sends no signal of its own).
    post_delete.connect(_changed, sender=get_user_model(), dispatch_uid="page_cache.user_deleted")
    for model in _shown_models():
        uid = f"page_cache.{model._meta.label}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}.delete")
        # Many-to-many links (a thread's participants, an action's responsible organisations).
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _links_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}.{field.name}",
            )


def _links_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        invalidate_on_commit()


# --- Serving ----------------------------------------------------------------------------------


def _request_is_cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(NEVER_CACHED_PREFIXES)
        and all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _response_is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: a form for this visitor only
    cache_control = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    if cache_control & {"private", "no-cache", "no-store"}:
        return False
    vary = {part.lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    if not vary <= COVERED_VARY:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    shown_messages = getattr(request, "_messages", None)
    return not (shown_messages and (shown_messages.used or shown_messages.added_new))


def _page_key(request: HttpRequest) -> str:
    language = translation.get_language_from_request(request)
    identity = f"{request.method} {request.build_absolute_uri()} {language}"
    return "page-cache:page:" + hashlib.sha256(identity.encode()).hexdigest()


def _from_entry(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    response[STATUS_HEADER] = "HIT"
    return response


class AnonymousPageCacheMiddleware:
    """Serves and stores anonymous pages (placed after WhiteNoise, before the session).

    Where it sits matters: the security and CSP middleware above it add their headers to
    cached and fresh pages alike; what the middleware below it add (Vary, Content-Language,
    X-Frame-Options) is stored with the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        seconds = settings.PORTAL_PAGE_CACHE_SECONDS
        if not seconds or not _request_is_cacheable(request):
            return self.get_response(request)
        key = _page_key(request)
        try:
            found = _cache().get_many([GENERATION_KEY, key])
            generation = _current_generation(found)
        except Exception:
            # The cache is an optimisation: without it the page is rendered as usual.
            logger.exception("Page cache unavailable; serving %s uncached", request.path)
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            return _from_entry(entry)
        response = self.get_response(request)
        if _response_is_cacheable(request, response):
            entry = {
                "generation": generation,
                "content": response.content,
                "headers": list(response.headers.items()),
            }
            try:
                _cache().set(key, entry, seconds)
            except Exception:
                logger.exception("Page cache unavailable; %s not stored", request.path)
            else:
                response[STATUS_HEADER] = "MISS"
        return response
