"""Blocks of the home page: the top tasks citizens come for (links to services)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class TopTaskBlock(blocks.StructBlock):
    """One service citizens come for: a page of the site or an address elsewhere."""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    description = blocks.CharBlock(label=_("Short description"), max_length=160, required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(
        label=_("Or an address elsewhere"),
        required=False,
        help_text=_("Used when no page is chosen."),
    )

    class Meta:
        icon = "link"
        label = _("Top task")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or write an address, one of the two.")
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        return value


class TopTasksBlock(blocks.StreamBlock):
    task = TopTaskBlock()

    class Meta:
        max_num = 8
