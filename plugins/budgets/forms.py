"""The citizen's forms: proposing (and editing) a project, and the voting-code entry."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from cms.core.dates import format_number
from cms.core.text import clean_plain_text
from plugins.budgets.models import BudgetProject
from plugins.budgets.voting import pool_budget

MAX_IMAGES = 3
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MAX_PIXELS = 40_000_000


def max_image_bytes():
    return getattr(settings, "BUDGETS_MAX_IMAGE_BYTES", 5 * 1024 * 1024)


def check_image(upload):
    """Accept only a JPEG, PNG or WebP image (by its content, whatever its name says) under
    the size cap; return its format."""
    if upload.size > max_image_bytes():
        raise ValidationError(
            _("An image may be at most %(size)d MB."),
            params={"size": max_image_bytes() // (1024 * 1024)},
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            found = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image.")) from None
    finally:
        upload.seek(0)
    if found not in IMAGE_FORMATS:
        raise ValidationError(_("This file is not a JPEG, PNG or WebP image."))
    if width * height > MAX_PIXELS:
        raise ValidationError(_("This image is too large."))
    return found


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ImagesField(forms.FileField):
    """Up to MAX_IMAGES images at once, each checked by its content."""

    widget = MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_IMAGES:
            raise ValidationError(
                _("Attach at most %(count)d images."), params={"count": MAX_IMAGES}
            )
        errors = []
        for upload in files:
            try:
                check_image(upload)
            except ValidationError as error:
                errors.extend(f"{upload.name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return list(files)


class ProjectForm(forms.ModelForm):
    """A citizen's project: the cycle's districts and categories, a cost within the budget
    and up to three images."""

    images = ImagesField(
        label=_("Images"),
        required=False,
        help_text=_("Up to 3 images (JPEG, PNG or WebP, at most 5 MB each)."),
    )
    image_alt = forms.CharField(
        label=_("What the images show"),
        required=False,
        max_length=200,
        help_text=_("For people who cannot see the images."),
    )

    class Meta:
        model = BudgetProject
        fields = ["title", "description", "district", "category", "location", "cost_estimate"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "location": _("The address or place, as precisely as you can."),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        districts = cycle.source_districts()
        categories = cycle.source_categories()
        self.fields["district"].queryset = districts
        self.fields["district"].label_from_instance = cycle.local_name
        self.fields["category"].queryset = categories
        self.fields["category"].label_from_instance = cycle.local_name
        if not districts.exists():
            del self.fields["district"]
        else:
            # City-wide projects only where the districts leave money for the whole city.
            self.fields["district"].required = not pool_budget(cycle)
            self.fields["district"].empty_label = _("The whole city")
        if not categories.exists():
            del self.fields["category"]
        self.fields["cost_estimate"].label = _("Cost estimate (%(currency)s)") % {
            "currency": cycle.currency
        }
        kept = self.instance.images.count() if self.instance.pk else 0
        self.room_for_images = MAX_IMAGES - kept
        if self.instance.pk:
            self.fields["remove_images"] = forms.ModelMultipleChoiceField(
                label=_("Remove images"),
                required=False,
                queryset=self.instance.images.all(),
                widget=forms.CheckboxSelectMultiple,
            )

    def clean_title(self):
        title = clean_plain_text(self.cleaned_data["title"]).replace("\n", " ")
        if not title:
            raise ValidationError(_("Give your project a title."))
        return title

    def clean_description(self):
        description = clean_plain_text(self.cleaned_data["description"])
        if len(description) < 20:
            raise ValidationError(_("Describe your project in a few sentences."))
        return description

    def clean_location(self):
        return clean_plain_text(self.cleaned_data.get("location", "")).replace("\n", " ")

    def clean_image_alt(self):
        return clean_plain_text(self.cleaned_data.get("image_alt", "")).replace("\n", " ")

    def clean(self):
        cleaned = super().clean()
        cost = cleaned.get("cost_estimate")
        if cost is not None:
            limit = pool_budget(self.cycle, cleaned.get("district"))
            if cost <= Decimal(0):
                self.add_error("cost_estimate", _("The cost must be more than zero."))
            elif cost > limit:
                self.add_error(
                    "cost_estimate",
                    _("The cost may not exceed the budget of %(limit)s %(currency)s.")
                    % {"limit": format_number(limit, 2), "currency": self.cycle.currency},
                )
        images = cleaned.get("images") or []
        removed = len(cleaned.get("remove_images") or [])
        if len(images) > self.room_for_images + removed:
            self.add_error(
                "images",
                _("A project has at most %(count)d images: remove one first.")
                % {"count": MAX_IMAGES},
            )
        return cleaned


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Voting code"),
        max_length=40,
        help_text=_("The code on the paper from your school, for example ABCD-EFGH-JKLM."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
