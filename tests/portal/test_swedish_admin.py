"""No English in the Swedish admin where the project can help it: our own catalogue fills
what Wagtail's Swedish lacks, and Wagtail's default groups and workflow have Swedish names."""

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Workflow


def test_project_catalogue_translates_what_wagtail_lacks():
    with translation.override("sv"):
        assert gettext("Autosave is paused") == "Automatisk sparning är pausad"


@pytest.mark.django_db
def test_default_groups_and_workflow_are_swedish():
    names = set(Group.objects.values_list("name", flat=True))
    assert not names & {"Moderators", "Editors"}
    assert {"Moderatorer", "Redaktörer"} <= names
    assert not Workflow.objects.filter(name="Moderators approval").exists()
