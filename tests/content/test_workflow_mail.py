"""Wagtail's own workflow e-mails leave the request through the task queue, like all mail."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from content.models import GoodExamplePage
from tests.factories import UserFactory, good_example_index


@pytest.mark.django_db(transaction=True)
def test_submitting_for_review_mails_the_reviewers_from_the_worker(portal_site, task_worker):
    author = UserFactory(groups=["Redaktör – Region Gotland"])
    reviewer = UserFactory(groups=["Redaktör – Region Gotland"], email="granskare@gotland.se")
    page = GoodExamplePage(
        title="Lärlingsnätverk på Gotland",
        slug="larlingsnatverk",
        summary="Företagen delar på handledningen.",
        outcome="lyckat",
        live=False,
    )
    good_example_index("09").add_child(instance=page)
    page.save_revision(user=author)

    page.get_workflow().start(page, author)

    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="portal.outgoing_mail.deliver_email").exists()
    task_worker.run()
    to_reviewer = [message for message in mail.outbox if reviewer.email in message.to]
    assert len(to_reviewer) == 1
    assert "Lärlingsnätverk på Gotland" in to_reviewer[0].subject
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
