"""A page's comment settings in the Wagtail admin: "Comment settings" in the page's menu
(in the editor's header and in the page listing) opens a short form, for the page's
editors, on sites where the plugin is enabled."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page

from cms.core.sites import profile_for_site
from plugins.comments import page_settings
from plugins.comments.models import PageCommentSettings


def _available(page):
    """A content page on a site whose profile enables the comments plugin."""
    if not page_settings.can_have_thread(page):
        return False
    site = page.get_site()
    return site is not None and "comments" in profile_for_site(site).plugins


class PageCommentsButton(PageMenuItem):
    label = gettext_lazy("Comment settings")
    icon_name = "comment"
    url_name = "comments_admin:page_settings"

    def is_shown(self, user):
        page = self.page.specific_deferred
        return _available(page) and page.permissions_for_user(user).can_edit()


class PageCommentSettingsForm(forms.ModelForm):
    also_translations = forms.BooleanField(
        label=gettext_lazy("Use the same settings for the translations of this page"),
        required=False,
        initial=True,
    )

    class Meta:
        model = PageCommentSettings
        fields = ["policy", "moderation"]


def _editable_translations(page, user):
    return [
        translation.specific
        for translation in page.get_translations().select_related("locale")
        if translation.permissions_for_user(user).can_edit()
    ]


def page_settings_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not _available(page):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translations = _editable_translations(page, request.user)
    form = PageCommentSettingsForm(request.POST or None, instance=page_settings.settings_of(page))
    if not translations:
        del form.fields["also_translations"]
    if request.method == "POST" and form.is_valid():
        policy, moderation = form.cleaned_data["policy"], form.cleaned_data["moderation"]
        targets = [page]
        if form.cleaned_data.get("also_translations"):
            targets += translations
        for target in targets:
            page_settings.save_settings(target, policy, moderation)
        messages.success(
            request,
            _("Comment settings of “%(title)s” saved (%(policy)s).")
            % {
                "title": page.get_admin_display_title(),
                "policy": page_settings.effective_policy(page).label,
            },
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "comments/admin/page_settings.html",
        {
            "page": page,
            "form": form,
            "default_policy": page_settings.default_policy(page),
            "translations": translations,
        },
    )
