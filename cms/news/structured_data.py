"""schema.org `NewsArticle` data of an article, for a JSON-LD script."""

from django.utils.timezone import localtime

from cms.core.sites import profile_for_request

SOCIAL_IMAGE = "fill-1200x675"


def social_image_path(page):
    """The address of the image shown when the article is shared, or None."""
    image = page.og_image or page.image
    if image is None:
        return None
    return image.get_rendition(SOCIAL_IMAGE).url


def news_article_data(page, request, categories, tags, social_image=None):
    """The data; `social_image` is the absolute URL of the shared image, if any."""
    language = page.locale.language_code
    organisation = {
        "@type": "GovernmentOrganization",
        "name": profile_for_request(request).name(language),
    }
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.get_meta_description(),
        "datePublished": localtime(page.publication_date).isoformat(),
        "dateModified": localtime(page.last_published_at or page.publication_date).isoformat(),
        "inLanguage": language,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": organisation,
        "publisher": organisation,
    }
    if social_image:
        data["image"] = [social_image]
    sections = [category.name for category in categories]
    if sections:
        data["articleSection"] = sections
    keywords = [tag.name for tag in tags]
    if keywords:
        data["keywords"] = keywords
    return data
