from django import forms
from django.utils.translation import gettext_lazy as _

from cms.core.text import clean_plain_text
from plugins.feedback.models import MAX_COMMENT_LENGTH

ANSWERS = {"yes": True, "no": False}


class FeedbackForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Was this page useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What could be better? (optional)"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(
            attrs={"rows": 4, "maxlength": MAX_COMMENT_LENGTH, "aria-describedby": "comment-help"}
        ),
    )

    def clean_comment(self):
        return clean_plain_text(self.cleaned_data.get("comment", ""))

    @property
    def useful(self):
        return ANSWERS[self.cleaned_data["answer"]]
