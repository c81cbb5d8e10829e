"""Dialogue threads in public search (type ``thread``), found by the search app's registry.

Only threads an anonymous visitor may read are indexed: the dialogue's one visibility rule
(``selectors.visible_threads``) decides, so a restricted thread, or one on an unpublished
need, never reaches search. Deleted and hidden contributions are left out of the text, and
changing one re-indexes its thread.
"""

from dataclasses import dataclass, field
from html import unescape

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.utils.html import strip_tags

from content.classification_filters import sector_values
from content.models import CompetenceNeedPage
from portal.dialogue.models import Contribution, Thread
from portal.dialogue.selectors import visible_threads
from portal.dialogue.text import render_markdown


def _threads_of_need(need: CompetenceNeedPage) -> QuerySet:
    return Thread.objects.filter(need_id=need.pk)


@dataclass
class ThreadSource:
    type_key: str = "thread"
    label: str = "Dialoger"
    model: type = Thread
    dependencies: dict = field(
        default_factory=lambda: {
            Contribution: lambda contribution: [contribution.thread],
            CompetenceNeedPage: _threads_of_need,
        }
    )

    def indexable(self) -> QuerySet:
        shown = Contribution.objects.filter(deleted_at=None, hidden_at=None).order_by("created_at")
        return (
            visible_threads(user=AnonymousUser())
            .select_related("need__region")
            .prefetch_related(
                Prefetch("contributions", queryset=shown, to_attr="shown_contributions"),
                "need__sectors__parent",
                "need__occupations",
            )
        )

    def fields(self, thread: Thread) -> dict:
        need = thread.need
        return {
            "title": thread.title,
            "url": thread.get_url(),
            "published": thread.created_at.date(),
            # The rendered, sanitised text, not the Markdown source: no ** or [](…) in snippets.
            "summary": _plain(render_markdown(thread.purpose)),
            "body": "\n\n".join(_plain(item.body_html) for item in thread.shown_contributions),
            "region": need.region.code if need.region else "",
            "sectors": tuple(sector_values(need.sectors.all())),
            "occupations": tuple(item.code for item in need.occupations.all()),
        }


def _plain(html: str) -> str:
    return unescape(strip_tags(html))


SEARCH_SOURCES = [ThreadSource()]
