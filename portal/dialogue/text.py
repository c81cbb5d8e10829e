"""User-written Markdown to safe HTML: the one function every dialogue text goes through.

markdown-it-py renders CommonMark with raw HTML switched off (typed tags come out as text),
images switched off and bare URLs linkified; nh3 (Ammonia) then keeps only the tags and
attributes below, only http, https and mailto links, and gives every link
``rel="nofollow ugc noopener"``. The sanitiser runs on the renderer's output, so a bug or a
future option in the renderer still cannot let executable markup through.
"""

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "em",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    .enable("linkify")
    .disable("image")
)


def _validate_link(url: str) -> bool:
    # markdown-it's own check already refuses javascript:, vbscript:, file: and data: links;
    # nh3's scheme list below is the second, independent line.
    return url.strip().lower().split(":", 1)[0] in URL_SCHEMES or ":" not in url.split("/")[0]


_markdown.validateLink = _validate_link


def render_markdown(text: str) -> str:
    """Markdown written by a user, as HTML that is safe to insert into a page."""
    html = _markdown.render(text)
    # Headings in a post sit under the thread's h2 and the post's own heading level.
    html = html.replace("<h1>", "<h3>").replace("</h1>", "</h3>")
    html = html.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    for level in (5, 6):
        html = html.replace(f"<h{level}>", "<h4>").replace(f"</h{level}>", "</h4>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
