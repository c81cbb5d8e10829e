"""The demo content (pages and dialogue, as `make run` loads it) passes check_needs: every
need's status agrees with its threads, proposals, insatser and results."""

import io

import pytest
from django.core.management import call_command

from content.demo import load_demo_content

pytestmark = pytest.mark.django_db


def test_demo_passes_check_needs(run_on_commit):
    run_on_commit(load_demo_content)
    run_on_commit(call_command, "load_demo_dialogue", stdout=io.StringIO())
    out = io.StringIO()
    try:
        call_command("check_needs", stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        pytest.fail(f"check_needs exited {exit_.code}:\n{out.getvalue()}")
