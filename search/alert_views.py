"""Search alerts ("Bevaka sökningen"): save from /sok/, change and delete from the profile,
and end one from the signed link in its mail without logging in."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from search import alerts
from search.models import SavedSearch

SAVED = {
    SavedSearch.Frequency.DAILY: "Sökningen bevakas. Du får ett mejl högst en gång om dagen när "
    "det finns nya träffar.",
    SavedSearch.Frequency.WEEKLY: "Sökningen bevakas. Du får ett mejl högst en gång i veckan när "
    "det finns nya träffar.",
}


def _search_url(data: QueryDict) -> str:
    query = data.copy()
    for name in ("csrfmiddlewaretoken", "frequency"):
        query.pop(name, None)
    return "/sok/?" + query.urlencode()


@require_POST
def save_alert(request: HttpRequest) -> HttpResponse:
    back = _search_url(request.POST)
    if not request.user.is_authenticated:
        return HttpResponseRedirect(reverse("account_login") + "?" + urlencode({"next": back}))
    frequency = request.POST.get("frequency", "")
    try:
        alerts.save_search(user=request.user, data=request.POST, frequency=frequency)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, SAVED[frequency])
    return HttpResponseRedirect(back)


@login_required
@require_POST
def change_alert(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    try:
        alerts.change_frequency(alert=alert, frequency=request.POST.get("frequency", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Bevakningen är ändrad.")
    return redirect("accounts:profile")


@login_required
@require_POST
def delete_alert(request: HttpRequest, pk: int) -> HttpResponse:
    get_object_or_404(SavedSearch, pk=pk, user=request.user).delete()
    messages.success(request, "Bevakningen är borttagen. Du får inga fler mejl om den.")
    return redirect("accounts:profile")


# The signed token is the credential, not a session: a mail client's one-click unsubscribe
# (RFC 8058) posts without a CSRF token, and a forged POST would need the token anyway.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_alert(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks, POST ends the alert: mail scanners follow links, and must not end it."""
    try:
        alert = alerts.alert_for_token(token=token)
    except signing.BadSignature:
        return render(request, "search/alert_unsubscribe.html", {"invalid": True}, status=400)
    if alert is None:
        return render(request, "search/alert_unsubscribe.html", {"gone": True})
    description = alerts.descriptions(alerts=[alert])[alert.pk]
    if request.method == "POST":
        alert.delete()
        return render(
            request, "search/alert_unsubscribe.html", {"done": True, "description": description}
        )
    return render(request, "search/alert_unsubscribe.html", {"description": description})
