"""wagtail-localize's "Translate" forms, offering only the languages of the object's own site.

Mounted on wagtail-localize's own paths ahead of its views (see wagtail_hooks): a Ternopil
page is offered English only, never Slovak or Bulgarian; a request naming another language
is refused by the form and creates nothing. Snippets that belong to a site (a `site` field)
get that site's languages; other snippets are shared by every site and keep every language.
"""

from django.contrib import messages
from django.forms import HiddenInput
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)

from cms.core.sites import profile_for_page, profile_for_site

NOT_A_SITE_LANGUAGE = _(
    "Only the languages of this site can be chosen; the site is not published in that one."
)


def restrict_to_languages(form, languages):
    """Narrow the form's choice of locales to `languages` (language codes)."""
    field = form.fields["locales"]
    field.queryset = field.queryset.filter(language_code__in=languages)
    field.error_messages["invalid_choice"] = NOT_A_SITE_LANGUAGE
    if len(field.queryset) < 2:
        form.fields["select_all"].widget = HiddenInput()
    return form


def snippet_languages(snippet):
    """The languages of the site a snippet belongs to, or None for a snippet of every site."""
    if not any(field.name == "site" for field in snippet._meta.get_fields()):
        return None
    site = getattr(snippet, "site", None)
    return profile_for_site(site).languages if site is not None else None


class NothingLeftMixin:
    """Back where the user came from, saying so, when the object already exists in every
    language it may be translated into (instead of a form with nothing to tick)."""

    def get(self, request, *args, **kwargs):
        if self.get_form().fields["locales"].queryset.exists():
            return super().get(request, *args, **kwargs)
        messages.info(
            request,
            gettext("'%(title)s' already exists in every language of its site.")
            % {"title": self.get_subtitle()},
        )
        return redirect(self.get_success_url() or self.get_default_success_url())


class SiteLanguagesPageTranslationView(NothingLeftMixin, SubmitPageTranslationView):
    """Translate a page into the other languages of its site only."""

    def get_form(self):
        return restrict_to_languages(super().get_form(), profile_for_page(self.object).languages)


class SiteLanguagesSnippetTranslationView(NothingLeftMixin, SubmitSnippetTranslationView):
    """Translate a snippet; one that belongs to a site, into that site's languages only."""

    def get_form(self):
        form = super().get_form()
        languages = snippet_languages(self.object)
        return form if languages is None else restrict_to_languages(form, languages)
