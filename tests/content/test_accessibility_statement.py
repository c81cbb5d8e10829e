"""The accessibility statement follows Digg's model and stays editable by staff."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from content.models import AccessibilityIssue, AccessibilityStatementPage, IssueCategory
from content.site_structure import ACCESSIBILITY_ISSUES, ensure_site_structure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Digg's model statement, its sections in its order.
DIGG_HEADINGS = [
    "Hur tillgänglig är webbplatsen?",
    "Vad kan du göra om du inte kan använda delar av webbplatsen?",
    "Rapportera brister i webbplatsens tillgänglighet",
    "Tillsyn",
    "Teknisk information om webbplatsens tillgänglighet",
    "Innehåll som inte är tillgängligt",
    "Hur vi testat webbplatsen",
]


def test_the_seeded_statement_renders_every_part_of_diggs_model(client):
    html = client.get("/tillganglighetsredogorelse/").text
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    assert headings == DIGG_HEADINGS
    # Compliance status in the model's words.
    assert "Den här webbplatsen är delvis förenlig med lagen om tillgänglighet" in html
    # Known issues, grouped, each non-compliance with its date for fixing.
    assert "<h3>Bristande förenlighet med lagkraven</h3>" in html
    assert "<h3>Innehåll som inte omfattas av lagstiftningen</h3>" in html
    assert "2.2.1 Justerbar tidsgräns" in html
    assert 'Åtgärdas senast <time datetime="2027-03-31">31 mars 2027</time>' in html
    assert html.count("Åtgärdas senast") == sum(1 for issue in ACCESSIBILITY_ISSUES if issue[3])
    # How to report, and to whom.
    assert 'href="mailto:tillganglighet@kompetensportalen.se"' in html
    assert "Vi svarar normalt inom fem arbetsdagar." in html
    # The supervisory authority and its report form.
    assert "Myndigheten för digital förvaltning (Digg)" in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    # Assessment method and date.
    assert "Vi har gjort en självskattning (intern testning) av webbplatsen." in html
    assert "Senaste bedömningen gjordes den <time" in html
    assert "4 december 2026" in html


def test_staff_edits_are_kept_and_an_old_unstructured_statement_gets_the_seed(portal_site):
    statement = AccessibilityStatementPage.objects.get()
    statement.organisation_name = "Region Testland"
    statement.save()
    statement.known_issues.all().delete()
    AccessibilityIssue.objects.create(
        page=statement,
        category=IssueCategory.NON_COMPLIANCE,
        description="Egen brist",
        fix_by=datetime.date(2027, 1, 1),
    )
    ensure_site_structure()
    statement.refresh_from_db()
    assert statement.organisation_name == "Region Testland"
    assert [issue.description for issue in statement.known_issues.all()] == ["Egen brist"]

    # A statement as the portal seeded it before: free text only, no structured parts.
    statement.organisation_name = ""
    statement.body = "<p>Kända brister.</p>"
    statement.save()
    statement.known_issues.all().delete()
    ensure_site_structure()
    statement.refresh_from_db()
    assert statement.organisation_name == "Tillväxtverket"
    assert statement.body == ""
    assert statement.known_issues.count() == len(ACCESSIBILITY_ISSUES)
    ensure_site_structure()
    assert statement.known_issues.count() == len(ACCESSIBILITY_ISSUES)


def test_a_non_compliance_issue_needs_a_date_for_fixing(portal_site):
    issue = AccessibilityIssue(
        page=AccessibilityStatementPage.objects.get(),
        category=IssueCategory.NON_COMPLIANCE,
        description="Saknar datum",
    )
    with pytest.raises(ValidationError) as error:
        issue.full_clean()
    assert "fix_by" in error.value.message_dict
    issue.category = IssueCategory.OUT_OF_SCOPE
    issue.full_clean()


def test_staff_edit_every_part_in_the_admin(admin_login, portal_site):
    client = admin_login(UserFactory(is_superuser=True, is_staff=True))
    statement = AccessibilityStatementPage.objects.get()
    html = client.get(f"/admin/pages/{statement.pk}/edit/").text
    for label in (
        "Förenlighet med lagen",
        "E-postadress för synpunkter",
        "Tillsynsmyndighetens anmälningsformulär",
        "Kända brister",
        "Åtgärdas senast",
        "Hur webbplatsen har testats",
        "Senaste bedömningen gjordes",
    ):
        assert label.lower() in html.lower(), label
