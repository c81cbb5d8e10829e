"""``{% alert_form %}`` on /sok/ and ``{% saved_searches user %}`` on the profile: the search
alerts bring their own markup and queries, so the pages that show them need one line each."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from search import alerts
from search.models import SavedSearch

register = template.Library()


@register.inclusion_tag("search/includes/alert_form.html", takes_context=True)
def alert_form(context) -> dict:
    """The "Bevaka sökningen" form for the search on the page (its ``params``)."""
    request = context["request"]
    params = context["params"]
    signed_in = request.user.is_authenticated
    saved = None
    if signed_in:
        saved = SavedSearch.objects.filter(
            user=request.user, query_string=alerts.normalised_query(params=params)
        ).first()
    return {
        "signed_in": signed_in,
        "saved": saved,
        "params": params,
        "csrf_token": context.get("csrf_token"),
        "frequencies": SavedSearch.Frequency.choices,
        "login_url": reverse("account_login") + "?" + urlencode({"next": request.get_full_path()}),
    }


@register.inclusion_tag("search/includes/saved_searches.html", takes_context=True)
def saved_searches(context) -> dict:
    """The profile's "Mina bevakningar": each alert in words, its frequency, change, delete."""
    items = list(SavedSearch.objects.filter(user=context["request"].user))
    described = alerts.descriptions(alerts=items)
    return {
        "alerts": [{"alert": item, "description": described[item.pk]} for item in items],
        "frequencies": SavedSearch.Frequency.choices,
        "csrf_token": context.get("csrf_token"),
    }
