"""Pictures are responsive renditions: several widths, WebP with a JPEG fallback, the
intrinsic width and height set (no layout shift) and the alternative text kept."""

import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from cms.core.blocks import ImageBlock
from cms.core.chrome import replace_token
from cms.news.listing import LISTING_IMAGE_SPECS
from cms.news.tests.factories import demo_index, make_article, path

pytestmark = pytest.mark.django_db


def _picture(html, marker):
    """The <picture> element around the first image carrying `marker`."""
    for match in re.finditer(r"<picture>.*?</picture>", html, re.S):
        if marker in match.group(0):
            return match.group(0)
    raise AssertionError(f"no <picture> with {marker!r}")


def _srcset_widths(srcset):
    return sorted(int(item.strip().split()[-1].rstrip("w")) for item in srcset.split(","))


def _rendition_file(url):
    """The image format of the file a rendition URL serves (read from storage: a rendition
    can come from Wagtail's rendition cache, kept across the tests' database rollbacks)."""
    assert url.startswith(settings.MEDIA_URL)
    with default_storage.open(url.removeprefix(settings.MEDIA_URL), "rb") as handle:
        return PILImage.open(handle).format


def test_article_image_is_a_picture_with_webp_and_jpeg_widths_and_size(get):
    index = demo_index("ternopil", "uk")
    image = get_image_model().objects.first()
    alt = "Ратуша на світанку"
    article = make_article(index, "Світанок", image=image, image_alt=alt)
    html = get("ternopil", path(article)).content.decode()

    picture = _picture(html, f'alt="{alt}"')
    source = re.search(r"<source [^>]+>", picture).group(0)
    assert 'type="image/webp"' in source
    assert 'sizes="(min-width: 60rem) 58rem, calc(100vw - 2rem)"' in source
    srcset = re.search(r'srcset="([^"]+)"', source).group(1)
    assert _srcset_widths(srcset) == [480, 960, min(1440, image.width)]
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert 'srcset="' in img and 'sizes="' in img
    fallback = re.search(r' src="([^"]+)"', img).group(1)
    assert fallback.endswith(".jpg")
    assert _rendition_file(fallback) == "JPEG"
    first_webp = srcset.split(",")[0].split()[0]
    assert first_webp.endswith(".webp") and _rendition_file(first_webp) == "WEBP"


def test_news_cards_are_lazy_pictures_with_their_size_and_alt(get):
    index = demo_index("ternopil", "uk")
    image = get_image_model().objects.first()
    make_article(index, "Картка з фото", image=image, image_alt="Міст через став")
    html = get("ternopil", path(index)).content.decode()
    picture = _picture(html, 'alt="Міст через став"')
    assert 'type="image/webp"' in picture
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert 'loading="lazy"' in img and 'class="news-card__image"' in img
    assert 'height="180"' in img and 'width="320"' in img  # the smallest, 16:9


def test_listing_renditions_are_prefetched_in_one_query(get):
    index = demo_index("ternopil", "uk")
    image = get_image_model().objects.first()
    for number in range(3):
        make_article(index, f"Фото {number}", image=image, image_alt="Фото")
    get("ternopil", path(index))  # renditions generated once
    replace_token()  # the listing is read again, as after any change
    with CaptureQueriesContext(connection) as queries:
        get("ternopil", path(index))
    rendition_queries = [q for q in queries if "wagtailimages_rendition" in q["sql"]]
    assert len(rendition_queries) == 1
    # Kept with the listing in the page frame's cache: no query at all the next time.
    with CaptureQueriesContext(connection) as queries:
        html = get("ternopil", path(index)).content.decode()
    assert not [q for q in queries if "wagtailimages" in q["sql"]]
    assert html.count('type="image/webp"') >= 3
    assert set(Filter.expand_spec("fill-480x270 format-{webp,jpeg}")) <= set(LISTING_IMAGE_SPECS)


def test_image_block_is_a_responsive_picture():
    image = get_image_model().objects.first()
    block = ImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": "Парк", "caption": ""})
    html = block.render(value)
    assert "<picture>" in html and 'type="image/webp"' in html
    img = re.search(r"<img [^>]+>", html).group(0)
    assert 'alt="Парк"' in img and 'loading="lazy"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
