from django import template

from cms.translations import editor

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_props(context, props, instance):
    """The translation editor's props as this user may use them (see cms.translations.editor)."""
    return editor.editor_props(props, context["request"].user, instance)


@register.simple_tag(takes_context=True)
def submit_translation_url(context, translation, instance):
    return editor.submit_for_approval_url(translation, instance, context["request"].user)
