"""A review step in which nobody approves what they submitted themselves."""

from wagtail.models import AbstractGroupApprovalTask


class ReviewByOthersTask(AbstractGroupApprovalTask):
    """Group approval in which the person who submitted cannot approve or reject.

    Without it a region editor could submit their own page and approve it at once, which made
    the region's review optional; the same holds for a curator's own good example.
    """

    def _submitted_by(self, obj, user) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self._submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super()
            .get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )

    @classmethod
    def get_description(cls):
        return (
            "Medlemmar i de valda grupperna godkänner steget, men aldrig det de själva "
            "skickade in för granskning."
        )

    class Meta:
        verbose_name = "granskning av någon annan"
        verbose_name_plural = "granskningar av någon annan"
