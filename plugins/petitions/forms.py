"""The forms citizens fill in: starting a petition (with attachments checked by their
content) and signing one."""

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.archive.validators import content_matches_extension
from cms.core.text import clean_plain_text
from plugins.petitions import abuse
from plugins.petitions.models import Petition, PetitionTopic

ATTACHMENT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")
MAX_ATTACHMENTS = 3


def max_attachment_bytes():
    return getattr(settings, "PETITIONS_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to MAX_ATTACHMENTS files: PDF, JPEG or PNG whose bytes are what the name says."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if len(uploads) > MAX_ATTACHMENTS:
            raise ValidationError(
                ngettext(
                    "You can attach at most %(count)d file.",
                    "You can attach at most %(count)d files.",
                    MAX_ATTACHMENTS,
                )
                % {"count": MAX_ATTACHMENTS},
                code="too_many",
            )
        errors = []
        for upload in uploads:
            try:
                check_attachment(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads


def check_attachment(upload):
    name = os.path.basename(upload.name or "")
    extension = os.path.splitext(name)[1][1:].lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("“%(name)s” cannot be attached: only PDF, JPEG and PNG files can.") % {"name": name},
            code="invalid_extension",
        )
    limit = max_attachment_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s). The largest file allowed is %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if not upload.size:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty_file")
    if not content_matches_extension(upload, extension):
        raise ValidationError(
            _(
                "“%(name)s” is not a valid %(format)s file. It may be damaged, or its name "
                "ends in the wrong extension."
            )
            % {"name": name, "format": extension.upper()},
            code="content_mismatch",
        )


def _too_long():
    return _("Please shorten this to at most %(limit_value)d characters (it has %(show_value)d).")


class StartPetitionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=Petition._meta.get_field("title").max_length,
        help_text=_("A short sentence that says what the petition is about."),
        error_messages={"max_length": _too_long()},
    )
    text = forms.CharField(
        label=_("Text of the petition"),
        max_length=Petition._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Why the petition matters: the problem and the facts. Plain text."),
        error_messages={"max_length": _too_long()},
    )
    request = forms.CharField(
        label=_("What the petition asks the council to do"),
        max_length=Petition._meta.get_field("request").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _too_long()},
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=PetitionTopic.objects.none(),
        empty_label=_("Choose a topic"),
        error_messages={"invalid_choice": _("Please choose one of the topics offered.")},
    )
    attachments = AttachmentsField(label=_("Attachments"), required=False)

    def __init__(self, *args, locale=None, author=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.author = author
        self.fields["topic"].queryset = PetitionTopic.objects.filter(locale=locale, live=True)
        self.fields["attachments"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"
        self.fields["attachments"].help_text = _(
            "Up to %(count)d files: PDF, JPEG or PNG, at most %(limit)s each."
        ) % {"count": MAX_ATTACHMENTS, "limit": filesizeformat(max_attachment_bytes())}

    def _clean_text(self, name):
        value = clean_plain_text(self.cleaned_data.get(name, ""))
        if not value:
            raise ValidationError(_("This field cannot be empty."), code="required")
        return value

    def clean_title(self):
        return " ".join(self._clean_text("title").split())

    def clean_text(self):
        return self._clean_text("text")

    def clean_request(self):
        return self._clean_text("request")

    def clean(self):
        cleaned = super().clean()
        error = abuse.links_error(cleaned.get("title"), cleaned.get("text"), cleaned.get("request"))
        if error:
            self.add_error("text", error)
        if self.author is not None and cleaned.get("text"):
            error = abuse.duplicate_error(self.author, cleaned["text"])
            if error:
                self.add_error("text", error)
        return cleaned


class SignForm(forms.Form):
    show_name = forms.BooleanField(
        label=_("Show my name in the public list of signatures"), required=False
    )
    notify = forms.BooleanField(
        label=_("Email me when this petition's status changes"), required=False
    )
