"""``GET /valj/<lista>/?q=…``: what a chooser offers for the typed text, as JSON."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from portal.choosers.sources import QUERY_MAX_LENGTH, RESULT_LIMIT, SOURCES
from portal.forms import single_line
from portal.request_numbers import whole_number

MAX_EXCLUDED = 200


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


@require_GET
def choose(request: HttpRequest, source_name: str) -> JsonResponse:
    """Up to ``RESULT_LIMIT`` matches, the user's own region first.

    ``q`` is the typed text; ``utom`` (repeatable) leaves out ids already chosen.
    """
    source = SOURCES.get(source_name)
    if source is None:
        return JsonResponse({"error": "Listan finns inte."}, status=404)
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Logga in för att söka i listan."}, status=403)
    if not source.may_use(user=request.user):
        return JsonResponse({"error": "Du har inte behörighet till listan."}, status=403)
    text = single_line(request.GET.get("q", ""))
    if len(text) > QUERY_MAX_LENGTH:
        return _bad_request(f"Söktexten får vara högst {QUERY_MAX_LENGTH} tecken.")
    raw_excluded = request.GET.getlist("utom")
    if len(raw_excluded) > MAX_EXCLUDED:
        return _bad_request(f"Högst {MAX_EXCLUDED} värden kan uteslutas.")
    excluded = [whole_number(raw) for raw in raw_excluded]
    if None in excluded:
        return _bad_request("”utom” ska vara id-nummer.")
    rows = list(source.search(user=request.user, text=text, exclude=excluded)[: RESULT_LIMIT + 1])
    return JsonResponse(
        {
            "results": [{"id": row.pk, "label": source.label(row)} for row in rows[:RESULT_LIMIT]],
            "more": len(rows) > RESULT_LIMIT,
        }
    )
