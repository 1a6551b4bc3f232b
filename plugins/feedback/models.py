from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_COMMENT_LENGTH = 500


class PageFeedback(models.Model):
    """One reader's answer to "Was this page useful?". Only the page, its language, the
    answer, the optional comment and the day are stored: no address, browser or account."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=10)
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), max_length=MAX_COMMENT_LENGTH, blank=True)
    created_on = models.DateField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        indexes = [models.Index(fields=["page", "useful"])]

    def __str__(self):
        return f"{self.page_id}: {'+' if self.useful else '-'}"
