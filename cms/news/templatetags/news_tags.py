from django import template

from cms.core.chrome import cached
from cms.core.visibility import public_pages
from cms.news.listing import latest_articles

register = template.Library()

LATEST_COUNT = 3


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, home):
    """The latest articles of the newsroom under `home` (a site's home in one language)."""
    from cms.news.models import NewsIndexPage

    request = context.get("request")
    if home is None:
        return {"request": request, "index": None, "articles": []}
    index = cached(
        request,
        "newsroom",
        (home.pk,),
        lambda: public_pages(NewsIndexPage.objects.child_of(home), request).first(),
    )
    articles = [] if index is None else latest_articles(index, request, LATEST_COUNT)
    return {"request": request, "index": index, "articles": articles}
