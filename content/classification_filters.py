"""What a sector or an occupation filter matches: one vocabulary for the listings and search.

- A sector filter is an SNI section letter ("Q"). A page matches it when it is classified with
  the section itself or with one of its divisions ("86", "87" and "88" lie under Q).
- An occupation filter is an SSYK code on any level ("5", "53", "532", "5321"). A page matches
  it when one of its codes is that code or a sub-group below it.

The national listings ask the database with :func:`sector_condition` and
:func:`occupation_condition`; search stores, for each page, the values it matches
(:func:`sector_values`, :func:`occupation_values`) as filter tokens. Both follow the two rules
above from here, and ``tests/search/test_filter_agreement.py`` checks they agree on the demo.
"""

from collections.abc import Iterable

from django.db.models import Q

from content.models import Sector


def sector_values(sectors: Iterable[Sector]) -> set[str]:
    """The section letters a page classified with ``sectors`` matches (parents loaded)."""
    return {sector.parent.code if sector.parent_id else sector.code for sector in sectors}


def occupation_values(codes: Iterable[str]) -> set[str]:
    """The SSYK codes a page classified with ``codes`` matches: each code and its parents."""
    return {code[:length] for code in codes for length in range(1, len(code) + 1)}


def sector_condition(section: str) -> Q:
    """Pages (of a publication model) that match the sector filter ``section``."""
    return Q(sectors__code=section, sectors__level=Sector.Level.SECTION) | Q(
        sectors__parent__code=section
    )


def occupation_condition(code: str) -> Q:
    """Pages (of a publication model) that match the occupation filter ``code``."""
    return Q(occupations__code__startswith=code)
