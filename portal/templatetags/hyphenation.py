"""Soft hyphens (U+00AD) in long Swedish words, for headings and titles.

CSS ``hyphens: auto`` needs a hyphenation dictionary in the browser; Chromium on Linux has no
Swedish one and breaks a long compound on a phone anywhere, without a hyphen
("Tillgänglighetsredogö/relse"). A soft hyphen is invisible unless the line breaks there, so
marking the break points on the server works in every browser and changes no text that is
read, copied or searched.
"""

import re
from functools import cache

import pyphen
from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Shorter words fit a 320 px line even in a large heading; hyphenating them only adds noise.
MIN_WORD_LENGTH = 12

# Markup that must pass through untouched: tags and character references.
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
_LONG_WORD = re.compile(rf"[^\W\d_]{{{MIN_WORD_LENGTH},}}")


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="sv")


@cache
def _hyphenated_word(word: str) -> str:
    return _dictionary().inserted(word, hyphen=SOFT_HYPHEN)


def soft_hyphenate(*, html: SafeString) -> SafeString:
    """The HTML with soft hyphens in the long words of its text, never inside tags or entities."""
    parts = _MARKUP.split(html)
    # split() with one capturing group puts the text at even and the markup at odd indices.
    for index in range(0, len(parts), 2):
        parts[index] = _LONG_WORD.sub(lambda match: _hyphenated_word(match.group()), parts[index])
    # Safe: the text parts were escaped by the caller and the markup parts are passed through.
    return mark_safe("".join(parts))


@register.filter(is_safe=True)
def hyphenate(value) -> SafeString:
    """``{{ page.title|hyphenate }}``: escaped text (or already safe HTML) with soft hyphens."""
    if value is None:
        return mark_safe("")
    return soft_hyphenate(html=conditional_escape(value))
