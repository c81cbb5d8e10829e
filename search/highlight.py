"""Snippets: a window of the best-matching text with matched words in ``<mark>``.

Every engine that cannot highlight itself (the database engine) builds snippets here; all text
is HTML-escaped and the only markup added is ``<mark>``, so document text can never inject
markup into the page or the API.

Finding matches stems only candidate words: Swedish Snowball stemming only removes endings,
so a word can stem to a query stem only if it starts with it, and a compound can only end in a
query word if it contains it. One regular expression finds those candidates; everything else
is never stemmed, which keeps 20 snippets over long bodies within a millisecond or two.
"""

import re
from collections.abc import Iterable
from functools import lru_cache
from html import escape

from search import swedish

WINDOW_CHARS = 220
LEAD_CHARS = 50
# Attachments are long; the beginning is scanned for a match, not megabytes of it.
MAX_SCANNED_CHARS = 50_000
MIN_COMPOUND_HEAD = 4
MAX_SPANS = 200


@lru_cache(maxsize=64)
def _pattern(stems: frozenset[str], heads: frozenset[str]) -> re.Pattern | None:
    parts = [re.escape(stem) for stem in sorted(stems, key=len, reverse=True) if stem]
    inner = [re.escape(head) for head in sorted(heads) if len(head) >= MIN_COMPOUND_HEAD]
    alternatives = []
    if parts:
        alternatives.append(r"(?<![^\W_])(?:" + "|".join(parts) + r")[^\W_]*")
    if inner:
        # Anchored at word starts: unanchored, the engine retries from every letter of every
        # word, quadratic in word length (20 ms for a page of snippets at 100,000 documents).
        alternatives.append(r"(?<![^\W_])[^\W_]*(?:" + "|".join(inner) + r")[^\W_]*")
    if not alternatives:
        return None
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _matches(text: str, pattern: re.Pattern, stems, heads) -> list[tuple[int, int]]:
    found = []
    for match in pattern.finditer(text[:MAX_SCANNED_CHARS]):
        word = match.group().lower()
        stem = swedish.stem(word)
        if (
            stem in stems
            or word in stems
            or any(len(head) >= MIN_COMPOUND_HEAD and stem.endswith(head) for head in heads)
        ):
            found.append(match.span())
            if len(found) == MAX_SPANS:
                break
    return found


def snippet(
    *, texts: Iterable[str], stems: frozenset[str], heads: frozenset[str] = frozenset()
) -> str:
    """The best window over ``texts`` (in order of preference) as safe HTML."""
    texts = [text for text in texts if text]
    pattern = _pattern(stems, heads)  # cached: a page's snippets share it
    if pattern is not None:
        for text in texts:
            spans = _matches(text, pattern, stems, heads)
            if spans:
                return _render(text, spans)
    return _render(texts[0], []) if texts else ""


def _render(text: str, spans: list[tuple[int, int]]) -> str:
    start = _window_start(text, spans)
    end = min(len(text), start + WINDOW_CHARS)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    parts = ["… " if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    # Whitespace collapses to single spaces; other control characters (PDF text has them) go.
    rendered = " ".join("".join(parts).split())
    if rendered.isprintable():
        return rendered
    return "".join(char for char in rendered if char.isprintable())


def _window_start(text: str, spans: list[tuple[int, int]]) -> int:
    """Start of the window holding the most matches, a little before its first match."""
    if not spans:
        return 0
    best_index, best_count = 0, 0
    for index, (span_start, _) in enumerate(spans):
        count = sum(
            1 for other, _ in spans[index:] if other - span_start < WINDOW_CHARS - LEAD_CHARS
        )
        if count > best_count:
            best_index, best_count = index, count
    start = max(0, spans[best_index][0] - LEAD_CHARS)
    if start:
        space = text.find(" ", start, spans[best_index][0])
        start = space + 1 if space != -1 else spans[best_index][0]
    return start
