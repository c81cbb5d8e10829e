"""load_demo_dialogue: threads, posts, endorsements and an accepted action; twice is once."""

import io

import pytest
from django.core.management import call_command

from content.models import CompetenceNeedPage
from portal.dialogue.models import Action, Contribution, Endorsement, Thread
from tests.factories import CompetenceNeedPageFactory

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (
        Thread.objects.count(),
        Contribution.objects.count(),
        Endorsement.objects.count(),
        Action.objects.count(),
    )


def test_demo_dialogue_is_complete_and_idempotent():
    for code in ("22", "22", "22", "09"):
        CompetenceNeedPageFactory(region=code)
    call_command("load_demo_dialogue", stdout=io.StringIO())
    first = counts()
    # Region 22: the whole chain (4 posts, an endorsement, an accepted action), a thread with
    # a question and input (2), and a restricted thread (1); region 09 has one need: the whole
    # chain only.
    assert first == (4, 11, 2, 2)
    assert set(Action.objects.values_list("need__region__code", flat=True)) == {"22", "09"}
    assert Thread.objects.filter(visibility="inbjudna").count() == 1
    assert set(Action.objects.values_list("need__status", flat=True)) == {"insats_pagar"}
    # Only the public threads move a need along: the question thread's need is "i dialog",
    # the need with only a restricted thread is still "identifierat".
    statuses = sorted(
        CompetenceNeedPage.objects.filter(region__code="22").values_list("status", flat=True)
    )
    assert statuses == ["i_dialog", "identifierat", "insats_pagar"]
    call_command("load_demo_dialogue", stdout=io.StringIO())
    assert counts() == first
