"""A user's groups are read once per user object, and a change through it is seen at once."""

import pytest
from django.contrib.auth.models import Group

from accounts.selectors import can_edit_or_moderate, edited_region_names, group_names
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EDITOR = "Redaktör – Region Gotland"


def test_the_roles_of_a_request_cost_one_query(django_assert_num_queries):
    user = UserFactory(groups=[EDITOR])
    with django_assert_num_queries(1):
        assert edited_region_names(user=user) == ["Region Gotland"]
        assert can_edit_or_moderate(user=user)
        assert EDITOR in group_names(user=user)


def test_adding_and_removing_a_group_through_the_user_is_seen():
    user = UserFactory()
    assert edited_region_names(user=user) == []
    user.groups.add(Group.objects.get(name=EDITOR))
    assert edited_region_names(user=user) == ["Region Gotland"]
    user.groups.clear()
    assert group_names(user=user) == frozenset()
