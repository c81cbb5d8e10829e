"""Every payload of the corpus posted through the form: nothing executable is stored or shown."""

import re
from html.parser import HTMLParser

import pytest

from portal.dialogue.models import Contribution
from portal.dialogue.text import render_markdown
from tests.dialogue.conftest import contribution_data
from tests.dialogue.xss_payloads import PAYLOADS
from tests.factories import ThreadFactory

pytestmark = pytest.mark.django_db

EXECUTABLE_TAGS = {
    "script", "svg", "math", "iframe", "object", "embed", "img", "style", "link", "meta",
    "base", "form", "input", "button", "select", "textarea", "video", "audio", "source",
    "details", "marquee", "template", "noscript", "body",
}  # fmt: skip
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Browsers ignore leading whitespace and control characters before a URL's scheme.
SCHEME = re.compile(r"^[\x00-\x20]*([a-zA-Z][a-zA-Z0-9+.\-]*):")


class ExecutableMarkup(HTMLParser):
    """Collects every tag, attribute and URL in a fragment that could run script."""

    def __init__(self):
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in EXECUTABLE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.problems.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "data"}:
                scheme = SCHEME.match(value or "")
                if scheme and scheme.group(1).lower() not in ALLOWED_SCHEMES:
                    self.problems.append(f"{tag}[{name}={value!r}]")
            if tag == "a" and name == "rel":
                assert value == "nofollow ugc noopener"


def problems_in(html: str) -> list[str]:
    parser = ExecutableMarkup()
    parser.feed(html)
    parser.close()
    return parser.problems


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_checker_finds_executable_markup():
    # The detector must be able to fail: raw payloads are full of problems.
    assert problems_in('<img src=x onerror="alert(1)">') == ["<img>", "img[onerror]"]
    assert problems_in('<a href="javascript:alert(1)">x</a>')


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_renderer_emits_no_executable_markup(payload):
    assert problems_in(render_markdown(payload)) == []


def test_payloads_posted_through_the_form_are_stored_and_shown_harmless(
    client, need, municipality, member, no_rate_limit
):
    thread = ThreadFactory(need=need, participants=[municipality])
    client.force_login(member)
    for payload in PAYLOADS:
        response = client.post(
            thread.get_url(), contribution_data(municipality, body=payload, kind="inspel")
        )
        assert response.status_code == 302, (payload, response.content[:500])
    stored = list(Contribution.objects.filter(thread=thread).order_by("pk"))
    assert [contribution.body for contribution in stored] == [
        payload.strip() for payload in PAYLOADS
    ]
    for contribution in stored:
        assert problems_in(contribution.body_html) == [], contribution.body

    # The thread is shown in pages; every page is checked, and together they show every post.
    pages = []
    number = 1
    while True:
        pages.append(client.get(thread.get_url(), {"page": number}).content.decode())
        if 'rel="next"' not in pages[-1]:
            break
        number += 1
    assert len(pages) > 1
    for page in pages:
        main = page[page.index("<main") : page.index("</main>")]
        # The only scripts on the page are the portal's own static files (the search
        # suggestions); no inline script and no script from anywhere else.
        scripts = re.findall(r"<script\b[^>]*>", page, flags=re.IGNORECASE)
        assert all(
            re.fullmatch(r'<script src="/static/[\w/.-]+\.js" defer>', tag) for tag in scripts
        ), scripts
        assert "<script" not in main.lower()
        # The thread page's own markup has forms and buttons; none of them carries a handler
        # or a script URL, and each stored body appears exactly as sanitised. The pager's
        # links (rel="prev"/"next") are the portal's own, not user links.
        posts = re.sub(r'<nav class="pagination".*?</nav>', "", main, flags=re.DOTALL)
        assert [
            p
            for p in problems_in(posts)
            if not p.startswith(("<form", "<input", "<button", "<select", "<textarea"))
        ] == []
    for contribution in stored:
        assert any(contribution.body_html in page for page in pages), contribution.body
