"""Page slugs made from titles: short, cut between words, free among the page's siblings."""

from django.utils.text import slugify
from wagtail.models import Page

MAX_LENGTH = 70


def short_slug(title: str) -> str:
    """The title's slug, cut at the last whole word within ``MAX_LENGTH`` characters."""
    slug = slugify(title)
    if len(slug) > MAX_LENGTH:
        # A word cut in the middle ("…i-vasterbottens-l") reads as a typo in the address bar.
        slug = slug[: MAX_LENGTH + 1].rsplit("-", 1)[0]
    return slug or "publikation"


def free_slug(*, parent: Page, title: str) -> str:
    """``short_slug(title)``, numbered (``-2``, ``-3``…) when a sibling already has it."""
    base = short_slug(title)
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
