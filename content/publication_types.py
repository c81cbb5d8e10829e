"""The registry of publication page types, keyed by ``PublicationType``.

Listings, the import command and search look models up here instead of naming them, so a new
publication type is added in one place: its model.
"""

from functools import cache

from wagtail.models import get_page_models

from content.models import PublicationPage, PublicationType


@cache
def publication_models() -> dict[str, type[PublicationPage]]:
    return {
        model.publication_type: model
        for model in get_page_models()
        if issubclass(model, PublicationPage) and not model._meta.abstract
    }


def publication_model(publication_type: str) -> type[PublicationPage]:
    try:
        return publication_models()[publication_type]
    except KeyError:
        known = ", ".join(publication_models())
        raise LookupError(f"okänd typ {publication_type!r} (giltiga: {known})") from None


def has_field(model: type, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


__all__ = ["PublicationType", "has_field", "publication_model", "publication_models"]
