"""A form field that picks several rows of a long list without rendering the list.

Without JavaScript the widget is a checkbox per chosen value (untick to remove) and a text box
where codes or names are typed, comma-separated; the field resolves them against the same list
the endpoint searches and says which text matched nothing or too much. ``js/chooser.js`` turns
this into the WAI-ARIA combobox: search as you type, chosen values as chips with "Ta bort".
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from portal.forms import single_line
from portal.request_numbers import whole_number

ADD_SUFFIX = "-lagg-till"
_TERM_SEPARATORS = re.compile(r"[,;\n]")
SUGGESTIONS_SHOWN = 5


def _source(name: str):
    # Imported when used: content's models build their admin forms from this module.
    from portal.choosers.sources import SOURCES

    return SOURCES[name]


def _ids(values) -> list:
    """Primary keys from the field's initial value (rows or keys) or posted strings."""
    ids = []
    for value in values or ():
        key = getattr(value, "pk", value)
        ids.append(key if isinstance(key, int) else whole_number(str(key)))
    return ids


class ChooserWidget(forms.Widget):
    template_name = "choosers/widget.html"

    class Media:
        css = {"all": ["css/chooser.css"]}
        js = ["js/chooser.js"]

    def __init__(self, source: str, attrs=None):
        super().__init__(attrs)
        self.source = source

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        chosen = getlist(name) if getlist else data.get(name, [])
        return {"chosen": list(chosen), "text": data.get(name + ADD_SUFFIX, "")}

    def value_omitted_from_data(self, data, files, name):
        # Unticking every checkbox posts nothing, which means "none", as for checkboxes.
        return False

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, dict):
            ids, text = _ids(value["chosen"]), value["text"]
        else:
            ids, text = _ids(value), ""
        source = _source(self.source)
        rows = source.model.objects.filter(pk__in=[pk for pk in ids if pk])
        if source.region_field:
            rows = rows.select_related(source.region_field)
        rows = {row.pk: row for row in rows}
        attrs = context["widget"]["attrs"]
        widget_id = attrs.get("id") or f"id_{name}"
        context["widget"].update(
            {
                "describedby": attrs.get("aria-describedby", ""),
                "invalid": attrs.get("aria-invalid") in (True, "true"),
                "data_attrs": [(k, v) for k, v in attrs.items() if k.startswith("data-")],
                "id": widget_id,
                "add_name": name + ADD_SUFFIX,
                "text": text,
                "searched_by": source.searched_by,
                "url": reverse("choosers:choose", args=[self.source]),
                "chosen": [
                    {"id": pk, "label": source.label(rows[pk]), "input_id": f"{widget_id}_{index}"}
                    for index, pk in enumerate(pk for pk in dict.fromkeys(ids) if pk in rows)
                ],
            }
        )
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's templates/ folder, which the form renderer's engine does not search.
        return render_to_string(template_name, context)


class ChooserField(forms.Field):
    """Several rows of one chooser list; cleans to a list of model instances.

    ``prepare_choosers`` gives it the user (whose list it is) and the values already chosen
    (``kept``), which stay valid even when the user could not choose them now (a curator's
    pick, an analysis since unpublished).
    """

    default_error_messages = {
        "required": "Välj minst ett värde.",
        "unknown": "Några valda värden finns inte i listan. Välj dem igen.",
        "no_match": "Inget i listan passar ”%(term)s”.",
        "ambiguous": "”%(term)s” passar flera: %(suggestions)s. Skriv %(exact)s.",
    }

    def __init__(self, source: str, **kwargs):
        super().__init__(widget=ChooserWidget(source), **kwargs)
        self.source = source
        self.user = None
        self.kept: set[int] = set()

    def clean(self, value):
        value = value if isinstance(value, dict) else {"chosen": _ids(value), "text": ""}
        source = _source(self.source)
        allowed = source.choices(user=self.user)
        ids = _ids(value["chosen"])
        if None in ids:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        found = {row.pk: row for row in allowed.filter(pk__in=ids)}
        still_chosen = [pk for pk in ids if pk not in found and pk in self.kept]
        if still_chosen:
            found.update((row.pk, row) for row in source.model.objects.filter(pk__in=still_chosen))
        if set(ids) - set(found):
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        chosen = [found[pk] for pk in dict.fromkeys(ids)]
        errors = []
        for term in filter(None, (single_line(t) for t in _TERM_SEPARATORS.split(value["text"]))):
            row, error = self._resolve(source, allowed, term)
            if error:
                errors.append(error)
            elif row.pk not in {c.pk for c in chosen}:
                chosen.append(row)
        if errors:
            raise ValidationError(errors)
        if self.required and not chosen:
            raise ValidationError(self.error_messages["required"], code="required")
        return chosen

    def _resolve(self, source, allowed, term: str):
        exact = list(source.exact(allowed, term)[:2])
        if len(exact) == 1:
            return exact[0], None
        matches = list(source.search(user=self.user, text=term)[: SUGGESTIONS_SHOWN + 1])
        if len(matches) == 1:
            return matches[0], None
        if not matches:
            return None, ValidationError(
                self.error_messages["no_match"], code="no_match", params={"term": term}
            )
        suggestions = ", ".join(source.label(row) for row in matches[:SUGGESTIONS_SHOWN])
        if len(matches) > SUGGESTIONS_SHOWN:
            suggestions += " med flera"
        return None, ValidationError(
            self.error_messages["ambiguous"],
            code="ambiguous",
            params={
                "term": term,
                "suggestions": suggestions,
                "exact": "koden eller hela namnet" if source.code_field else "hela namnet",
            },
        )

    def has_changed(self, initial, data):
        if not isinstance(data, dict):
            return set(_ids(initial)) != set(_ids(data))
        return bool(data["text"].strip()) or set(_ids(initial)) != set(_ids(data["chosen"]))


def prepare_choosers(form: forms.BaseForm, *, user) -> None:
    """Tell every chooser field of ``form`` whose lists it searches and what is chosen now."""
    for name, field in form.fields.items():
        if isinstance(field, ChooserField):
            field.user = user
            field.kept = {pk for pk in _ids(form.get_initial_for_field(field, name)) if pk}
