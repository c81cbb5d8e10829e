"""The filter form of the dialogue list (/dialog/): what a query string may ask for.

Region, sector, occupation and the need's status take the national listings' choices and
parameter names (``region``, ``sector``, ``occupation``, ``status``), so a filter copied from
/kompetensbehov/ means the same here. The dialogue's own filters are ``dialog`` (open, closed
or archived) and ``mina`` (threads of the signed-in user's organisations).
"""

from dataclasses import dataclass

from django import forms

from content.listings import ListingFilterForm
from content.models import CompetenceNeedPage
from portal.dialogue.models import Thread

# The parameters that narrow the list; "page" only moves through it.
FILTER_PARAMETERS = ("region", "status", "sector", "occupation", "dialog", "mina")


class ThreadFilterForm(forms.Form):
    region = forms.MultipleChoiceField(
        label="Region", required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label="Behovets status", required=False)
    sector = forms.ChoiceField(label="Sektor (SNI)", required=False)
    occupation = forms.ChoiceField(label="Yrkesområde (SSYK)", required=False)
    dialog = forms.ChoiceField(
        label="Dialogens status",
        required=False,
        choices=[("", "Alla"), *Thread.Status.choices],
    )
    mina = forms.BooleanField(label="Mina organisationer", required=False)

    def __init__(self, *args, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # The listings' form knows the choices of the shared vocabulary; borrow them so the
        # two lists cannot drift apart.
        listing = ListingFilterForm(model=CompetenceNeedPage, years=[])
        for name in ("region", "status", "sector", "occupation"):
            self.fields[name].choices = listing.fields[name].choices
        if not signed_in:
            del self.fields["mina"]


@dataclass(frozen=True)
class ThreadFilters:
    """The filters that apply: each one the form accepted; an empty one does not filter."""

    regions: list[str]
    need_status: str
    sector: str
    occupation: str
    thread_status: str
    own_organisations: bool


def parse_filters(form: ThreadFilterForm) -> ThreadFilters:
    """The valid filters of a bound form. An invalid value is left out; the others still apply."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return ThreadFilters(
        regions=data.get("region") or [],
        need_status=data.get("status") or "",
        sector=data.get("sector") or "",
        occupation=data.get("occupation") or "",
        thread_status=data.get("dialog") or "",
        own_organisations=bool(data.get("mina")),
    )
