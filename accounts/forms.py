"""Forms of the account pages. Labels and messages are in Swedish."""

from allauth.account.forms import LoginForm, SignupForm
from django import forms

from accounts.models import Organisation, OrganisationKind
from portal.forms import SingleLineFieldsMixin

# The portal's words (docs/glossary.md), and labels
# instead of placeholders (a placeholder disappears while typing).
PORTAL_LABELS = {
    "email": "E-postadress",
    "login": "E-postadress",
    "password": "Lösenord",
    "password1": "Lösenord",
    "password2": "Lösenord igen",
    "remember": "Kom ihåg mig",
}


def _use_portal_labels(form: forms.Form) -> None:
    for name, field in form.fields.items():
        if name in PORTAL_LABELS:
            field.label = PORTAL_LABELS[name]
        field.widget.attrs.pop("placeholder", None)


class PortalLoginForm(SingleLineFieldsMixin, LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _use_portal_labels(self)


class PortalSignupForm(SingleLineFieldsMixin, SignupForm):
    first_name = forms.CharField(label="Förnamn", max_length=150)
    last_name = forms.CharField(label="Efternamn", max_length=150)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.order_fields(self.field_order)
        _use_portal_labels(self)


class ProfileForm(SingleLineFieldsMixin, forms.Form):
    first_name = forms.CharField(label="Förnamn", max_length=150)
    last_name = forms.CharField(label="Efternamn", max_length=150)
    title = forms.CharField(
        label="Titel",
        max_length=150,
        required=False,
        help_text="Till exempel ”Utvecklingsstrateg”. Visas tillsammans med ditt namn.",
    )


# Regions and municipalities already exist as organisations (from the reference data).
PROPOSABLE_KINDS = [
    (value, label)
    for value, label in OrganisationKind.choices
    if value not in {OrganisationKind.REGION, OrganisationKind.MUNICIPALITY}
]


class OrganisationProposalForm(SingleLineFieldsMixin, forms.ModelForm):
    kind = forms.ChoiceField(label="Typ", choices=[("", "Välj typ"), *PROPOSABLE_KINDS])

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "education_kind",
            "organisation_number",
            "region",
            "municipality",
            "website",
        ]


class DeleteAccountForm(SingleLineFieldsMixin, forms.Form):
    password = forms.CharField(
        label="Ditt lösenord",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="Jag förstår att mitt konto tas bort och inte kan återställas.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Lösenordet stämmer inte.")
        return password
