"""The demo content (pages and dialogue, as `make run` loads it) passes check_needs.

Today's demo sets statuses by hand and fails; branch ``democontent`` rewrites it. The marker
is strict: once the rewrite is merged this test passes, pytest reports the unexpected pass as
a failure, and the marker must be removed so the test guards the demo from then on.
"""

import io

import pytest
from django.core.management import call_command

from content.demo import load_demo_content

pytestmark = pytest.mark.django_db


@pytest.mark.xfail(
    reason="the demo's hand-set statuses contradict the chain until branch democontent is "
    "merged; remove this marker then",
    strict=True,
)
def test_demo_passes_check_needs(run_on_commit):
    run_on_commit(load_demo_content)
    run_on_commit(call_command, "load_demo_dialogue", stdout=io.StringIO())
    out = io.StringIO()
    try:
        call_command("check_needs", stdout=out, stderr=io.StringIO())
    except SystemExit as exit_:
        pytest.fail(f"check_needs exited {exit_.code}:\n{out.getvalue()}")
