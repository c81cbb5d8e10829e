from .attachments import DocumentText
from .choices import (
    ActorType,
    AnalysisKind,
    Balance,
    Horizon,
    NeedStatus,
    Outcome,
    Priority,
    PublicationType,
)
from .learning import LearningCollectionPage, LearningIndexPage, Theme
from .listings import PublicationListingPage
from .pages import (
    AccessibilityStatementPage,
    HomePage,
    PortalPage,
    RegionIndexPage,
    RegionPage,
    SectionPage,
)
from .publications import (
    AnalysisAttachment,
    AnalysisPage,
    CompetenceNeedPage,
    EvidenceSource,
    GoodExampleIndexPage,
    GoodExamplePage,
    PublicationPage,
    ResultIndicator,
    ResultPage,
)
from .taxonomy import EducationField, Municipality, Occupation, Region, Sector
from .workflows import ReviewByOthersTask

__all__ = [
    "AccessibilityStatementPage",
    "ActorType",
    "AnalysisAttachment",
    "AnalysisKind",
    "AnalysisPage",
    "Balance",
    "CompetenceNeedPage",
    "DocumentText",
    "EducationField",
    "EvidenceSource",
    "GoodExampleIndexPage",
    "GoodExamplePage",
    "HomePage",
    "Horizon",
    "LearningCollectionPage",
    "LearningIndexPage",
    "Municipality",
    "NeedStatus",
    "Occupation",
    "Outcome",
    "PortalPage",
    "Priority",
    "PublicationListingPage",
    "PublicationPage",
    "PublicationType",
    "Region",
    "RegionIndexPage",
    "RegionPage",
    "ResultIndicator",
    "ResultPage",
    "ReviewByOthersTask",
    "SectionPage",
    "Sector",
    "Theme",
]
