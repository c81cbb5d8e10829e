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
    # a question, input, a proposal awaiting the editors' decision and a reported post (4), and
    # a restricted thread (1); region 09 has one need: the whole chain only.
    assert first == (4, 13, 2, 2)
    assert set(Action.objects.values_list("need__region__code", flat=True)) == {"22", "09"}
    assert Thread.objects.filter(visibility="inbjudna").count() == 1
    assert set(Action.objects.values_list("need__status", flat=True)) == {"insats_pagar"}
    # Only the public threads move a need along: the second thread's need has a proposal, the
    # need with only a restricted thread is still "identifierat".
    statuses = sorted(
        CompetenceNeedPage.objects.filter(region__code="22").values_list("status", flat=True)
    )
    assert statuses == ["identifierat", "insats_foreslagen", "insats_pagar"]
    call_command("load_demo_dialogue", stdout=io.StringIO())
    assert counts() == first


def test_the_demo_editor_finds_something_in_every_panel(run_on_commit):
    """The demo region editor (Västernorrland) has an item in each to-do panel, and loading
    the demo again adds no second one."""
    from django.contrib.auth import get_user_model

    from content.demo import load_demo_content
    from portal import dashboard
    from portal.dialogue.demo_logins import ensure_demo_logins

    run_on_commit(load_demo_content)
    for _ in range(2):
        run_on_commit(call_command, "load_demo_dialogue", stdout=io.StringIO())
    ensure_demo_logins()
    editor = get_user_model().objects.get(username="demo-redaktor")
    counts = {panel.todo.slug: panel.count for panel in dashboard.panels_for(user=editor)}
    assert set(counts) == {
        "behov-utan-dialog",
        "forslag",
        "anmalningar",
        "forfragningar",
        "granskning",
    }
    assert all(counts.values()), counts
    assert counts["forslag"] == counts["anmalningar"] == counts["granskning"] == 1, counts
