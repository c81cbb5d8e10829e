"""The Atom feed of public threads carries sanitised HTML, never a stored payload (issue 11)."""

import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
PAYLOAD = (
    '<script>alert(1)</script><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">klicka</a> **Viktigt**: se https://scb.se'
)


class Elements(HTMLParser):
    """The elements and attributes a browser would build from a piece of HTML."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def summaries(client) -> list[str]:
    response = client.get(reverse("dialogue:feed"))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [entry.find(f"{ATOM}summary").text or "" for entry in root.iter(f"{ATOM}entry")]


def test_the_summary_is_the_purpose_as_sanitised_html(client, need):
    ThreadFactory(need=need, purpose=PAYLOAD)
    [summary] = summaries(client)
    # What a feed reader renders: the summary's text, unescaped once by the XML parser.
    elements = Elements()
    elements.feed(summary)
    assert {tag for tag, _ in elements.found} <= {"p", "strong", "a"}
    attributes = {name: value for _, attrs in elements.found for name, value in attrs}
    assert set(attributes) <= {"href", "rel"}
    assert attributes["href"] == "https://scb.se"
    assert "<strong>Viktigt</strong>" in summary
    assert '<a href="https://scb.se" rel="nofollow ugc noopener">' in summary


def test_the_need_title_is_escaped_text(client):
    need = ThreadFactory(need__title='Behov <b onmouseover="x()">fet</b>').need
    [summary] = summaries(client)
    assert "<b " not in summary
    assert "&lt;b" in summary
    assert need.title.startswith("Behov")


def test_control_characters_in_a_stored_thread_do_not_break_the_feed(client, need):
    ThreadFactory(need=need, title="Rubrik\x0bmed\x01styrtecken", purpose="Syfte\x1b[31m\x0c")
    [summary] = summaries(client)
    assert "Syfte" in summary
