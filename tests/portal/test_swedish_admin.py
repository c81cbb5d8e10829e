"""No English in the Swedish admin where the project can help it: our own catalogue fills
what Wagtail's Swedish lacks, and Wagtail's default groups and workflow have Swedish names."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Workflow

from content.models import GoodExamplePage, Region
from content.site_structure import CURATOR_GROUP_NAME
from tests.factories import (
    CompetenceNeedPageFactory,
    OrganisationFactory,
    UserFactory,
    good_example_index,
    region_page,
)


def test_project_catalogue_translates_what_wagtail_lacks():
    with translation.override("sv"):
        assert gettext("Autosave is paused") == "Automatisk sparning är pausad"


@pytest.mark.django_db
def test_default_groups_and_workflow_are_swedish():
    names = set(Group.objects.values_list("name", flat=True))
    assert not names & {"Moderators", "Editors"}
    assert {"Moderatorer", "Redaktörer"} <= names
    assert not Workflow.objects.filter(name="Moderators approval").exists()


# English that Wagtail 8.0 shows in its Swedish admin, each seen on one of the screens below
# before the project catalogue (locale/sv) and the overrides in templates/wagtailadmin.
ENGLISH_PHRASES = (
    "Actions",
    "Anyone with editing permissions",
    "But only those with publishing permissions",
    "Autosave is",
    "Date updated",
    "Locked by",
    "Edit account avatar",
    "Show issue",
    "To be created by",
    "View latest version",
    "A network error occurred",
    "Troubleshoot your connection",
    "to display",
    "Why not",
    "Button text is empty",
    "Add a concise description",
    "Meta description is empty",
    "Link text is empty",
    "True",
    "False",
    "None",
    "Any",
)


ENGLISH = re.compile(
    "|".join(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])" for phrase in ENGLISH_PHRASES)
)
ENGLISH_PAGINATION = re.compile(r"\d+\s*[-–]\s*\d+ of \d+")


def visible_strings(html: str) -> list[str]:
    """Text, labels and tooltips a person meets, and the strings Wagtail's scripts show."""
    soup = BeautifulSoup(html, "html.parser")
    strings = []
    config = soup.find("script", id="wagtail-config")
    if config is not None:
        strings += [value for value in _json_strings(json.loads(config.string)) if " " in value]
    for tag in soup(["script", "style", "template"]):
        tag.decompose()
    # A hidden counter holds "None" until a script fills it; hidden menus are still checked.
    for tag in soup.find_all(hidden=True):
        if tag.find(True) is None:
            tag.decompose()
    strings += [" ".join(text.split()) for text in soup.find_all(string=True)]
    for element in soup.find_all(True):
        strings += [
            element[name] for name in ("title", "aria-label", "placeholder") if element.get(name)
        ]
    return [string for string in strings if string]


def _json_strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)
    elif isinstance(value, str):
        yield value


def english_in(html: str) -> set[str]:
    """The strings on a page that hold one of ENGLISH_PHRASES as whole words."""
    return {
        string
        for string in visible_strings(html)
        if ENGLISH.search(string) or ENGLISH_PAGINATION.search(string)
    }


def test_english_detection_sees_words_not_parts_of_words():
    assert english_in("<p>1-2 of 2 sidor</p><svg><title>True</title></svg>") == {
        "1-2 of 2 sidor",
        "True",
    }
    assert english_in('<p aria-label="Åtgärder">Anyway, Actionsplan</p>') == set()


@pytest.fixture
def admin_screens():
    """The screens a region editor and a curator use, with something on each of them."""
    need = CompetenceNeedPageFactory(region="09", title="Kockar på Gotland")
    example = GoodExamplePage(
        title="Lärlingar på Gotland",
        slug="larlingar",
        summary="Delad handledning.",
        outcome="lyckat",
        live=False,
    )
    good_example_index("09").add_child(instance=example)
    example.save_revision()
    region = region_page("09")
    organisation = OrganisationFactory(region=Region.objects.get(code="09"), is_approved=True)
    common = [
        f"/admin/pages/{region.pk}/",
        f"/admin/pages/{need.pk}/edit/",
        f"/admin/pages/{need.pk}/history/",
        f"/admin/pages/add/content/competenceneedpage/{region.pk}/",
        f"/admin/pages/{example.pk}/edit/",
        "/admin/pages/search/?q=kock",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
        "/admin/account/",
        f"/admin/bulk/wagtailcore/page/publish/?id={need.pk}",
        f"/admin/bulk/wagtailcore/page/delete/?id={need.pk}",
        f"/admin/pages/{need.pk}/workflow_history/",
    ]
    curator_only = [
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/snippets/accounts/organisation/",
        f"/admin/snippets/accounts/organisation/inspect/{organisation.pk}/",
        "/admin/snippets/accounts/membership/",
    ]
    return {
        "Redaktör – Region Gotland": common,
        CURATOR_GROUP_NAME: common + curator_only,
    }


@pytest.mark.django_db
def test_the_admin_screens_of_editors_and_curators_have_no_english(client, admin_screens):
    english = {}
    for group, paths in admin_screens.items():
        client.force_login(UserFactory(groups=[group], mfa=True))
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (group, path)
            found = english_in(response.text)
            if found:
                english[f"{group} {path}"] = sorted(found)
    assert english == {}


@pytest.mark.django_db
def test_booleans_read_ja_and_nej(client):
    organisation = OrganisationFactory(region=Region.objects.get(code="09"), is_approved=True)
    client.force_login(UserFactory(groups=[CURATOR_GROUP_NAME], mfa=True))
    listing = client.get("/admin/snippets/accounts/organisation/").text
    assert re.search(r'<span class="w-sr-only">\s*Ja\s*</span>', listing)
    inspect = client.get(f"/admin/snippets/accounts/organisation/inspect/{organisation.pk}/").text
    assert re.search(r"<dd>\s*Ja\s*</dd>", inspect)
