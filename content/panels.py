"""Admin panels: what happened to the editors' uploads, and edit forms without dead buttons."""

from django.conf import settings
from wagtail.admin.panels import FieldPanel, Panel, PanelGroup

from content.models.attachments import DocumentText


class DocumentTextStatusPanel(Panel):
    """Lists the page's attached documents with the outcome of their text extraction.

    ``documents`` names a method on the page returning its attached documents.
    """

    def __init__(self, documents: str, **kwargs):
        super().__init__(**kwargs)
        self.documents = documents

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "documents": self.documents}

    @property
    def clean_name(self):
        return super().clean_name or "document_text_status"

    class BoundPanel(Panel.BoundPanel):
        template_name = "content/panels/document_text_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            documents = getattr(self.instance, self.panel.documents)() if self.instance.pk else []
            records = {
                record.document_id: record
                for record in DocumentText.objects.filter(document__in=documents)
            }
            context["rows"] = [(document, records.get(document.pk)) for document in documents]
            return context


def without_comment_buttons(panel: Panel) -> Panel:
    """``panel`` with no "Lägg till kommentar" button on its fields when comments are off.

    ``WAGTAILADMIN_COMMENTS_ENABLED = False`` removes Wagtail's comment panel but not the
    per-field buttons (hidden, about 440 bytes each, 9 KB on the need form), which a screen
    reader still finds.
    """
    if getattr(settings, "WAGTAILADMIN_COMMENTS_ENABLED", True):
        return panel
    if isinstance(panel, FieldPanel):
        panel.disable_comments = True
    if isinstance(panel, PanelGroup):
        for child in panel.children:
            without_comment_buttons(child)
    return panel
