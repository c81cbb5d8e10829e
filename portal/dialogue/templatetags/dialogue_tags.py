"""Dialogue on content pages: the need page and the result page load this library.

Content's templates ask for the dialogue here instead of content's Python importing dialogue,
which keeps the dependency pointing one way (dialogue -> content).
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from portal.dialogue import selectors
from portal.dialogue.text import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """``{{ text|markdown }}``: user Markdown through the one sanitising renderer."""
    # render_markdown has sanitised the HTML with nh3.
    return mark_safe(render_markdown(text or ""))


@register.simple_tag(takes_context=True)
def need_dialogue(context, need) -> str:
    """The need's threads and actions that the visitor may see, and the ways to join in."""
    request = context["request"]
    user = request.user
    threads = list(selectors.threads_of_need(user=user, need=need))
    return render_to_string(
        "dialogue/includes/need_dialogue.html",
        {
            "need": need,
            "threads": threads,
            "actions": selectors.actions_of_threads(threads=threads) if threads else [],
            "can_start": selectors.can_start_thread(user=user, need=need),
            "obstacle": selectors.write_obstacle(user=user),
            "following": selectors.follow_of(user=user, need=need) is not None,
            "show_thread_link": True,
        },
        request=request,
    )


@register.simple_tag(takes_context=True)
def result_actions(context, result_page) -> str:
    """The dialogue actions a result page followed up (the link is set on the action)."""
    request = context["request"]
    return render_to_string(
        "dialogue/includes/result_actions.html",
        {"actions": selectors.actions_of_result(user=request.user, result_page=result_page)},
        request=request,
    )
