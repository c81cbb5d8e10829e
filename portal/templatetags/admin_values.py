"""Values in the Swedish admin: Python's True, False and None are not words an editor reads."""

from django import template

register = template.Library()


@register.filter
def admin_value(value):
    """``{{ field.value|admin_value }}``: "Ja", "Nej" or "–" for booleans and nothing."""
    if value is True:
        return "Ja"
    if value is False:
        return "Nej"
    if value is None:
        return "–"
    return value
