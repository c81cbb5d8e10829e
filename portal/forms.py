"""Form behaviour every app's public forms share.

A single-line field (a name, a title, a link) reaches places where a line break does harm: an
e-mail subject (Django refuses a header with CR or LF), an Atom feed (XML 1.0 refuses most
control characters), a page ``<title>``. A browser's text input cannot type one, but a crafted
POST can, so line breaks and other control characters in single-line fields become one space
before anything else sees the value. Multi-line fields (textareas) keep their line breaks.
"""

import re

from django import forms
from django.forms.renderers import DjangoTemplates

# Control characters (C0, DEL, C1) and the Unicode line and paragraph separators, with the
# spaces around them: all that ``str.splitlines()`` splits on, and more.
_BREAKS = re.compile(r"\s*[\x00-\x1f\x7f-\x9f\u2028\u2029]+\s*")


def single_line(value: str) -> str:
    """``value`` with every line break or control character (and spaces around) as one space."""
    return _BREAKS.sub(" ", value).strip()


def is_single_line(field: forms.Field) -> bool:
    """A field typed into a one-line text box (``<input type="text">``), not a textarea."""
    return isinstance(field.widget, forms.TextInput)


class SingleLineFieldsMixin:
    """Normalises every single-line text field of the form with :func:`single_line`.

    It runs at the start of ``clean()``, so the form's own checks, a ModelForm's instance and
    whoever reads ``cleaned_data`` see the normalised value. Put it first among the bases.
    """

    def clean(self):
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if isinstance(value, str) and is_single_line(field):
                self.cleaned_data[name] = single_line(value)
                if field.required and not self.cleaned_data[name]:
                    self.add_error(name, field.error_messages["required"])
        return super().clean()


class LabelWithoutColon(forms.BoundField):
    """A label without Django's trailing colon: Swedish forms (and the portal's style) write
    "E-postadress", not "E-postadress:". An explicit ``label_suffix`` still applies."""

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        return super().label_tag(contents, attrs, "" if label_suffix is None else label_suffix, tag)


class PortalFormRenderer(DjangoTemplates):
    """Every form of the portal (its own, allauth's, Wagtail's) renders labels without colons."""

    bound_field_class = LabelWithoutColon
