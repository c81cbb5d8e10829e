"""Slugs made from titles (demo content and the import): whole words, free among siblings."""

import pytest
from django.utils.text import slugify

from content.slugs import MAX_LENGTH, free_slug, short_slug
from tests.factories import CompetenceNeedPageFactory, region_page

LONG_TITLE = (
    "Uppföljning av yrkesutbildningen för undersköterskor och vårdbiträden i Västerbottens län"
)


def test_a_long_title_is_cut_between_words():
    slug = short_slug(LONG_TITLE)
    whole = slugify(LONG_TITLE)
    assert len(whole) > MAX_LENGTH
    assert len(slug) <= MAX_LENGTH
    # A prefix of the whole slug that ends where a word ends, and as long as that allows.
    assert whole.startswith(slug + "-")
    next_word = whole[len(slug) + 1 :].split("-")[0]
    assert len(slug) + 1 + len(next_word) > MAX_LENGTH
    assert slug.endswith("-vardbitraden")


def test_a_short_title_is_kept_whole_and_an_empty_one_gets_a_word():
    assert short_slug("Svetsare i Västernorrland") == "svetsare-i-vasternorrland"
    assert short_slug("!!!") == "publikation"


@pytest.mark.django_db
def test_a_taken_slug_is_numbered(portal_site):
    parent = region_page("22")
    CompetenceNeedPageFactory(region="22", title="Svetsare", slug="svetsare")
    CompetenceNeedPageFactory(region="22", title="Svetsare", slug="svetsare-2")
    assert free_slug(parent=parent, title="Svetsare") == "svetsare-3"
    assert free_slug(parent=parent, title="Plåtslagare") == "platslagare"
