"""A shared cache of the pages anonymous visitors get, emptied by every change they could see.

Why not Django's per-site cache middleware or wagtail-cache: both key pages by URL and leave
them until they expire (wagtail-cache empties a whole backend with ``clear()``, which on Redis
flushes the sessions' and rate limits' database too, and keeps its URL list in one cache value
that two workers overwrite in turn); and both send ``Cache-Control: max-age``, so a browser
would go on showing a page the portal has already changed.

Here every entry carries the *tokens* of the scopes its page shows, random values kept in the
same shared cache; a change an anonymous visitor could see replaces the tokens of the scopes
it touches after its transaction commits, so every worker process stops serving the pages
that showed it at once, with no list of URLs to keep. The scopes:

- ``site``: everything not named below (organisations, people, taxonomy, images, sites).
  Every page shows it.
- ``pages``: publishing, unpublishing, moving or deleting a page.
- ``dialogue``: any thread, post, endorsement, insats or progress note.
- ``dialogue:need:<id>``: the same, for the threads and insatser of one need.

A page shows ``site``, ``pages`` and ``dialogue`` unless its view says less with
:func:`shows`: the content pages show no dialogue, a need's page only its own
(``PortalPage.page_cache_scopes``). So a post in one thread empties the dialogue pages and
that need's page, not the home page, the listings or the other 60 needs, which members
posting every second emptied before (load test of 2026-12-04).

A hit costs one cache read (the page with the three fixed tokens: ``get_many``, one query on
the database cache, one MGET on Redis), two for a need's page. Tokens are read before the data
they cover (the fixed ones before the view runs, a need's own when the page declares it,
before its threads are read) and replaced only after the change commits, so a page rendered
from data older than a change is always stored under an older token than the one the change
leaves behind: a render racing a write can never be served after it.

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
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import cc_delim_re
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.commit_batches import CommitBatch
from portal.warm_up import WARM_UP_ENVIRON_KEY

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
SITE = "site"
PAGES = "pages"
LINKS = "links"
DIALOGUE = "dialogue"
FIXED_SCOPES = (SITE, PAGES, LINKS, DIALOGUE)
# Kept by Wagtail on every save or publish; no page shows them.
BOOKKEEPING_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "last_published_at",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
        "import_checksum",
    }
)
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


# --- Scopes ---------------------------------------------------------------------------------


def need_dialogue(need_id: int) -> str:
    """The scope of one need's threads and insatser (shown on the need's page)."""
    return f"{DIALOGUE}:need:{need_id}"


def page_path(path: str) -> str:
    """The scope of one page's own fields, by the path it is served at."""
    return f"path:{path}"


def own_page_scopes(page: Page, request: HttpRequest) -> tuple[str, ...]:
    """The scopes of a page that shows its own fields and only links to other pages."""
    if _served_path(page, request) != request.path:
        return (PAGES,)  # served at a path its publishing would not name: any publish empties
    return (LINKS, page_path(request.path))


def scope_key(scope: str) -> str:
    return f"page-cache:scope:{scope}"


def _tokens(found: dict, scopes) -> dict[str, str]:
    """The current token of each scope; a missing one (first use, evicted) is made anew.

    A new random token can never revive pages stored under an earlier one. add() keeps the
    first of two racing processes'.
    """
    tokens = {scope: found.get(scope_key(scope)) for scope in scopes}
    missing = [scope for scope, token in tokens.items() if token is None]
    for scope in missing:
        _cache().add(scope_key(scope), uuid.uuid4().hex, timeout=_token_timeout(scope))
    if missing:
        fetched = _cache().get_many([scope_key(scope) for scope in missing])
        tokens.update({scope: fetched.get(scope_key(scope)) for scope in missing})
    return tokens


def shows(request: HttpRequest, *scopes: str) -> None:
    """Declare that the page being rendered shows only ``site`` and these scopes.

    Call it before the data of a dynamic scope (``need_dialogue``) is read: its token is read
    here. A request the middleware did not look up (signed in, never cached) is left alone.
    """
    state = getattr(request, "_page_cache", None)
    if state is None:
        return
    dynamic = [scope for scope in scopes if scope not in state["tokens"]]
    try:
        fetched = _cache().get_many([scope_key(scope) for scope in dynamic]) if dynamic else {}
        state["tokens"].update(_tokens(fetched, dynamic))
    except Exception:
        logger.exception("Page cache unavailable; %s not stored", request.path)
        request._page_cache = None
        return
    state["scopes"] = {SITE, *scopes}


# --- Invalidation -----------------------------------------------------------------------------


def _token_timeout(scope: str) -> int | None:
    """Path tokens (one per URL visited) expire with the pages stored under them.

    A token that is gone is made anew, never equal to an older one, so a page outliving its
    token is a miss, never a stale hit; and visits to any number of paths leave nothing behind.
    """
    if scope.startswith("path:"):
        return settings.PORTAL_PAGE_CACHE_SECONDS or None
    return None


def replace_tokens(scopes) -> None:
    """Stop serving, in every process, the pages that showed these scopes."""
    for scope in scopes:
        _cache().set(scope_key(scope), uuid.uuid4().hex, timeout=_token_timeout(scope))


def invalidate() -> None:
    """Stop serving every page stored so far, in every process that shares the cache."""
    replace_tokens([SITE])


# A cache that cannot be written after the commit is logged, never turned into an error for
# the person who made the change (the pages then expire by themselves).
# (Looked up at each call, so that a test can count the calls.)
_pending = CommitBatch(lambda scopes: replace_tokens(scopes))


def invalidate_on_commit(*scopes: str) -> None:
    """Replace the tokens of ``scopes`` (``site`` if none) once the transaction commits.

    However many changes the transaction makes, each token is replaced once: an import chunk
    publishing fifty pages writes one new ``pages`` token, not fifty.
    """
    _pending.add(scopes or {SITE})


def _changed(sender, **kwargs) -> None:
    invalidate_on_commit(SITE)


def _served_path(page: Page, request: HttpRequest | None = None) -> str | None:
    # With the request, Wagtail reads the sites' root paths once per request, for the page's
    # own links too, instead of from the cache again.
    url = page.get_url(request=request)
    return urlsplit(url).path if url else None


def _page_saving(sender, instance, update_fields=None, **kwargs) -> None:
    """Before a live page's row is written: does it change what *other* pages show of it?

    The row still holds the live version here (drafts live in revisions, and Wagtail writes
    the row only to publish, or with ``update_fields`` for its bookkeeping), so the live and
    the new version are compared field by field, relations included. What differs only in the
    fields the model names in ``page_cache_own_fields`` (its summary and body text, shown on
    its own page and in listings, never on another page) leaves the other pages' links
    alone: an editor's typo fix then empties the page itself and the listings, not all 60 need
    pages (the load test's editor publishes every 3 s).
    """
    if update_fields is not None or not instance.pk or not instance.live:
        return
    own = set(getattr(instance, "page_cache_own_fields", ())) | BOOKKEEPING_FIELDS
    live = type(instance).objects.filter(pk=instance.pk, live=True).first()
    if live is None:
        instance._page_cache_links_changed = True
        return
    before, after = live.serializable_data(), instance.serializable_data()
    instance._page_cache_links_changed = any(
        before.get(name) != after.get(name) for name in (before.keys() | after.keys()) - own
    )


def _page_published(sender, instance, **kwargs) -> None:
    path = _served_path(instance)
    if path is None or getattr(instance, "_page_cache_links_changed", True):
        invalidate_on_commit(PAGES, LINKS, *([page_path(path)] if path else []))
    else:
        invalidate_on_commit(PAGES, page_path(path))


def _page_changed(sender, **kwargs) -> None:
    # Unpublished or moved: every link to it changes.
    invalidate_on_commit(PAGES, LINKS)


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_on_commit(PAGES, LINKS)


def _dialogue_changed(sender, instance, created=False, **kwargs) -> None:
    """A dialogue row changed: the dialogue pages, and the page of the need it belongs to.

    A deletion, or a row that may have moved to another need (a thread or an insats edited),
    empties every content page too: the need it left is not known any more.
    """
    need_ids = _dialogue_need_ids(instance)
    moved = kwargs.get("signal") is post_delete or (
        not created and isinstance(instance, _movable_dialogue_models())
    )
    if need_ids is None or moved:
        invalidate_on_commit(DIALOGUE, PAGES, LINKS)
    else:
        invalidate_on_commit(DIALOGUE, *(need_dialogue(pk) for pk in need_ids))


def _movable_dialogue_models() -> tuple[type, ...]:
    from portal.dialogue.models import Action, Thread

    return (Thread, Action)


def _dialogue_need_ids(instance) -> set[int] | None:
    """The needs whose pages show ``instance``; None when that cannot be told."""
    from portal.dialogue.models import (
        Action,
        ActionProgressNote,
        Contribution,
        Endorsement,
        Thread,
    )

    if isinstance(instance, Thread | Action):
        return {instance.need_id}
    if isinstance(instance, Contribution):
        query = Thread.objects.filter(pk=instance.thread_id)
    elif isinstance(instance, Endorsement):
        query = Thread.objects.filter(contributions__pk=instance.contribution_id)
    elif isinstance(instance, ActionProgressNote):
        return set(Action.objects.filter(pk=instance.action_id).values_list("need_id", flat=True))
    else:
        return None
    return set(query.values_list("need_id", flat=True))


def _user_saved(sender, instance, update_fields=None, **kwargs) -> None:
    # Signing in saves last_login (and may rehash the password): nothing a page shows.
    if update_fields and set(update_fields) <= {"last_login", "password"}:
        return
    invalidate_on_commit()


def _site_models() -> list[type]:
    """Models, other than pages and the dialogue's, whose rows anonymous visitors see.

    Pages are covered by Wagtail's publish, unpublish, move and delete signals instead of
    post_save, which also fires for every draft. What stays out: follows, notifications,
    reports, moderation logs, posting blocks and revisions, which only their owners or the
    moderators see, on pages never cached.
    """
    from accounts.models import Organisation, Profile
    from content.models import EducationField, Municipality, Occupation, Region, Sector, Theme

    return [
        Organisation,
        Profile,
        Region,
        Municipality,
        Sector,
        Occupation,
        EducationField,
        Theme,
        PageViewRestriction,
        Site,
        get_image_model(),
        get_document_model(),
    ]


def _dialogue_models() -> list[type]:
    from portal.dialogue.models import (
        Action,
        ActionProgressNote,
        Contribution,
        Endorsement,
        Thread,
    )

    return [Thread, Contribution, Endorsement, Action, ActionProgressNote]


def connect() -> None:
    """Wire every write an anonymous page shows to :func:`invalidate_on_commit`."""
    page_published.connect(_page_published, dispatch_uid="page_cache.published")
    for model in apps.get_models():
        if issubclass(model, Page):
            pre_save.connect(
                _page_saving, sender=model, dispatch_uid=f"page_cache.{model._meta.label}"
            )
    page_unpublished.connect(_page_changed, dispatch_uid="page_cache.unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="page_cache.moved")
    post_delete.connect(_page_deleted, dispatch_uid="page_cache.page_deleted")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="page_cache.user")
    # A deleted author's posts show "Borttagen användare" (their rows change by SET_NULL,
    # which sends no signal of its own).
    post_delete.connect(_changed, sender=get_user_model(), dispatch_uid="page_cache.user_deleted")
    handlers = [(_changed, model) for model in _site_models()]
    handlers += [(_dialogue_changed, model) for model in _dialogue_models()]
    for handler, model in handlers:
        uid = f"page_cache.{model._meta.label}"
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}.delete")
        # Many-to-many links (a thread's participants, an action's responsible organisations).
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _links_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}.{field.name}",
            )


def _links_changed(sender, instance, action, reverse, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if not reverse and isinstance(instance, tuple(_dialogue_models())):
        # A thread's participants or an insats's organisations: its need stays the same.
        invalidate_on_commit(DIALOGUE, need_dialogue(instance.need_id))
    else:
        invalidate_on_commit(SITE)


# --- Serving ----------------------------------------------------------------------------------


def _request_is_cacheable(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(NEVER_CACHED_PREFIXES)
        and all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)
        and "HTTP_AUTHORIZATION" not in request.META
        # A warm-up render must compile its templates, not read a stored copy.
        and not request.META.get(WARM_UP_ENVIRON_KEY)
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
            # The page's own path scope is read here too, before the view loads the page.
            read = (*FIXED_SCOPES, page_path(request.path))
            found = _cache().get_many([key, *(scope_key(scope) for scope in read)])
            tokens = _tokens(found, read)
            entry = found.get(key)
            if entry is not None and _is_current(entry, tokens):
                return _from_entry(entry)
        except Exception:
            # The cache is an optimisation: without it the page is rendered as usual.
            logger.exception("Page cache unavailable; serving %s uncached", request.path)
            return self.get_response(request)
        request._page_cache = {"tokens": tokens, "scopes": set(FIXED_SCOPES)}
        response = self.get_response(request)
        state = request._page_cache
        if state is not None and _response_is_cacheable(request, response):
            entry = {
                "tokens": {scope: state["tokens"][scope] for scope in state["scopes"]},
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


def _is_current(entry: dict, tokens: dict[str, str]) -> bool:
    """Whether no scope the stored page shows has changed since it was rendered."""
    stored = entry.get("tokens", {})
    dynamic = [scope for scope in stored if scope not in tokens]
    if dynamic:
        found = _cache().get_many([scope_key(scope) for scope in dynamic])
        tokens = tokens | {scope: found.get(scope_key(scope)) for scope in dynamic}
    return bool(stored) and all(tokens[scope] == token for scope, token in stored.items())
