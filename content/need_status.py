"""What justifies a need's status: the chain need → dialogue → proposal → insats → result.

A status claims that something happened. "Insats föreslagen", "insats pågår" and "uppföljt"
each need the proposal, the action or the result that shows it. The content app knows result
pages; the dialogue app knows threads, proposals and actions, and content must not import it,
so each app registers an evidence source here (in its ``AppConfig.ready``). A source maps need
ids to the furthest status its records justify. The admin form, ``advance_need_status`` and
``manage.py check_needs`` all ask :func:`justified_statuses`.
"""

from collections.abc import Callable, Iterable

from content.models.choices import NeedStatus

STATUS_ORDER = list(NeedStatus.values)
LABELS = dict(NeedStatus.choices)
# Statuses an editor may only set when the chain shows it, and what shows it.
REQUIRES = {
    NeedStatus.ACTION_PROPOSED: "ett förslag på insats i en publik dialog om behovet",
    NeedStatus.ACTION_ONGOING: "en antagen insats (som inte är avbruten) i en publik dialog "
    "om behovet",
    NeedStatus.FOLLOWED_UP: "en publicerad resultatsida som följer upp behovet, eller en "
    "insats som har en resultatsida",
}

EvidenceSource = Callable[[list[int]], dict[int, str]]
_sources: list[EvidenceSource] = []


def register_evidence(source: EvidenceSource) -> None:
    if source not in _sources:
        _sources.append(source)


def further(first: str, second: str) -> str:
    return max(first, second, key=STATUS_ORDER.index)


def justified_statuses(*, need_ids: Iterable[int]) -> dict[int, str]:
    """The furthest status each need's threads, actions and results justify."""
    ids = [pk for pk in need_ids if pk is not None]
    justified = dict.fromkeys(ids, NeedStatus.IDENTIFIED.value)
    for source in _sources:
        for pk, status in source(ids).items():
            justified[pk] = further(justified[pk], status)
    return justified


def unjustified(*, status: str, justified: str) -> str | None:
    """Why ``status`` claims more than the chain shows, or None when it does not."""
    if status not in REQUIRES or STATUS_ORDER.index(status) <= STATUS_ORDER.index(justified):
        return None
    return (
        f"Statusen ”{LABELS[status]}” kräver {REQUIRES[status]}. Det som finns i dag räcker "
        f"till ”{LABELS[justified]}”."
    )


def lagging(*, status: str, justified: str) -> str | None:
    """Why ``status`` says less than the chain shows, or None when it does not."""
    if STATUS_ORDER.index(status) >= STATUS_ORDER.index(justified):
        return None
    return (
        f"Statusen är ”{LABELS[status]}”, men dialogen, insatserna eller resultaten visar "
        f"”{LABELS[justified]}”."
    )
