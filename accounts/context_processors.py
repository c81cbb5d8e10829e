"""Links for the account area of the site header."""

from django.http import HttpRequest

from accounts import selectors


def account_links(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "account_can_use_admin": user is not None and selectors.can_edit_or_moderate(user=user),
    }
