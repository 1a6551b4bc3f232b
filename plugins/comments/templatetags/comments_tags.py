from django import template

from cms.accounts.models import display_name
from plugins.comments.text import render_text
from plugins.comments.thread import comment_count as cached_count

register = template.Library()


@register.filter
def comment_html(text):
    return render_text(text)


@register.filter
def author_name(user):
    return display_name(user)


@register.simple_tag
def comment_count(page):
    """Published comments on `page` (cached; for listings)."""
    return cached_count(page.pk)
