"""Open data: the national listings as CSV and JSON files, with the filters of the HTML page.

A listing URL with ``?format=csv`` or ``?format=json`` (and any of the page's filters) answers
with a file instead of the page (see ``PublicationListingPage.serve``). The rows are the
listing's items in the listing's order (:func:`content.listings.filtered_listing`), every
match rather than one page of them, up to :data:`MAX_ROWS`. The column names are Swedish and
documented here, once: the catalogue page ``/oppna-data/`` and docs/open-data.md show these
descriptions. The file writer (:func:`export_response`) is shared with the search export
(``search.exports``).
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

from content.listings import filtered_listing
from content.models import Municipality, Occupation, PublicationPage, Sector
from content.publication_types import has_field, publication_model
from content.selectors import live_publications

MAX_ROWS = 10_000
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
LICENCE_NAME = "CC0 1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
# Parameters that choose the file or the page, not the rows.
NOT_FILTERS = ("format", "page", "page_size")
# A CSV cell holds one value; several codes or names are joined with this.
LIST_SEPARATOR = "; "
# Excel opens a CSV file as UTF-8 only when it starts with a byte order mark.
UTF8_BOM = "\ufeff"
UNKNOWN_FORMAT = "Okänt format: {value}. Giltiga format är csv och json."


@dataclass(frozen=True)
class Column:
    name: str
    description: str


COMMON_COLUMNS = (
    Column("id", "Sidans id i portalen (ändras inte)"),
    Column("typ", "Innehållstyp som kod: analysis, need, good_example eller result"),
    Column("typ_namn", "Innehållstyp i klartext"),
    Column("titel", "Rubrik"),
    Column("url", "Sidans fullständiga adress"),
    Column("publicerad", "Publiceringsdatum (ÅÅÅÅ-MM-DD)"),
    Column("sammanfattning", "Sammanfattning i klartext"),
    Column("region_kod", "Länskod för regionen som publicerat (två siffror)"),
    Column("region", "Regionens namn"),
    Column("kommun_koder", "Kommunkoder för berörda kommuner (fyra siffror)"),
    Column("kommuner", "Namn på berörda kommuner, i samma ordning som kommun_koder"),
    Column("sni_koder", "Branschkoder enligt SNI 2007 (avdelning eller lägre nivå)"),
    Column("branscher", "SNI-benämningar, i samma ordning som sni_koder"),
    Column("ssyk_koder", "Yrkeskoder enligt SSYK 2012 (valfri nivå)"),
    Column("yrken", "SSYK-benämningar, i samma ordning som ssyk_koder"),
)
# Model field -> Swedish column stem and description: a code column ``<stem>_kod`` and a label
# column ``<stem>``. Only the types that have the field get its columns.
CHOICE_COLUMNS = {
    "horizon": ("tidshorisont", "Tidshorisont: short (kort sikt) eller long (lång sikt)"),
    "kind": ("analystyp", "Typ av analys: analys, prognos eller kartlaggning"),
    "balance": ("balans", "Balans på arbetsmarknaden: brist, balans eller overskott"),
    "priority": ("prioritet", "Regionens prioritet: hog, medel eller lag"),
    "status": (
        "status",
        "Behovets status: identifierat, i_dialog, insats_foreslagen, insats_pagar eller uppfoljt",
    ),
    "outcome": ("utfall", "Utfall: lyckat, delvis eller ej_lyckat"),
}
PLAIN_COLUMNS = {
    "period_start": Column("period_fran", "Perioden som analysen eller exemplet gäller, från år"),
    "period_end": Column("period_till", "Perioden, till och med år"),
}


def choice_columns(field_name: str) -> list[Column]:
    stem, description = CHOICE_COLUMNS[field_name]
    return [Column(f"{stem}_kod", description), Column(stem, f"{stem.capitalize()} i klartext")]


def publication_columns(model: type[PublicationPage]) -> list[Column]:
    """The columns of a publication type's export: the common ones, then the type's own."""
    columns = list(COMMON_COLUMNS)
    for field_name in CHOICE_COLUMNS:
        if has_field(model, field_name):
            columns += choice_columns(field_name)
    columns += [column for name, column in PLAIN_COLUMNS.items() if has_field(model, name)]
    return columns


def with_classifications(queryset: QuerySet) -> QuerySet:
    """``queryset`` with what the rows show fetched in one query per relation, not per row."""
    return queryset.select_related("region").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("code")),
        Prefetch("occupations", queryset=Occupation.objects.order_by("code")),
        Prefetch("municipalities", queryset=Municipality.objects.order_by("code")),
    )


def publication_values(page: PublicationPage, *, request: HttpRequest) -> dict:
    """Every column value of ``page`` (fetched with :func:`with_classifications`)."""
    sectors = list(page.sectors.all())
    occupations = list(page.occupations.all())
    municipalities = list(page.municipalities.all())
    values = {
        "id": page.pk,
        "typ": page.publication_type,
        "typ_namn": page.publication_type_label,
        "titel": page.title,
        "url": request.build_absolute_uri(page.get_url(request=request) or ""),
        "publicerad": page.published_date.isoformat(),
        "sammanfattning": page.summary,
        "region_kod": page.region.code if page.region else "",
        "region": page.region.name if page.region else "",
        "kommun_koder": [item.code for item in municipalities],
        "kommuner": [item.name for item in municipalities],
        "sni_koder": [item.code for item in sectors],
        "branscher": [item.name for item in sectors],
        "ssyk_koder": [item.code for item in occupations],
        "yrken": [item.name for item in occupations],
    }
    for field_name, (stem, _description) in CHOICE_COLUMNS.items():
        if hasattr(page, field_name):
            values[f"{stem}_kod"] = getattr(page, field_name)
            values[stem] = getattr(page, f"get_{field_name}_display")()
    for field_name, column in PLAIN_COLUMNS.items():
        if hasattr(page, field_name):
            values[column.name] = getattr(page, field_name)
    return values


@dataclass(frozen=True)
class Export:
    """One file's content: what it is, its rows and how they were chosen."""

    file_stem: str
    title: str
    source_url: str  # the HTML page with the same filters
    columns: Sequence[Column]
    rows: list[dict]
    total: int  # matches before the cap
    filters: dict[str, list[str]] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    @property
    def truncated(self) -> bool:
        return self.total > len(self.rows)


def requested_format(data: QueryDict) -> str:
    """The ``format`` asked for: empty for the HTML page."""
    return data.get("format", "").strip().lower()


def unknown_format_response(value: str) -> HttpResponse:
    return HttpResponse(
        UNKNOWN_FORMAT.format(value=value[:40]),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def source_url(request: HttpRequest) -> str:
    """The HTML page of this export: the same path and filters, without the file's parameters."""
    query = request.GET.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    encoded = query.urlencode()
    return request.build_absolute_uri(request.path + (f"?{encoded}" if encoded else ""))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def _csv_text(export: Export) -> str:
    buffer = io.StringIO()
    buffer.write(UTF8_BOM)
    writer = csv.writer(buffer)
    names = [column.name for column in export.columns]
    writer.writerow(names)
    for row in export.rows:
        writer.writerow([_cell(row.get(name)) for name in names])
    return buffer.getvalue()


def _json_text(export: Export) -> str:
    names = [column.name for column in export.columns]
    body = {
        "dataset": export.title,
        "kalla": export.source_url,
        "licens": {"namn": LICENCE_NAME, "url": LICENCE_URL},
        "skapad": timezone.now().isoformat(timespec="seconds"),
        "filter": export.filters,
        "max_antal_rader": MAX_ROWS,
        "totalt_antal": export.total,
        "antal": len(export.rows),
        "avkortad": export.truncated,
        "meddelanden": export.notices,
        "kolumner": [
            {"namn": column.name, "beskrivning": column.description} for column in export.columns
        ],
        "poster": [{name: row.get(name) for name in names} for row in export.rows],
    }
    return json.dumps(body, ensure_ascii=False)


def export_response(export: Export, *, fmt: str) -> HttpResponse:
    """The file: CSV (UTF-8 with BOM, for Excel) or JSON, with the cap stated in the headers."""
    text = _csv_text(export) if fmt == "csv" else _json_text(export)
    response = HttpResponse(text.encode("utf-8"), content_type=CONTENT_TYPES[fmt])
    file_name = f"{export.file_stem}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["X-Total-Count"] = str(export.total)
    response["X-Max-Rows"] = str(MAX_ROWS)
    response["X-Truncated"] = "true" if export.truncated else "false"
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


def _applied_filters(cleaned: dict) -> dict[str, list[str]]:
    applied = {}
    for name, value in cleaned.items():
        values = value if isinstance(value, list) else [value]
        kept = [str(item) for item in values if item not in (None, "")]
        if kept:
            applied[name] = kept
    return applied


def _error_notices(errors: dict | None) -> list[str]:
    # The same wording as the listing page's notice about ignored filters.
    return [
        f"Filtret {name} kunde inte användas och har ignorerats: {' '.join(messages)}"
        for name, messages in (errors or {}).items()
    ]


def listing_export(*, request: HttpRequest, publication_type: str, file_stem: str, title: str):
    """The listing of ``publication_type`` filtered by the request, as the file it asks for."""
    fmt = requested_format(request.GET)
    if fmt not in CONTENT_TYPES:
        return unknown_format_response(fmt)
    listing = filtered_listing(data=request.GET, publication_type=publication_type)
    pages = list(with_classifications(listing.queryset)[:MAX_ROWS])
    # Counted apart only when the cap may have cut the list.
    total = len(pages) if len(pages) < MAX_ROWS else listing.queryset.count()
    export = Export(
        file_stem=file_stem,
        title=title,
        source_url=source_url(request),
        columns=publication_columns(publication_model(publication_type)),
        rows=[publication_values(page, request=request) for page in pages],
        total=total,
        filters=_applied_filters(getattr(listing.form, "cleaned_data", {})),
        notices=_error_notices(listing.errors),
    )
    response = export_response(export, fmt=fmt)
    if listing.errors:
        response["X-Ignored-Filters"] = ", ".join(sorted(listing.errors))
    return response


def values_by_key(
    refs: Iterable[tuple[str, int]], *, request: HttpRequest
) -> dict[tuple[str, int], dict]:
    """Column values of the live publications named by (type key, id), one query set per type.

    Search hits name publications this way; types that are not publications are left out.
    """
    wanted: dict[str, set[int]] = {}
    for type_key, pk in refs:
        wanted.setdefault(type_key, set()).add(pk)
    found = {}
    for type_key, pks in wanted.items():
        try:
            model = publication_model(type_key)
        except LookupError:
            continue
        for page in with_classifications(live_publications(model).filter(pk__in=pks)):
            found[(type_key, page.pk)] = publication_values(page, request=request)
    return found
