"""StreamField blocks for analysis bodies. Each has a template, an icon and a preview."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from content.charts import key_figure_proportion

BODY_RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Rubrik", max_length=200)
    level = blocks.ChoiceBlock(
        label="Nivå",
        choices=[("h2", "Rubrik 2"), ("h3", "Rubrik 3"), ("h4", "Rubrik 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Rubrik"
        template = "blocks/heading.html"
        preview_value = {"text": "Kompetensbehov inom vård och omsorg", "level": "h2"}


class KeyFigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Vad som mäts", max_length=200)
    value = blocks.CharBlock(label="Värde", max_length=50)
    unit = blocks.CharBlock(label="Enhet", max_length=50, required=False)
    source = blocks.CharBlock(label="Källa", max_length=200, required=False)

    class Meta:
        icon = "order"
        label = "Nyckeltal"
        template = "blocks/key_figure.html"
        preview_value = {
            "label": "Rekryteringsbehov undersköterskor till 2035",
            "value": "4 300",
            "unit": "personer",
            "source": "SCB, Trender och prognoser",
        }

    def get_context(self, value, parent_context=None):
        """A share in percent is drawn against the whole; other figures stay a number."""
        context = super().get_context(value, parent_context=parent_context)
        context["proportion"] = key_figure_proportion(
            value=value.get("value") or "", unit=value.get("unit") or ""
        )
        return context


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Bild")
    alt_text = blocks.CharBlock(
        label="Alternativtext",
        max_length=250,
        help_text="Beskriv vad bilden visar för den som inte kan se den.",
    )
    caption = blocks.CharBlock(label="Bildtext", max_length=250, required=False)

    class Meta:
        icon = "image"
        label = "Bild"
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citat", max_length=1000)
    attribution = blocks.CharBlock(label="Vem som säger det", max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = "Citat"
        template = "blocks/quote.html"
        preview_value = {
            "quote": "Vi behöver utbilda fler undersköterskor än någonsin tidigare.",
            "attribution": "Regional utvecklingsdirektör",
        }


class AnalysisBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="Text",
        features=BODY_RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph.html",
    )
    heading = HeadingBlock()
    key_figure = KeyFigureBlock()
    table = TableBlock(label="Tabell", template="blocks/table.html")
    image = ImageBlock()
    quote = QuoteBlock()
