"""Soft hyphens in long Swedish words: break points a browser without a Swedish hyphenation
dictionary can use, while the text reads, copies and searches the same."""

from django.template import Context, Template
from django.utils.safestring import mark_safe

from portal.templatetags.hyphenation import SOFT_HYPHEN, hyphenate


def test_long_compound_gets_soft_hyphens_at_syllable_breaks():
    result = hyphenate("Tillgänglighetsredogörelse")
    assert result.count(SOFT_HYPHEN) >= 4
    assert result.replace(SOFT_HYPHEN, "") == "Tillgänglighetsredogörelse"
    assert result.startswith(f"Till{SOFT_HYPHEN}")


def test_short_words_and_numbers_are_untouched():
    text = "Brist på lärare i Norrbotten 2035 (elvabokstav), kod 222199999999"
    assert hyphenate(text) == text


def test_html_is_escaped_before_hyphenating():
    result = hyphenate('<script>alert("kompetensförsörjning")</script> & vård')
    assert "<script>" not in result
    assert result.startswith("&lt;script&gt;")
    assert "&amp; vård" in result
    assert f"kom{SOFT_HYPHEN}" in result


def test_safe_html_keeps_its_tags_and_entities_intact():
    marked = mark_safe('<mark class="kompetensforsorjning">kompetensförsörjning</mark> &amp;')
    result = hyphenate(marked)
    assert result.startswith('<mark class="kompetensforsorjning">kom')
    assert result.endswith("</mark> &amp;")
    assert SOFT_HYPHEN in result


def test_none_and_empty_render_nothing():
    assert hyphenate(None) == ""
    assert hyphenate("") == ""
    assert Template("{% load hyphenation %}[{{ missing|hyphenate }}]").render(Context()) == "[]"


def test_template_autoescape_does_not_escape_twice():
    rendered = Template("{% load hyphenation %}{{ title|hyphenate }}").render(
        Context({"title": "Vård & omsorg: undersköterskeutbildningar"})
    )
    assert "&amp; omsorg" in rendered
    assert "&amp;amp;" not in rendered
    assert rendered.replace(SOFT_HYPHEN, "") == "Vård &amp; omsorg: undersköterskeutbildningar"
