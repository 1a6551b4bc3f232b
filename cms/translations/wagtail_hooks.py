from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail_localize.models import Translation

from cms.translations import editor, machine_views, submit_languages, views
from cms.translations.roles import is_translator_only
from cms.translations.slugs import has_cyrillic, slug_for
from cms.translations.submit_view import submit_translation_page


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    own = [
        path("status/", views.status_view, name="status"),
        path(
            "submit/<int:translation_id>/",
            submit_translation_page,
            name="submit_for_moderation",
        ),
    ]
    # The same paths as wagtail-localize's views, matched first (see machine_views).
    localize_overrides = [
        path(
            "localize/translate/<int:translation_id>/machine_translate/",
            machine_views.machine_translate,
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            machine_views.SafeUpdateTranslationsView.as_view(),
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            submit_languages.SiteLanguagesPageTranslationView.as_view(),
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            submit_languages.SiteLanguagesSnippetTranslationView.as_view(),
        ),
        path("localize/page/<int:page_id>/convert_to_alias/", editor.convert_to_alias),
    ]
    return [
        path("translations/", include((own, "translations"), namespace="translations")),
        *localize_overrides,
    ]


@hooks.register("register_reports_menu_item")
def register_status_report_menu_item():
    return MenuItem(
        gettext_lazy("Translation status"),
        reverse("translations:status"),
        icon_name="site",
        order=700,
    )


def _enabled_translation(page):
    return (
        Translation.objects.filter(
            enabled=True,
            target_locale_id=page.locale_id,
            source__object_id=page.translation_key,
        )
        .exclude(source__locale_id=page.locale_id)
        .first()
    )


def submit_buttons(page, user, view_name=None, next_url=None):
    """ "Submit translation for approval" on a translated page its user may edit."""
    if page.is_root() or not page.permissions_for_user(user).can_edit():
        return
    translation = _enabled_translation(page)
    if translation is None or page.workflow_in_progress:
        return
    yield Button(
        _("Submit translation for approval"),
        reverse("translations:submit_for_moderation", args=[translation.pk]),
        priority=61,
        icon_name="resubmit",
    )


hooks.register("register_page_listing_more_buttons", submit_buttons)
hooks.register("register_page_header_buttons", submit_buttons)


@hooks.register("before_delete_page")
def translators_do_not_delete(request, page):
    if is_translator_only(request.user, page):
        messages.error(request, _("Translators cannot delete pages."))
        return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("construct_page_action_menu")
def translators_do_not_convert_to_alias(menu_items, request, context):
    """No "Convert to alias page" for translators (see cms.translations.editor)."""
    page = context.get("page")
    if page is not None and is_translator_only(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


@hooks.register("before_bulk_action")
def translators_do_not_bulk_delete(request, action_type, objects, action_class_instance):
    if action_type == "delete" and is_translator_only(request.user):
        messages.error(request, _("Translators cannot delete pages."))
        return redirect("wagtailadmin_home")


def _normalise_slug(request, page_language, never_published):
    """The slug of a submitted page form by the national romanisation (see README)."""
    if request.method != "POST" or "slug" not in request.POST:
        return
    title = request.POST.get("title", "")
    slug = request.POST.get("slug", "").strip()
    wanted = None
    if not slug:
        wanted = slug_for(title, page_language)
    elif not slug.isascii():
        wanted = slug_for(slug, page_language)
    elif never_published and has_cyrillic(title) and _looks_automatic(slug, title, page_language):
        wanted = slug_for(title, page_language)
    if wanted and wanted != slug:
        data = request.POST.copy()
        data["slug"] = wanted
        request.POST = data


def _looks_automatic(slug, title, language):
    """Whether `slug` is the admin's own (approximate) transliteration of `title`."""
    from difflib import SequenceMatcher

    national = slug_for(title, language)
    return SequenceMatcher(None, slug, national).ratio() >= 0.8


@hooks.register("before_create_page")
def slug_on_create(request, parent_page, page_class):
    language = request.GET.get("locale") or parent_page.locale.language_code
    _normalise_slug(request, language, never_published=True)


@hooks.register("before_edit_page")
def slug_on_edit(request, page):
    _normalise_slug(request, page.locale.language_code, page.first_published_at is None)
