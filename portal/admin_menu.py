"""An admin menu item that shows how many things wait for the signed-in user."""

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem


class CountedMenuItem(MenuItem):
    """A menu item labelled "Label (3)" when three things wait; subclasses say what counts."""

    def count(self, request) -> int:
        raise NotImplementedError

    def render_component(self, request):
        waiting = self.count(request)
        return LinkMenuItem(
            self.name,
            f"{self.label} ({waiting})" if waiting else self.label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )
