"""Signal handlers: the Translators group and snippet publishers after migrate; translated
slugs kept readable."""

import re

from django.apps import apps
from django.db.models.signals import post_migrate, post_save, pre_save
from wagtail_localize.models import StringSegment, StringTranslation, TranslationContext

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


def slug_from_translated_title(sender, instance, created, raw=False, **kwargs):
    """A page's first translated title gives the translation its own slug (English pages
    under English addresses), unless the translator already translated the slug: it is a
    segment of the translation like any other, so the translator can still change it."""
    context = instance.context
    if raw or not created or context is None or context.path != "title":
        return
    slug_context = TranslationContext.objects.filter(
        object_id=context.object_id, path="slug"
    ).first()
    if slug_context is None:
        return
    segment = StringSegment.objects.filter(context=slug_context).select_related("string")
    segment = segment.order_by("-pk").first()
    translated = StringTranslation.objects.filter(
        context=slug_context, locale_id=instance.locale_id
    )
    if segment is None or translated.exists():
        return
    slug = slug_for(instance.data, instance.locale.language_code)
    if slug and slug != segment.string.data:
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale_id=instance.locale_id,
            context=slug_context,
            data=slug,
            translation_type=instance.translation_type,
            tool_name=instance.tool_name,
            last_translated_by=instance.last_translated_by,
        )


def connect():
    post_migrate.connect(create_translators_group, dispatch_uid="translations-group")
    pre_save.connect(
        romanise_translated_slug, sender=StringTranslation, dispatch_uid="translations-slug"
    )
    post_save.connect(
        slug_from_translated_title,
        sender=StringTranslation,
        dispatch_uid="translations-slug-from-title",
    )
