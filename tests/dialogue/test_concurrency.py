"""Two people post in the same thread at the same moment: both posts are stored.

Runs against a real transactional database (pytest-django's transactional_db) with two
threads, each on its own database connection.
"""

import threading
import uuid

import pytest
from django.db import close_old_connections, connection

from portal.dialogue import services
from portal.dialogue.models import Contribution
from tests.factories import ThreadFactory


@pytest.mark.django_db(transaction=True)
def test_two_users_posting_at_once_both_succeed(
    portal_site, need, member, teacher, municipality, provider
):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("needs a file or server database: in-memory SQLite shares one connection")
    thread = ThreadFactory(need=need, participants=[municipality, provider])
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(user, organisation):
        try:
            barrier.wait(timeout=10)
            services.post_contribution(
                user=user,
                thread=thread,
                organisation=organisation,
                kind="inspel",
                body=f"Samtidigt inlägg från {organisation.name}",
                submission_key=uuid.uuid4(),
            )
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    workers = [
        threading.Thread(target=write, args=(member, municipality)),
        threading.Thread(target=write, args=(teacher, provider)),
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert not worker.is_alive(), "a member's post still runs after 60 s"
    assert errors == []
    assert sorted(
        Contribution.objects.filter(thread=thread).values_list("organisation", flat=True)
    ) == sorted([municipality.pk, provider.pk])
