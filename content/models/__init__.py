from .pages import AccessibilityStatementPage, HomePage, RegionIndexPage, RegionPage
from .taxonomy import EducationField, Municipality, Occupation, Region, Sector

__all__ = [
    "AccessibilityStatementPage",
    "EducationField",
    "HomePage",
    "Municipality",
    "Occupation",
    "Region",
    "RegionIndexPage",
    "RegionPage",
    "Sector",
]
