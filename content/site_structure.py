"""Create the fixed site tree and the regional editor groups from the reference data.

Idempotent: pages and groups that exist are left as editors made them; only what is missing is
created, and missing permissions are added. Safe to run on every ``make run``.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from content.models import (
    AccessibilityIssue,
    AccessibilityStatementPage,
    AssessmentMethod,
    ComplianceStatus,
    GoodExampleIndexPage,
    HomePage,
    IssueCategory,
    LearningIndexPage,
    PublicationListingPage,
    PublicationType,
    Region,
    RegionIndexPage,
    RegionPage,
    ReviewByOthersTask,
)
from content.models.pages import DIGG_REPORT_URL

CURATOR_GROUP_NAME = "Tillväxtverket – kurator"
CURATION_TASK_NAME = "Kurering – Tillväxtverket"
LISTINGS = {
    PublicationType.ANALYSIS: ("Analyser och prognoser", "analyser"),
    PublicationType.NEED: ("Kompetensbehov", "kompetensbehov"),
    PublicationType.GOOD_EXAMPLE: ("Goda exempel", "goda-exempel"),
    PublicationType.RESULT: ("Resultat och uppföljningar", "resultat"),
}
LISTING_INTROS = {
    PublicationType.ANALYSIS: "Regionernas analyser, prognoser och kartläggningar av "
    "kompetensbehov på kort och lång sikt.",
    PublicationType.NEED: "Kompetensbehov som regionerna har identifierat, från "
    "identifierat till uppföljt.",
    PublicationType.GOOD_EXAMPLE: "Insatser som andra kan lära av – också de som inte gick "
    "som tänkt. Varje exempel är granskat av Tillväxtverket.",
    PublicationType.RESULT: "Vad insatserna åstadkom, med indikatorer och slutsatser.",
}
# Editors do not publish: their pages go through the region's review, in which someone else
# (another editor of the region, or a curator) approves them.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
CURATOR_PAGE_PERMISSIONS = (*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page")
MEDIA_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}

# The seeded statement: the portal's own known gaps, honestly, in Digg's model. Editors take
# it over in the admin; ``_ensure_accessibility_statement`` fills only what was never set.
ACCESSIBILITY_STATEMENT = {
    "organisation_name": "Tillväxtverket",
    "compliance_status": ComplianceStatus.PARTIAL,
    "contact_email": "tillganglighet@kompetensportalen.se",
    "response_time": "Vi svarar normalt inom fem arbetsdagar.",
    "supervisory_report_url": DIGG_REPORT_URL,
    "assessment_method": AssessmentMethod.SELF,
    "assessment_details": (
        "Varje ändring av portalens kod testas automatiskt med axe-core mot WCAG 2.1 nivå A "
        "och AA i webbläsaren Chromium, på de publika sidorna, kontosidorna och dialogen. "
        "Sidorna har också granskats för hand i 390 och 1366 pixlars bredd. Portalen har inte "
        "testats med skärmläsare, inte systematiskt med bara tangentbord och inte av en "
        "extern granskare."
    ),
    "assessed_on": datetime.date(2026, 12, 4),
    "statement_updated_on": datetime.date(2026, 12, 4),
}
ACCESSIBILITY_ISSUES = (
    (
        IssueCategory.NON_COMPLIANCE,
        "Ett inlägg i en dialog kan bara ändras under 30 minuter efter att det skrevs, och "
        "tiden går inte att förlänga. Behöver du ändra senare kan du kontakta oss eller "
        "moderatorerna.",
        "2.2.1 Justerbar tidsgräns (nivå A)",
        datetime.date(2027, 3, 31),
    ),
    (
        IssueCategory.NON_COMPLIANCE,
        "Koden i mejlet för verifiering av e-postadressen gäller i 15 minuter och tiden går "
        "inte att förlänga. Du kan få en ny kod genom att logga in igen.",
        "2.2.1 Justerbar tidsgräns (nivå A)",
        datetime.date(2027, 3, 31),
    ),
    (
        IssueCategory.NON_COMPLIANCE,
        "Rapporter i PDF som bifogas analyser kontrolleras inte av portalen. Många saknar "
        "taggar för rubriker och tabeller, så att skärmläsare inte kan följa deras struktur. "
        "Analysens sammanfattning och nyckeltal finns alltid som text på sidan.",
        "1.3.1 Information och relationer (nivå A)",
        datetime.date(2027, 6, 30),
    ),
    (
        IssueCategory.NON_COMPLIANCE,
        "I redigeringsverktyget för regionernas redaktörer går tabeller i analyser inte att "
        "redigera med bara tangentbord eller med skärmläsare.",
        "2.1.1 Tangentbord (nivå A), 4.1.2 Namn, roll, värde (nivå A)",
        datetime.date(2027, 6, 30),
    ),
    (
        IssueCategory.OUT_OF_SCOPE,
        "Inlägg i dialogerna skrivs av användarna själva. Rubriker, länktexter och språk i "
        "inläggen kan därför brista i tillgänglighet.",
        "",
        None,
    ),
)


def editor_group_name(region: Region) -> str:
    return f"Redaktör – {region.name}"


@dataclass
class StructureResult:
    created_pages: list[str] = field(default_factory=list)
    created_groups: list[str] = field(default_factory=list)


def _add_page(parent: Page, page: Page, result: StructureResult) -> Page:
    """Add a live page. No revision is saved: the first edit in the admin creates one."""
    parent.add_child(instance=page)
    result.created_pages.append(page.title)
    return page


def _ensure_home(result: StructureResult) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations create the locale and the root page; a flushed test database
        # has neither, so both are recreated here when missing.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = _add_page(
            root,
            HomePage(
                title="Kompetensförsörjningsportalen",
                slug="start",
                intro=(
                    "Här publicerar Sveriges 21 regioner sina analyser och prognoser av "
                    "kompetensbehov, goda exempel och resultat – så att kommuner, "
                    "utbildningsanordnare och myndigheter kan hitta dem och lära av varandra."
                ),
            ),
            result,
        )
        # Wagtail's install migration leaves a plain "Welcome" page as the site root; the
        # portal's home page replaces it.
        root.get_children().exact_type(Page).filter(numchild=0).delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Kompetensförsörjningsportalen",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Kompetensförsörjningsportalen"
        site.save()
    return home


def _permissions(app_label: str, codenames: tuple[str, ...]) -> list[Permission]:
    permissions = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    if len(permissions) != len(codenames):
        raise RuntimeError(f"Behörigheter saknas i {app_label}: {codenames}")
    return permissions


def _grant(
    group: Group, page: Page, collection: Collection, page_permissions: tuple[str, ...]
) -> None:
    group.permissions.add(*_permissions("wagtailadmin", ("access_admin",)))
    for permission in _permissions("wagtailcore", page_permissions):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    for app_label, codenames in MEDIA_PERMISSIONS.items():
        for permission in _permissions(app_label, codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def _ensure_group(name: str, result: StructureResult) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        result.created_groups.append(name)
    return group


def _root_collection() -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _region_collection(region: Region) -> Collection:
    root = _root_collection()
    existing = root.get_children().filter(name=region.name).first()
    return existing or root.add_child(name=region.name)


def _approval_task(name: str, *groups: Group) -> ReviewByOthersTask:
    task = ReviewByOthersTask.objects.filter(name=name).first()
    if task is None:
        task = ReviewByOthersTask.objects.create(name=name)
        task.groups.set(groups)
    return task


def _assign_workflow(name: str, tasks: list[ReviewByOthersTask], page: Page) -> None:
    """Give ``page``'s subtree a workflow of ``tasks``, unless one is already assigned there."""
    if WorkflowPage.objects.filter(page=page).exists():
        return
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(workflow=workflow, page=page)


def _ensure_accessibility_statement(home: HomePage, result: StructureResult) -> None:
    statement = AccessibilityStatementPage.objects.first()
    if statement is None:
        statement = _add_page(
            home,
            AccessibilityStatementPage(
                title="Tillgänglighetsredogörelse",
                slug="tillganglighetsredogorelse",
                **ACCESSIBILITY_STATEMENT,
            ),
            result,
        )
    elif statement.organisation_name or statement.known_issues.exists():
        # Staff have filled in the statement: it is theirs.
        return
    else:
        # A statement from before the structured fields: its seeded text promised known
        # issues and listed none, so the structured seed replaces it.
        for name, value in ACCESSIBILITY_STATEMENT.items():
            setattr(statement, name, value)
        statement.body = ""
        statement.save()
    for order, (category, description, criteria, fix_by) in enumerate(ACCESSIBILITY_ISSUES):
        AccessibilityIssue.objects.create(
            page=statement,
            sort_order=order,
            category=category,
            description=description,
            criteria=criteria,
            fix_by=fix_by,
        )


@transaction.atomic
def ensure_site_structure() -> StructureResult:
    result = StructureResult()
    home = _ensure_home(result)

    region_index = RegionIndexPage.objects.first() or _add_page(
        home,
        RegionIndexPage(
            title="Regioner",
            slug="regioner",
            intro=(
                "Välj en region för att se dess analyser, kompetensbehov, goda exempel och "
                "resultat."
            ),
        ),
        result,
    )
    existing_listings = set(
        PublicationListingPage.objects.values_list("publication_type", flat=True)
    )
    for publication_type, (title, slug) in LISTINGS.items():
        if publication_type not in existing_listings:
            _add_page(
                home,
                PublicationListingPage(
                    title=title,
                    slug=slug,
                    publication_type=publication_type,
                    intro=LISTING_INTROS[publication_type],
                ),
                result,
            )
    if not LearningIndexPage.objects.exists():
        _add_page(
            home,
            LearningIndexPage(
                title="Lärande",
                slug="larande",
                intro="Samlingar som Tillväxtverket har sammanställt av analyser, goda exempel "
                "och resultat från hela landet, med kommentarer om vad man kan lära.",
            ),
            result,
        )
    _ensure_accessibility_statement(home, result)

    pages_by_region = {page.region_id: page for page in RegionPage.objects.all()}
    region_pages = []
    for region in Region.objects.order_by("code"):
        page = pages_by_region.get(region.pk) or _add_page(
            region_index,
            RegionPage(
                title=region.name,
                slug=slugify(region.name),
                region=region,
                intro=f"{region.name} ansvarar för det regionala kompetensförsörjningsarbetet i "
                f"{region.county_name}.",
            ),
            result,
        )
        good_examples = GoodExampleIndexPage.objects.child_of(page).first() or _add_page(
            page,
            GoodExampleIndexPage(
                title="Goda exempel",
                slug="goda-exempel",
                intro=f"Goda exempel från {region.name}, granskade av Tillväxtverket.",
            ),
            result,
        )
        group = _ensure_group(editor_group_name(region), result)
        _grant(group, page, _region_collection(region), EDITOR_PAGE_PERMISSIONS)
        region_pages.append((region, page, good_examples, group))

    curator = _ensure_group(CURATOR_GROUP_NAME, result)
    _grant(curator, home, _root_collection(), CURATOR_PAGE_PERMISSIONS)
    curator.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="content",
            codename__in=["curate_goodexamplepage", "add_theme", "change_theme", "delete_theme"],
        )
    )
    curation_task = _approval_task(CURATION_TASK_NAME, curator)
    for region, page, good_examples, group in region_pages:
        # Curators review too, so that a region with a single editor still gets its pages out.
        region_task = _approval_task(f"Regiongranskning – {region.name}", group, curator)
        _assign_workflow(f"Granskning – {region.name}", [region_task], page)
        _assign_workflow(
            f"Granskning och kurering – {region.name}", [region_task, curation_task], good_examples
        )
    taxonomy_types = ContentType.objects.filter(app_label="content").exclude(model__endswith="page")
    curator.permissions.add(
        *Permission.objects.filter(content_type__in=taxonomy_types, codename__startswith="view_")
    )
    return result
