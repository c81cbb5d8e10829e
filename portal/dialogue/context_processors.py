"""The unread count in the site header."""

from django.http import HttpRequest

from portal.dialogue import selectors


def notifications(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"dialogue_unread_count": selectors.unread_count(user=user)}
