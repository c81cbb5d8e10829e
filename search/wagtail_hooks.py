"""The editors' synonym list in the admin (Snippets → Synonymer)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "Söksynonymer"
    add_to_admin_menu = True
    list_display = ["terms"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)
