"""Admin: organisations, memberships and the queue of pending requests."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from accounts import admin_views, selectors
from accounts.models import Membership, Organisation
from portal.admin_menu import CountedMenuItem


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisationer"
    # A plain column would print Python's True/False; BooleanColumn shows a tick with "Ja"/"Nej"
    # (templates/wagtailadmin/tables/boolean_cell.html).
    list_display = [
        "name",
        "kind",
        "organisation_number",
        "region",
        BooleanColumn(
            "is_approved", label=Organisation._meta.get_field("is_approved").verbose_name
        ),
    ]
    list_filter = ["kind", "education_kind", "is_approved", "region"]
    # Plain database lookups: organisations are not in Wagtail's search index.
    search_backend_name = None
    search_fields = ["name", "organisation_number", "municipality__name", "region__name"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("education_kind")], heading="Typ av organisation"
        ),
        FieldPanel("organisation_number"),
        FieldPanel("region"),
        FieldPanel("municipality"),
        FieldPanel("website"),
        FieldPanel("is_approved"),
    ]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = "Medlemskap"
    list_display = ["user", "organisation", "role", "status", "requested_at", "decided_by"]
    list_filter = ["status", "role", "organisation__kind"]
    search_backend_name = None
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__email",
        "organisation__name",
    ]
    inspect_view_enabled = True
    # Staff add members directly or change roles here; a request's decision is taken in the
    # "Väntande förfrågningar" queue, which also e-mails the person who asked.
    panels = [
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("role"),
        FieldPanel("status"),
    ]


class AccountsGroup(SnippetViewSetGroup):
    menu_label = "Aktörer"
    menu_icon = "group"
    menu_order = 800
    items = (OrganisationViewSet, MembershipViewSet)


register_snippet(AccountsGroup)


@hooks.register("register_admin_urls")
def register_pending_requests_url():
    return [
        path(
            "aktorer/forfragningar/",
            include(
                (
                    [path("", admin_views.pending_requests, name="pending")],
                    "accounts_admin",
                )
            ),
        )
    ]


class PendingRequestsMenuItem(CountedMenuItem):
    def is_shown(self, request) -> bool:
        return selectors.may_decide_requests(user=request.user)

    def count(self, request) -> int:
        return selectors.pending_count(user=request.user)


@hooks.register("register_admin_menu_item")
def register_pending_requests_menu_item():
    return PendingRequestsMenuItem(
        "Väntande förfrågningar",
        reverse("accounts_admin:pending"),
        icon_name="mail",
        order=810,
    )
