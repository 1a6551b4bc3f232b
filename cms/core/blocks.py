"""The body blocks every content page shares. Keep them stable: never build them from plugins."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

MISSING_ALT_TEXT = _(
    "Write the alternative text, or tick “Decorative” if the image adds nothing to the text."
)
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))], default="h2", label=_("Level")
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text the editor must write, unless they mark it
    decorative (it adds nothing to the text): then it is shown with an empty `alt`."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_(
            "What the image shows, for people who cannot see it. Required unless the image "
            "is decorative."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative"),
        required=False,
        help_text=_(
            "Tick only when the image adds nothing to the text: screen readers then skip it."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if value.get("decorative"):
            value["alt_text"] = ""
        elif not (value.get("alt_text") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"alt_text": ValidationError(MISSING_ALT_TEXT)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["alt"] = "" if value.get("decorative") else (value.get("alt_text") or "")
        return context

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Caption"), max_length=250)
    table = WagtailTableBlock(
        label=_("Table"), table_options={"startRows": 3, "startCols": 3, "colHeaders": False}
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Defaults to its title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "blocks/document_link.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or an address."))}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"


class BodyBlock(blocks.StreamBlock):
    """The rich body of content pages. Has no raw-HTML block on purpose."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Paragraph"),
        icon="pilcrow",
        template="blocks/paragraph.html",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    table = TableBlock()
    document = DocumentLinkBlock()
    call_to_action = CallToActionBlock()
