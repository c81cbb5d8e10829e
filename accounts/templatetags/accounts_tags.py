from django import template

from accounts import selectors

register = template.Library()


@register.filter
def public_name(user) -> str:
    """``{{ contribution.author|public_name }}``: a name, or "Borttagen användare"."""
    return selectors.public_name(user=user)
