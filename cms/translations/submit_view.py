from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page
from wagtail_localize.models import Translation

from cms.translations.views import submit_translation_for_moderation
from cms.translations.workflow import target_of


def submit_translation_page(request, translation_id):
    """GET: ask for confirmation; POST: submit the translation for approval."""
    if request.method == "POST":
        return submit_translation_for_moderation(request, translation_id)
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    target = target_of(translation)
    if not isinstance(target, Page) or not target.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return TemplateResponse(
        request,
        "translations/confirm_submit.html",
        {"translation": translation, "page": target, "next": request.GET.get("next", "")},
    )
