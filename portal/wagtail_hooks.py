"""The admin home of editors and curators: panels of what waits for their decision."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.ui.components import Component

from portal import dashboard, dashboard_views


class TodoPanel(Component):
    """One to-do list on the admin home: its count, the newest items and "Visa alla"."""

    template_name = "portal/admin/todo_panel.html"

    def __init__(self, panel: dashboard.Panel, order: int):
        self.panel = panel
        self.order = order
        self.name = f"att-gora-{panel.todo.slug}"

    def get_context_data(self, parent_context):
        return {"panel": self.panel}


# Wagtail's own "Awaiting your review" panel lists every task state with several queries each;
# the "granskning" and "kurering" panels replace it at a fixed cost.
REPLACED_PANELS = {"workflow_objects_to_moderate"}


@hooks.register("construct_homepage_panels")
def add_todo_panels(request, panels):
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    for index, todo_panel in enumerate(dashboard.panels_for(user=request.user)):
        panels.append(TodoPanel(todo_panel, order=10 + index))
    panels.sort(key=lambda panel: getattr(panel, "order", 1000))


@hooks.register("register_admin_urls")
def register_todo_urls():
    return [
        path(
            "att-gora/",
            include(
                (
                    [path("<slug:slug>/", dashboard_views.todo_list, name="list")],
                    "portal_dashboard",
                )
            ),
        )
    ]
