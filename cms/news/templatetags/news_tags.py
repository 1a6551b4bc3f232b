import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.images import get_image_model

from cms.core.visibility import public_pages
from cms.news.listing import LISTING_IMAGE_SPECS

register = template.Library()

# The escapes of Django's `json_script`: the JSON cannot close the script element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

LATEST_COUNT = 3


@register.filter
def ld_json(value):
    """`value` as a `<script type="application/ld+json">` element, escaped as `json_script`."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    data = mark_safe(text)  # nosec B308, B703  # <, > and & escaped: cannot leave the element
    return format_html('<script type="application/ld+json">{}</script>', data)


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, home):
    """The latest articles of the newsroom under `home` (a site's home in one language)."""
    from cms.news.models import NewsIndexPage

    request = context.get("request")
    index = public_pages(NewsIndexPage.objects.child_of(home), request).first() if home else None
    articles = []
    if index is not None:
        images = get_image_model().objects.prefetch_renditions(*LISTING_IMAGE_SPECS)
        articles = index.articles(request).prefetch_related(Prefetch("image", queryset=images))[
            :LATEST_COUNT
        ]
    return {"request": request, "index": index, "articles": articles}
