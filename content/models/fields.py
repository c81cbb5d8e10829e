from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class MultipleChoiceField(models.JSONField):
    """A list of values from fixed choices, stored as JSON (works on SQLite and PostgreSQL).

    The admin shows it as a group of checkboxes.
    """

    def __init__(self, *args, choices_class=None, **kwargs):
        self.choices_class = choices_class
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices_class"] = self.choices_class
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices_class.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = set(self.choices_class.values)
        unknown = [item for item in value or [] if item not in allowed]
        if unknown:
            raise ValidationError(f"Okända värden: {', '.join(map(str, unknown))}")
