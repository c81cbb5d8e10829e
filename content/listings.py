"""National listings: the filter form, the query behind it and the page context."""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from content.classification_filters import occupation_condition, sector_condition
from content.models import NeedStatus, Occupation, PublicationPage, Region, Sector
from content.models.choices import Horizon
from content.publication_types import has_field, publication_model
from content.selectors import live_publications

PAGE_SIZE = 20
SORT_ORDERS = {
    "newest": ("-published_date", "title"),
    "oldest": ("published_date", "title"),
    "title": ("title",),
}


class ListingFilterForm(forms.Form):
    region = forms.MultipleChoiceField(
        label="Region", required=False, widget=forms.CheckboxSelectMultiple
    )
    sector = forms.ChoiceField(label="Sektor (SNI)", required=False)
    occupation = forms.ChoiceField(label="Yrkesområde (SSYK)", required=False)
    horizon = forms.ChoiceField(
        label="Tidshorisont", required=False, choices=[("", "Alla"), *Horizon.choices]
    )
    year = forms.TypedChoiceField(label="År", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Alla"), *NeedStatus.choices]
    )
    sort = forms.ChoiceField(
        label="Sortera",
        required=False,
        choices=[("newest", "Nyast först"), ("oldest", "Äldst först"), ("title", "Titel A–Ö")],
    )

    def __init__(self, *args, model: type[PublicationPage], years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = list(Region.objects.values_list("code", "name"))
        self.fields["sector"].choices = [("", "Alla sektorer")] + [
            (code, f"{code} – {name}")
            for code, name in Sector.objects.filter(level=Sector.Level.SECTION).values_list(
                "code", "name"
            )
        ]
        self.fields["occupation"].choices = [("", "Alla yrkesområden")] + [
            (code, f"{code} – {name}")
            for code, name in Occupation.objects.filter(level__lte=2).values_list("code", "name")
        ]
        self.fields["year"].choices = [("", "Alla år")] + [(year, str(year)) for year in years]
        if not has_field(model, "horizon"):
            del self.fields["horizon"]
        if not has_field(model, "status"):
            del self.fields["status"]


def filter_publications(
    queryset: QuerySet,
    *,
    regions: list[str] | None = None,
    sector: str | None = None,
    occupation: str | None = None,
    horizon: str | None = None,
    year: int | None = None,
    status: str | None = None,
) -> QuerySet:
    """Narrow a publication queryset; each argument left empty does not filter."""
    if regions:
        queryset = queryset.filter(region__code__in=regions)
    # What a sector or an occupation matches is defined once, for search too.
    if sector:
        queryset = queryset.filter(
            pk__in=queryset.model.objects.filter(sector_condition(sector)).values("pk")
        )
    if occupation:
        queryset = queryset.filter(
            pk__in=queryset.model.objects.filter(occupation_condition(occupation)).values("pk")
        )
    if horizon:
        queryset = queryset.filter(horizon=horizon)
    if year:
        queryset = queryset.filter(published_date__year=year)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


@dataclass(frozen=True)
class FilteredListing:
    form: ListingFilterForm
    # Every matching publication, in the chosen order: the HTML page pages through it, the
    # exports (content.exports) write it out.
    queryset: QuerySet
    errors: dict | None


def filtered_listing(*, data: QueryDict, publication_type: str) -> FilteredListing:
    """The listing of ``publication_type`` that the query parameters ``data`` ask for."""
    model = publication_model(publication_type)
    base = live_publications(model)
    years = sorted({date.year for date in base.dates("published_date", "year")}, reverse=True)
    form = ListingFilterForm(data or None, model=model, years=years)
    # An invalid value in one filter is reported and ignored; the valid ones still apply.
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    queryset = filter_publications(
        base,
        regions=filters.get("region"),
        sector=filters.get("sector"),
        occupation=filters.get("occupation"),
        horizon=filters.get("horizon"),
        year=filters.get("year"),
        status=filters.get("status"),
    ).order_by(*SORT_ORDERS[filters.get("sort") or "newest"])
    errors = form.errors if form.is_bound and not form.is_valid() else None
    return FilteredListing(form=form, queryset=queryset, errors=errors)


def listing_context(*, request: HttpRequest, publication_type: str) -> dict:
    listing = filtered_listing(data=request.GET, publication_type=publication_type)
    page: PaginatorPage = Paginator(listing.queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": listing.form,
        "results": page,
        "result_count": page.paginator.count,
        "filter_query": query.urlencode(),
        "is_filtered": bool(query),
        "filter_errors": listing.errors,
    }
