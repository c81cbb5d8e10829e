"""The lists a chooser picks from: who may search each, what it holds, how it is labelled.

The endpoint (views.py) and the form field (forms.py) both start from ``Source.choices``, so a
form accepts exactly what its chooser could have offered, never an arbitrary id.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from accounts.models import Membership, Organisation
from accounts.selectors import edited_region_names, in_curator_group
from content.models import AnalysisPage, Municipality, Occupation, Region, Sector
from content.selectors import live_public

AnyUser = AbstractBaseUser | AnonymousUser
RESULT_LIMIT = 20
QUERY_MAX_LENGTH = 100


def preferred_regions(*, user: AnyUser) -> QuerySet[Region]:
    """The user's own regions: those they edit, and those of their organisations."""
    if not user.is_authenticated:
        return Region.objects.none()
    return Region.objects.filter(
        Q(name__in=edited_region_names(user=user))
        | Q(
            organisations__memberships__user=user,
            organisations__memberships__status=Membership.Status.APPROVED,
        )
    ).distinct()


def spellings(text: str) -> set[str]:
    """``text`` as typed, lower case, upper case and capitalised.

    SQLite's LIKE folds case only for ASCII, so "örn" would miss "Örnsköldsvik"; asking for
    each spelling finds it on SQLite as PostgreSQL finds it with one ILIKE.
    """
    return {text, text.lower(), text.upper(), text.capitalize()}


def _any_spelling(lookup: str, text: str) -> Q:
    condition = Q()
    for spelling in spellings(text):
        condition |= Q(**{lookup: spelling})
    return condition


@dataclass(frozen=True)
class Source:
    """One list. ``code`` names the field of a short code ("2221"), if the list has one."""

    name: str
    model: type
    label: Callable[[object], str]
    text_field: str
    code_field: str | None = None
    region_field: str | None = None
    admin_only: bool = False
    scope: Callable[[AnyUser], QuerySet] | None = None

    @property
    def searched_by(self) -> str:
        """What the editor types, in the widget's hint."""
        return "kod eller namn" if self.code_field else "namn"

    def may_use(self, *, user: AnyUser) -> bool:
        if not user.is_authenticated:
            return False
        if self.admin_only:
            return user.is_superuser or user.has_perm("wagtailadmin.access_admin")
        return True

    def choices(self, *, user: AnyUser) -> QuerySet:
        """Everything ``user`` may choose from this list."""
        if not self.may_use(user=user):
            return self.model.objects.none()
        queryset = self.scope(user) if self.scope else self.model.objects.all()
        if self.region_field:
            queryset = queryset.select_related(self.region_field)
        return queryset

    def matching(self, queryset: QuerySet, text: str) -> QuerySet:
        condition = _any_spelling(f"{self.text_field}__icontains", text)
        if self.code_field:
            condition |= Q(**{f"{self.code_field}__startswith": text})
        return queryset.filter(condition)

    def exact(self, queryset: QuerySet, text: str) -> QuerySet:
        """Rows whose code or whole name is ``text`` (the no-JavaScript way to add a value)."""
        condition = _any_spelling(f"{self.text_field}__iexact", text)
        if self.code_field:
            condition |= Q(**{f"{self.code_field}__iexact": text})
        return queryset.filter(condition)

    def search(self, *, user: AnyUser, text: str, exclude: list[int] = ()) -> QuerySet:
        """What the chooser offers for ``text``: the user's own region first, then exact codes,
        then codes and names that start with the text, then the rest."""
        queryset = self.choices(user=user).exclude(pk__in=exclude)
        order = []
        if self.region_field:
            queryset = queryset.annotate(
                own_region=Case(
                    When(
                        **{f"{self.region_field}__in": preferred_regions(user=user).values("pk")},
                        then=Value(0),
                    ),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            order.append("own_region")
        if text:
            starts = _any_spelling(f"{self.text_field}__istartswith", text)
            rank = [When(starts, then=Value(2))]
            if self.code_field:
                rank = [
                    When(**{self.code_field: text}, then=Value(0)),
                    When(**{f"{self.code_field}__startswith": text}, then=Value(1)),
                    *rank,
                ]
            queryset = self.matching(queryset, text).annotate(
                rank=Case(*rank, default=Value(3), output_field=IntegerField())
            )
            order.append("rank")
        order.append(self.code_field or self.text_field)
        return queryset.order_by(*order)


def _occupation_label(occupation: Occupation) -> str:
    return f"{occupation.code} – {occupation.name}"


def _sector_label(sector: Sector) -> str:
    if sector.version == Sector.Version.SNI2007:
        return f"{sector.code} – {sector.name}"
    return f"{sector.code} – {sector.name} ({sector.get_version_display()})"


def _municipality_label(municipality: Municipality) -> str:
    return f"{municipality.code} – {municipality.name}"


def _analysis_label(analysis: AnalysisPage) -> str:
    region = analysis.region.name if analysis.region_id else "ingen region"
    draft = ", utkast" if not analysis.live else ""
    return f"{analysis.title} ({region}{draft})"


def _organisation_label(organisation: Organisation) -> str:
    return f"{organisation.name} ({organisation.get_kind_display().lower()})"


def _analyses_for(user: AnyUser) -> QuerySet[AnalysisPage]:
    """Published analyses, and every analysis (drafts too) of the regions the user edits;
    curators and superusers choose among all."""
    analyses = AnalysisPage.objects.all()
    if user.is_superuser or in_curator_group(user=user):
        return analyses
    published = live_public(AnalysisPage.objects.all()).values("pk")
    own = Q(region__name__in=edited_region_names(user=user))
    return analyses.filter(Q(pk__in=published) | own)


def _approved_organisations(user: AnyUser) -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_approved=True)


SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        Source(
            name="ssyk",
            model=Occupation,
            label=_occupation_label,
            text_field="name",
            code_field="code",
        ),
        Source(name="sni", model=Sector, label=_sector_label, text_field="name", code_field="code"),
        Source(
            name="kommuner",
            model=Municipality,
            label=_municipality_label,
            text_field="name",
            code_field="code",
            region_field="region",
        ),
        Source(
            name="analyser",
            model=AnalysisPage,
            label=_analysis_label,
            text_field="title",
            region_field="region",
            admin_only=True,
            scope=_analyses_for,
        ),
        Source(
            name="organisationer",
            model=Organisation,
            label=_organisation_label,
            text_field="name",
            region_field="region",
            scope=_approved_organisations,
        ),
    )
}
