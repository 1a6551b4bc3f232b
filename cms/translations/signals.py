"""Signal handlers: the Translators group and snippet publishers after migrate; translated
slugs kept readable."""

import re

from django.apps import apps
from django.db.models.signals import post_migrate, pre_save
from wagtail_localize.models import StringTranslation

from cms.translations.slugs import slug_for

VALID_SLUG = re.compile(r"^[-a-z0-9_]+$")


def create_translators_group(app_config, **kwargs):
    """Once every app's permissions exist (the last app's post_migrate; Django sends it only
    for apps that have a models module)."""
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and app_config is with_models[-1]:
        from cms.translations.roles import ensure_snippet_publishers, ensure_translators_group

        ensure_translators_group()
        ensure_snippet_publishers()


def romanise_translated_slug(sender, instance, **kwargs):
    """A slug typed by a translator (or a machine) in Cyrillic becomes its romanisation."""
    context = instance.context
    if context is None or context.path != "slug" or VALID_SLUG.match(instance.data or ""):
        return
    language = instance.locale.language_code
    if language not in ("uk", "bg"):
        language = instance.translation_of.locale.language_code
    romanised = slug_for(instance.data, language)
    if romanised:
        instance.data = romanised


def connect():
    post_migrate.connect(create_translators_group, dispatch_uid="translations-group")
    pre_save.connect(
        romanise_translated_slug, sender=StringTranslation, dispatch_uid="translations-slug"
    )
