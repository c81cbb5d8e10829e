"""Admin: the moderation queue and log, for curators (everywhere) and region editors."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks

from portal.admin_menu import CountedMenuItem
from portal.dialogue import admin_views, selectors


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "dialog/",
            include(
                (
                    [
                        path("moderering/", admin_views.queue, name="queue"),
                        path(
                            "moderering/inlagg/<int:pk>/",
                            admin_views.contribution,
                            name="contribution",
                        ),
                        path("moderering/logg/", admin_views.log, name="log"),
                    ],
                    "dialogue_admin",
                )
            ),
        )
    ]


class ModerationMenuItem(CountedMenuItem):
    def is_shown(self, request) -> bool:
        return selectors.is_moderator(user=request.user)

    def count(self, request) -> int:
        return selectors.open_reports(user=request.user).values("contribution").distinct().count()


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        "Moderering av dialoger",
        reverse("dialogue_admin:queue"),
        icon_name="warning",
        order=820,
    )


@hooks.register("insert_global_admin_css")
def moderation_css():
    # A stylesheet rather than style attributes, so the admin's pages need no inline styles.
    return format_html('<link rel="stylesheet" href="{}">', static("css/moderation.css"))
