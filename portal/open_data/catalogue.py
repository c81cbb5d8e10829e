"""The open data catalogue: which datasets the portal offers, for the page and for DCAT-AP-SE.

A dataset is a national listing (one per publication type, as its listing page is published)
or the search; each has two distributions, its CSV and JSON files (``?format=csv|json`` on the
page's own address). ``/oppna-data/`` shows them to people; ``/oppna-data/katalog.jsonld``
describes them in DCAT-AP-SE (JSON-LD) for Sweden's data portal (dataportal.se) to harvest.
The columns come from the exports themselves (:mod:`content.exports`, :mod:`search.exports`).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from content.exports import LICENCE_URL, MAX_ROWS, Column, publication_columns
from content.models import PublicationListingPage, PublicationType
from content.publication_types import publication_model
from search.exports import SEARCH_COLUMNS

CATALOGUE_TITLE = "Öppna data från Kompetensförsörjningsportalen"
CATALOGUE_DESCRIPTION = (
    "Regionernas analyser, kompetensbehov, goda exempel och resultat, och sökningar i dem, "
    "som CSV- och JSON-filer med samma filter som portalens listor."
)
# The agency that runs the portal and answers for its data (see docs/open-data.md).
PUBLISHER_NAME = "Tillväxtverket"
UPDATE_FREQUENCY = "Löpande: filerna skapas när de hämtas, ur det som är publicerat just då."
KEYWORDS = ("kompetensförsörjning", "kompetensbehov", "regional utveckling", "arbetsmarknad")
# EU vocabularies that DCAT-AP-SE uses.
EU_AUTHORITY = "http://publications.europa.eu/resource/authority"
THEMES = (f"{EU_AUTHORITY}/data-theme/EDUC", f"{EU_AUTHORITY}/data-theme/ECON")
LANGUAGE = f"{EU_AUTHORITY}/language/SWE"
FREQUENCY = f"{EU_AUTHORITY}/frequency/CONT"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/NationalAuthority"
FORMATS = {
    "csv": {"label": "CSV", "file_type": "CSV", "media_type": "text/csv"},
    "json": {"label": "JSON", "file_type": "JSON", "media_type": "application/json"},
}
DESCRIPTIONS = {
    PublicationType.ANALYSIS: "Regionernas analyser, prognoser och kartläggningar av "
    "kompetensbehov, med bransch (SNI), yrken (SSYK), tidshorisont och period.",
    PublicationType.NEED: "Kompetensbehov som regionerna har identifierat: yrken (SSYK), "
    "branscher (SNI), berörda kommuner, tidshorisont, balans, prioritet och status.",
    PublicationType.GOOD_EXAMPLE: "Granskade goda exempel på insatser för kompetensförsörjning, "
    "med utfall, period, branscher och yrken.",
    PublicationType.RESULT: "Resultat och uppföljningar av insatser, med branscher, yrken och "
    "berörda kommuner.",
}
SEARCH_DESCRIPTION = (
    "Träffarna för en sökning i hela portalen (analyser, kompetensbehov, goda exempel, resultat, "
    "samlingar och dialoger) i samma ordning som på sidan, med koder och namn för "
    "klassificeringarna."
)


@dataclass(frozen=True)
class Distribution:
    format: str  # "csv" or "json"
    url: str

    @property
    def label(self) -> str:
        return FORMATS[self.format]["label"]


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    landing_url: str  # the HTML page whose filters the files take
    columns: Sequence[Column]
    distributions: Sequence[Distribution]
    example_filter: str  # a query string that narrows this dataset, for the documentation


def _dataset(*, key, title, description, landing_url, columns, example_filter) -> Dataset:
    return Dataset(
        key=key,
        title=title,
        description=description,
        landing_url=landing_url,
        columns=columns,
        distributions=[Distribution(fmt, f"{landing_url}?format={fmt}") for fmt in FORMATS],
        example_filter=example_filter,
    )


def datasets(*, request: HttpRequest) -> list[Dataset]:
    """The published listings, in site order, and the search."""
    found = [
        _dataset(
            key=listing.publication_type,
            title=listing.title,
            description=DESCRIPTIONS.get(listing.publication_type, listing.intro),
            landing_url=request.build_absolute_uri(listing.get_url(request=request)),
            columns=publication_columns(publication_model(listing.publication_type)),
            example_filter="region=22&occupation=5321",
        )
        for listing in PublicationListingPage.objects.live().public().order_by("path")
    ]
    found.append(
        _dataset(
            key="search",
            title="Sökresultat",
            description=SEARCH_DESCRIPTION,
            landing_url=request.build_absolute_uri(reverse("search:page")),
            columns=SEARCH_COLUMNS,
            example_filter="q=undersk%C3%B6terska&type=need&region=22",
        )
    )
    return found


def _text(value: str) -> dict:
    return {"@language": "sv", "@value": value}


def catalogue_jsonld(*, request: HttpRequest) -> dict:
    """The catalogue in DCAT-AP-SE, as JSON-LD."""
    home = request.build_absolute_uri("/")
    catalogue_page = request.build_absolute_uri(reverse("open_data:catalogue"))
    publisher = {
        "@id": f"{home}#utgivare",
        "@type": "foaf:Agent",
        "foaf:name": _text(PUBLISHER_NAME),
        "dct:type": {"@id": PUBLISHER_TYPE},
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": PUBLISHER_NAME,
        "vcard:hasURL": {"@id": catalogue_page},
    }
    licence = {"@id": LICENCE_URL}
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
        },
        "@id": request.build_absolute_uri(reverse("open_data:catalogue_jsonld")),
        "@type": "dcat:Catalog",
        "dct:title": _text(CATALOGUE_TITLE),
        "dct:description": _text(CATALOGUE_DESCRIPTION),
        "dct:publisher": publisher,
        "dct:license": licence,
        "dct:language": {"@id": LANGUAGE},
        "foaf:homepage": {"@id": catalogue_page},
        "dcat:themeTaxonomy": {"@id": f"{EU_AUTHORITY}/data-theme"},
        "dcat:dataset": [
            {
                "@id": f"{catalogue_page}#{dataset.key}",
                "@type": "dcat:Dataset",
                "dct:title": _text(dataset.title),
                "dct:description": _text(dataset.description),
                "dct:publisher": publisher,
                "dcat:contactPoint": contact,
                "dct:license": licence,
                "dct:accessRights": {"@id": f"{EU_AUTHORITY}/access-right/PUBLIC"},
                "dct:language": {"@id": LANGUAGE},
                "dcat:theme": [{"@id": theme} for theme in THEMES],
                "dcat:keyword": [_text(keyword) for keyword in KEYWORDS],
                "dct:accrualPeriodicity": {"@id": FREQUENCY},
                "dcat:landingPage": {"@id": dataset.landing_url},
                "dcat:distribution": [
                    {
                        "@id": distribution.url,
                        "@type": "dcat:Distribution",
                        "dct:title": _text(f"{dataset.title} ({distribution.label})"),
                        "dct:description": _text(
                            f"Alla poster som {distribution.label}, högst {MAX_ROWS} rader; "
                            "lägg till sidans filter som parametrar."
                        ),
                        "dcat:accessURL": {"@id": distribution.url},
                        "dcat:downloadURL": {"@id": distribution.url},
                        "dct:format": {
                            "@id": f"{EU_AUTHORITY}/file-type/"
                            + FORMATS[distribution.format]["file_type"]
                        },
                        "dcat:mediaType": {
                            "@id": "https://www.iana.org/assignments/media-types/"
                            + FORMATS[distribution.format]["media_type"]
                        },
                        "dct:license": licence,
                    }
                    for distribution in dataset.distributions
                ],
            }
            for dataset in datasets(request=request)
        ],
    }
