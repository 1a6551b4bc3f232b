from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.core.throttle import too_many_links
from plugins.comments import conf
from plugins.comments.models import REPORT_REASONS, Reason
from plugins.comments.text import clean_text


class CommentForm(forms.Form):
    """A comment or a reply: plain text only; `website` is a trap for robots."""

    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text. Links become clickable. Be civil and stay on topic."),
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].max_length = conf.MAX_LENGTH()
        self.fields["text"].widget.attrs["maxlength"] = conf.MAX_LENGTH()
        self.fields["text"].validators.append(MaxLengthValidator(conf.MAX_LENGTH()))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your comment could not be posted."))
        return ""

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError(_("Write something before you post."))
        links = too_many_links(conf.MAX_LINKS(), text)
        if links:
            raise forms.ValidationError(
                ngettext(
                    "A comment may contain at most %(max)d link (this one has %(count)d).",
                    "A comment may contain at most %(max)d links (this one has %(count)d).",
                    conf.MAX_LINKS(),
                )
                % {"max": conf.MAX_LINKS(), "count": links}
            )
        return text


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=[(reason.value, reason.label) for reason in REPORT_REASONS],
        widget=forms.RadioSelect,
    )


class HideForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=Reason.choices)
