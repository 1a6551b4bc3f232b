"""Helpers for the translators' workflow tests."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Site
from wagtail.users.models import UserProfile

from cms.pages.models import StandardPage
from cms.translations.roles import TRANSLATORS

_counter = itertools.count()


def make_user(*groups, superuser=False):
    n = next(_counter)
    user = get_user_model().objects.create_user(
        username=f"user{n}", email=f"user{n}@example.org", password="pw", is_superuser=superuser
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin in English, whatever the site's language
    profile.save()
    return user


def translator():
    return make_user(TRANSLATORS)


def moderator():
    return make_user("Moderators")


def home(site_slug, language=None):
    root = Site.objects.get(site_name=site_slug).root_page.specific
    if language and root.locale.language_code != language:
        return root.get_translation(Locale.objects.get(language_code=language)).specific
    return root


def new_page(site_slug, slug, title, intro, body=None):
    """A published standard page under the site's default-language home."""
    parent = home(site_slug)
    page = StandardPage(title=title, slug=slug, intro=intro, body=body or [])
    parent.add_child(instance=page)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def translate_po(po, translate):
    """Fill every msgstr of a wagtail-localize PO file with translate(msgid)."""
    for entry in po:
        if not entry.obsolete:
            entry.msgstr = translate(entry.msgid)
    return po


def locale(code):
    return Locale.objects.get(language_code=code)
