from django import template
from django.db.models import Prefetch
from wagtail.images import get_image_model

from cms.core.visibility import public_pages
from cms.news.listing import LISTING_IMAGE_SPECS

register = template.Library()

LATEST_COUNT = 3


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
