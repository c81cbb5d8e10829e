"""Background tasks of accounts: who is told about a request is worked out in the worker."""

from accounts import services
from portal.retries import retried_task


@retried_task()
def notify_membership_request(*, membership_id: int) -> int:
    return services.notify_membership_request(membership_id=membership_id)


@retried_task()
def notify_organisation_proposed(*, organisation_id: int) -> int:
    return services.notify_organisation_proposed(organisation_id=organisation_id)
