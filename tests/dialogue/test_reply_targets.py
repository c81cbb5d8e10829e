"""The thread page with a reply target that is not a number of ours: 404 or a form error.

Found by fuzzing (issue 11): ``?svar=²`` passed ``str.isdigit()`` and failed in ``int()``, and a
POST whose ``parent`` failed the form was read again raw (``abc``, ``1.5``, ``²``).
"""

import pytest

from portal.request_numbers import MAX_ID
from tests.dialogue.conftest import contribution_data
from tests.factories import ContributionFactory, ThreadFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000


@pytest.fixture
def thread(need, municipality, provider):
    return ThreadFactory(need=need, participants=[municipality, provider])


@pytest.mark.parametrize("raw", ["²", HUGE, "1.5", str(MAX_ID + 1), "abc"])
def test_thread_page_ignores_an_unusable_reply_target(client, thread, member, raw):
    client.force_login(member)
    response = client.get(thread.get_url(), {"svar": raw})
    assert response.status_code == 200
    assert 'name="parent"' in response.text


@pytest.mark.parametrize("raw", ["abc", "1.5", "²", HUGE, "-3"])
def test_posting_with_a_bad_parent_is_a_form_error(client, thread, member, municipality, raw):
    client.force_login(member)
    response = client.post(thread.get_url(), contribution_data(municipality, parent=raw))
    assert response.status_code == 200
    assert "Inlägget du svarar på finns inte." in response.text
    assert not thread.contributions.exists()


def test_posting_a_reply_to_a_missing_post_answers_404(client, thread, member, municipality):
    client.force_login(member)
    response = client.post(thread.get_url(), contribution_data(municipality, parent=str(MAX_ID)))
    assert response.status_code == 404


def test_a_valid_reply_still_works(client, thread, member, municipality):
    parent = ContributionFactory(thread=thread, organisation=municipality)
    client.force_login(member)
    response = client.post(thread.get_url(), contribution_data(municipality, parent=parent.pk))
    assert response.status_code == 302
    assert thread.contributions.filter(parent=parent).count() == 1
