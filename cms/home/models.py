from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage
from cms.home.blocks import TopTasksBlock


class HomePage(BasePage):
    """The root of one municipality's site in one language: its front door. Editors write
    the introduction, the hotline and the top tasks; the other sections (open consultations,
    upcoming events, the current action plan, latest news) follow the live content."""

    intro = models.TextField(_("introduction"), blank=True)
    hotline_label = models.CharField(
        _("hotline name"),
        max_length=80,
        blank=True,
        help_text=_("For example “City hotline”. Empty: the name in the site's profile."),
    )
    hotline_number = models.CharField(
        _("hotline number"),
        max_length=30,
        blank=True,
        help_text=_("Empty: the number in the site's profile; no hotline box when both are."),
    )
    hotline_text = models.CharField(
        _("hotline details"),
        max_length=200,
        blank=True,
        help_text=_("When it answers and what it helps with, in one sentence."),
    )
    top_tasks = StreamField(
        TopTasksBlock(),
        blank=True,
        verbose_name=_("top tasks"),
        help_text=_("The services citizens come for most, as links (at most eight)."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hotline_label"), FieldPanel("hotline_number"), FieldPanel("hotline_text")],
            heading=_("Hotline"),
        ),
        FieldPanel("top_tasks"),
        FieldPanel("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from cms.home.sections import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, request))
        return context
