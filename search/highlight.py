"""Snippets: a window of the best-matching text with matched words in ``<mark>``.

Every engine that cannot highlight itself (the database engine) builds snippets here; all text
is HTML-escaped and the only markup added is ``<mark>``, so document text can never inject
markup into the page or the API.
"""

from collections.abc import Iterable
from html import escape

from search import swedish

WINDOW_WORDS = 30
# Attachments are long; the beginning is scanned for a match, not megabytes of it.
MAX_SCANNED_CHARS = 50_000


def _marked_positions(text: str, stems: frozenset[str], heads: frozenset[str]):
    spans = []
    for match in swedish.WORD.finditer(text[:MAX_SCANNED_CHARS]):
        word = match.group().lower()
        stem = swedish.stem(word)
        hit = stem in stems or any(
            len(head) >= 4 and stem.endswith(head) and not swedish.is_stop_word(word)
            for head in heads
        )
        spans.append((match.start(), match.end(), hit))
    return spans


def snippet(
    *,
    texts: Iterable[str],
    stems: frozenset[str],
    heads: frozenset[str] = frozenset(),
    window: int = WINDOW_WORDS,
) -> str:
    """The best window over ``texts`` (in order of preference) as safe HTML."""
    best: tuple[int, str, list] | None = None
    fallback: tuple[str, list] | None = None
    for text in texts:
        if not text:
            continue
        spans = _marked_positions(text, stems, heads)
        if fallback is None and spans:
            fallback = (text, spans)
        hits = sum(1 for _, _, hit in spans if hit)
        if hits and (best is None or hits > best[0]):
            best = (hits, text, spans)
            if hits >= 3:
                break
    if best is None:
        if fallback is None:
            return ""
        text, spans = fallback
        return _render(text, spans[:window], more=len(spans) > window, start_cut=False)
    _, text, spans = best
    start = _best_window_start(spans, window)
    chosen = spans[start : start + window]
    return _render(text, chosen, more=start + window < len(spans), start_cut=start > 0)


def _best_window_start(spans: list, window: int) -> int:
    flags = [1 if hit else 0 for _, _, hit in spans]
    if len(flags) <= window:
        return 0
    current = sum(flags[:window])
    best_count, best_start = current, 0
    for start in range(1, len(flags) - window + 1):
        current += flags[start + window - 1] - flags[start - 1]
        if current > best_count:
            best_count, best_start = current, start
    # Start a few words before the window's first match, so it reads in context and shows
    # early in the snippet.
    first = next(index for index in range(best_start, best_start + window) if flags[index])
    return max(0, min(first - 5, len(flags) - window))


def _render(text: str, spans: list, *, more: bool, start_cut: bool) -> str:
    if not spans:
        return ""
    parts = ["… " if start_cut else ""]
    cursor = spans[0][0]
    for start, end, hit in spans:
        parts.append(escape(text[cursor:start]))
        word = escape(text[start:end])
        parts.append(f"<mark>{word}</mark>" if hit else word)
        cursor = end
    if more:
        parts.append(" …")
    return " ".join("".join(parts).split())
