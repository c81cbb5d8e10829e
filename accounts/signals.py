"""Keeps the group names cached on a user object (accounts.selectors.group_names) true."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from accounts.selectors import GROUP_NAMES_ATTRIBUTE


@receiver(
    m2m_changed,
    sender=get_user_model().groups.through,
    dispatch_uid="accounts.forget_group_names",
)
def forget_group_names(sender, instance, action, **kwargs):
    # Only the object the change went through can be reached; other objects of the same user
    # (another request's) load their groups anew anyway.
    if action.startswith("post_"):
        instance.__dict__.pop(GROUP_NAMES_ATTRIBUTE, None)
