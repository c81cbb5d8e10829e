"""Admin registration: the reference classifications as read-only, searchable snippets."""

from wagtail import hooks
from wagtail.log_actions import LogFormatter, log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content.models import (
    EducationField,
    Municipality,
    NeedStatus,
    Occupation,
    Region,
    Sector,
    Theme,
)
from content.services import NEED_STATUS_LOG_ACTION


class ReferenceDataPermissionPolicy(ModelPermissionPolicy):
    """View only, for everyone including superusers.

    Reference data changes through the files in content/data and ``load_reference_data``; an
    edit made in the admin would be silently overwritten by the next load, so none is offered.
    """

    READ_ONLY_ACTIONS = frozenset({"view"})

    def user_has_permission(self, user, action):
        return action in self.READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action in self.READ_ONLY_ACTIONS]
        return super().users_with_any_permission(allowed)


class ReferenceDataViewSet(SnippetViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False


class RegionViewSet(ReferenceDataViewSet):
    model = Region
    icon = "site"
    list_display = ["name", "code", "county_name"]


class MunicipalityViewSet(ReferenceDataViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "code", "region"]
    list_filter = ["region"]


class SectorViewSet(ReferenceDataViewSet):
    model = Sector
    icon = "tag"
    list_display = ["name", "code", "level", "version"]
    list_filter = ["version", "level"]


class OccupationViewSet(ReferenceDataViewSet):
    model = Occupation
    icon = "user"
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]


class EducationFieldViewSet(ReferenceDataViewSet):
    model = EducationField
    icon = "doc-full"
    list_display = ["name", "code"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = "Referensdata"
    menu_icon = "list-ul"
    menu_order = 900
    items = (
        RegionViewSet,
        MunicipalityViewSet,
        SectorViewSet,
        OccupationViewSet,
        EducationFieldViewSet,
    )


for viewset in ReferenceDataGroup.items:
    register_permission_policy(viewset.model, ReferenceDataPermissionPolicy(viewset.model))
register_snippet(ReferenceDataGroup)


class ThemeViewSet(SnippetViewSet):
    """Themes of learning collections: a curated list that curators maintain."""

    model = Theme
    icon = "tag"
    menu_label = "Teman"
    menu_order = 800
    add_to_admin_menu = True
    list_display = ["name", "slug"]


register_snippet(ThemeViewSet)


@hooks.register("register_log_actions")
def register_need_status_action(actions):
    @actions.register_action(NEED_STATUS_LOG_ACTION)
    class NeedStatusChanged(LogFormatter):
        label = "Behovets status ändrad"

        def format_message(self, log_entry):
            data = log_entry.data
            labels = dict(NeedStatus.choices)
            return (
                f"Status ändrad från {labels.get(data.get('from'), data.get('from'))} till "
                f"{labels.get(data.get('to'), data.get('to'))}: {data.get('reason', '')}"
            )


@hooks.register("after_edit_page")
def log_status_change(request, page):
    """Keep an editor's status change, and the reason for moving it back, in the history."""
    change = getattr(page, "status_change", None)
    if change:
        log(
            instance=page,
            action=NEED_STATUS_LOG_ACTION,
            user=request.user,
            revision=page.latest_revision,
            data=change,
        )
