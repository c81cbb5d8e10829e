"""Forms of the dialogue: they validate input and give Swedish messages tied to each field."""

import uuid
from functools import cached_property
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from wagtail.documents.models import Document
from wagtail.models import Page, Site

from accounts.models import Organisation
from content.models import ResultPage
from portal.choosers.forms import ChooserField, prepare_choosers
from portal.dialogue.models import (
    BODY_MAX_LENGTH,
    PURPOSE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Action,
    ContributionKind,
    EmailFrequency,
    Report,
    Thread,
)
from portal.forms import SingleLineFieldsMixin
from portal.request_numbers import MAX_ID, whole_number


def _length_messages(limit: int) -> dict:
    return {
        "max_length": f"Texten får vara högst {limit} tecken lång (den är nu "
        "%(show_value)d tecken). Korta den och försök igen.",
        "required": "Skriv en text.",
    }


class _ChoicesReadOnce(forms.models.ModelChoiceIterator):
    """The field's choices, queried once per form with a plain SELECT.

    ModelChoiceIterator queries again each time the widget iterates (twice per rendering), and
    through ``QuerySet.iterator()``, which on PostgreSQL is a server-side cursor: DECLARE,
    FETCH and CLOSE, three round trips for a handful of organisations.
    """

    @cached_property
    def _choices(self) -> list:
        empty = [("", self.field.empty_label)] if self.field.empty_label is not None else []
        return empty + [self.choice(obj) for obj in self.queryset]

    def __iter__(self):
        return iter(self._choices)

    def __len__(self) -> int:
        return len(self._choices)

    def __bool__(self) -> bool:
        return bool(self._choices)


class OrganisationChoiceField(forms.ModelChoiceField):
    iterator = _ChoicesReadOnce

    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class ThreadForm(SingleLineFieldsMixin, forms.Form):
    title = forms.CharField(
        label="Rubrik",
        max_length=TITLE_MAX_LENGTH,
        error_messages={**_length_messages(TITLE_MAX_LENGTH), "required": "Skriv en rubrik."},
    )
    purpose = forms.CharField(
        label="Fråga eller syfte",
        help_text="Vad vill ni åstadkomma med dialogen? Markdown går att använda.",
        max_length=PURPOSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            **_length_messages(PURPOSE_MAX_LENGTH),
            "required": "Beskriv frågan eller syftet.",
        },
    )
    organisation = OrganisationChoiceField(
        label="Skriv för organisationen",
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Välj en organisation som du är medlem i."},
    )
    visibility = forms.ChoiceField(
        label="Vem kan läsa dialogen?",
        choices=Thread.Visibility.choices,
        initial=Thread.Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    invited = ChooserField(
        "organisationer",
        label="Inbjudna organisationer",
        help_text="Bara för en dialog som är endast för inbjudna: de här organisationerna (och "
        "er egen) kan läsa och skriva i den.",
        required=False,
    )
    # chooser.js's companion shows the field only while "Endast inbjudna" is chosen.
    invited.widget.attrs["data-shown-when"] = f"visibility={Thread.Visibility.INVITED}"

    def __init__(self, *args, organisations, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        prepare_choosers(self, user=user)

    def clean(self):
        data = super().clean()
        if data.get("invited") and data.get("visibility") == Thread.Visibility.PUBLIC:
            self.add_error(
                "invited",
                "En publik dialog kan alla läsa, så den har inga inbjudna organisationer. "
                "Ta bort dem eller välj ”Endast inbjudna organisationer”.",
            )
        return data


def resolve_portal_link(value: str) -> Page | Document | None:
    """A portal address (full URL or path) to the live page or the document it names."""
    path = urlsplit(value.strip()).path
    if not path:
        return None
    parts = [part for part in path.split("/") if part]
    if len(parts) >= 2 and parts[0] == "dokument":
        pk = whole_number(parts[1])
        return Document.objects.filter(pk=pk).first() if pk else None
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    url_path = site.root_page.url_path + "".join(f"{part}/" for part in parts)
    return Page.objects.live().public().filter(url_path=url_path).first()


class ContributionForm(SingleLineFieldsMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Typ av inlägg",
        choices=ContributionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj vilken typ av inlägg det är."},
    )
    organisation = OrganisationChoiceField(
        label="Skriv för organisationen",
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Välj en organisation som deltar i dialogen."},
    )
    body = forms.CharField(
        label="Text",
        help_text=f"Högst {BODY_MAX_LENGTH} tecken. Markdown går att använda: **fetstil**, "
        "*kursiv*, listor och länkar. Bilder visas inte.",
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=_length_messages(BODY_MAX_LENGTH),
    )
    link = forms.CharField(
        label="Länk till en sida eller ett dokument i portalen (valfritt)",
        help_text="Klistra in adressen, till exempel till en analys. Gäller inspel.",
        required=False,
        max_length=500,
    )
    commitment_what = forms.CharField(
        label="Vad åtar ni er?", required=False, max_length=TITLE_MAX_LENGTH
    )
    commitment_who = forms.CharField(
        label="Vem gör det?", required=False, max_length=TITLE_MAX_LENGTH
    )
    commitment_due = forms.DateField(
        label="Senast när?",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Ange ett datum som ÅÅÅÅ-MM-DD."},
    )
    parent = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"), "Inlägget du svarar på finns inte."
        ),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_link(self):
        value = self.cleaned_data["link"]
        if not value.strip():
            return None
        target = resolve_portal_link(value)
        if target is None:
            raise ValidationError(
                "Adressen leder inte till någon publicerad sida eller något dokument i portalen."
            )
        return target

    def clean(self):
        data = super().clean()
        if data.get("kind") == ContributionKind.COMMITMENT:
            for name, message in (
                ("commitment_what", "Skriv vad ni åtar er."),
                ("commitment_who", "Skriv vem som gör det."),
                ("commitment_due", "Ange senast när det ska vara gjort."),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        link = data.get("link")
        is_commitment = data["kind"] == ContributionKind.COMMITMENT
        return {
            "organisation": data["organisation"],
            "kind": data["kind"],
            "body": data["body"],
            "submission_key": data["submission_key"],
            "linked_page": link if isinstance(link, Page) else None,
            "linked_document": link if isinstance(link, Document) else None,
            "commitment_what": data["commitment_what"] if is_commitment else "",
            "commitment_who": data["commitment_who"] if is_commitment else "",
            "commitment_due": data["commitment_due"] if is_commitment else None,
        }


class EditContributionForm(SingleLineFieldsMixin, forms.Form):
    body = forms.CharField(
        label="Text",
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=_length_messages(BODY_MAX_LENGTH),
    )


class EndorseForm(SingleLineFieldsMixin, forms.Form):
    organisation = OrganisationChoiceField(
        label="Stöd för organisationen",
        queryset=Organisation.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": "Välj en organisation som kan stödja förslaget."},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ReportForm(SingleLineFieldsMixin, forms.Form):
    reason = forms.ChoiceField(
        label="Varför anmäler du inlägget?",
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Välj ett skäl."},
    )
    text = forms.CharField(
        label="Beskriv problemet",
        help_text="Krävs om du väljer ”Annat”.",
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_length_messages(REASON_MAX_LENGTH),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == Report.Reason.OTHER and not data.get("text", "").strip():
            self.add_error("text", "Beskriv vad som är fel när du väljer ”Annat”.")
        return data


class ActionDatesForm(SingleLineFieldsMixin, forms.Form):
    start_date = forms.DateField(
        label="Start",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Ange ett datum som ÅÅÅÅ-MM-DD."},
    )
    end_date = forms.DateField(
        label="Slut",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Ange ett datum som ÅÅÅÅ-MM-DD."},
    )
    status = forms.ChoiceField(label="Status", choices=Action.Status.choices)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Insatsen kan inte sluta före den börjar.")
        return data


class AcceptProposalForm(ActionDatesForm):
    title = forms.CharField(
        label="Insatsens rubrik",
        max_length=TITLE_MAX_LENGTH,
        error_messages={**_length_messages(TITLE_MAX_LENGTH), "required": "Skriv en rubrik."},
    )
    description = forms.CharField(
        label="Beskrivning",
        required=False,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=_length_messages(BODY_MAX_LENGTH),
    )
    responsible_organisations = forms.ModelMultipleChoiceField(
        label="Ansvariga organisationer",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Välj minst en ansvarig organisation.",
            "invalid_choice": "Välj organisationer ur listan.",
        },
    )
    field_order = [
        "title",
        "description",
        "responsible_organisations",
        "status",
        "start_date",
        "end_date",
    ]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisations"].queryset = organisations


class ResultPageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ResultPage) -> str:
        return obj.title


class UpdateActionForm(ActionDatesForm):
    note = forms.CharField(
        label="Lägesrapport (valfri)",
        required=False,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_length_messages(BODY_MAX_LENGTH),
    )
    result_page = ResultPageChoiceField(
        label="Resultat/uppföljning som följde upp insatsen",
        queryset=ResultPage.objects.none(),
        required=False,
        empty_label="Ingen ännu",
    )

    def __init__(self, *args, result_pages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result_page"].queryset = result_pages


class ThreadStatusForm(SingleLineFieldsMixin, forms.Form):
    status = forms.ChoiceField(label="Dialogens status", choices=Thread.Status.choices)


class NotificationSettingsForm(SingleLineFieldsMixin, forms.Form):
    email_frequency = forms.ChoiceField(
        label="E-post om nyheter i dialoger du följer",
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )
    region_updates = forms.BooleanField(
        label="Meddela mig om varje ny publik dialog och varje förslag på insats om min regions "
        "kompetensbehov, även när jag inte följer dem",
        required=False,
    )

    def __init__(self, *args, region_choice: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Only region editors and the region organisation's administrators are told by region.
        if not region_choice:
            del self.fields["region_updates"]


class ModerationForm(SingleLineFieldsMixin, forms.Form):
    reason = forms.CharField(
        label="Skäl (sparas i moderationsloggen)",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            **_length_messages(REASON_MAX_LENGTH),
            "required": "Ange ett skäl. Det sparas i moderationsloggen.",
        },
    )
