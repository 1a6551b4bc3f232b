"""Making newsrooms and articles for tests: one at a time, or a thousand at once."""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from cms.core.profiles import all_profiles
from cms.news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag

PROFILES = {profile.slug: profile for profile in all_profiles()}


def home(site_slug, language=None):
    """The home page of a demo site in `language` (its own language by default)."""
    root = Site.objects.get(site_name=site_slug).root_page
    if language is None or language == root.locale.language_code:
        return root.specific
    return root.get_translation(Locale.objects.get(language_code=language)).specific


def path(page):
    """The page's path on its own site (`/uk/novyny/`)."""
    return page.get_url_parts()[2]


def demo_index(site_slug, language=None):
    return NewsIndexPage.objects.child_of(home(site_slug, language)).get()


def make_index(site_slug, language=None, slug="test-news", **fields):
    parent = home(site_slug, language)
    index = NewsIndexPage(title=fields.pop("title", "Test news"), slug=slug, **fields)
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_category(slug, name, language):
    locale = Locale.objects.get(language_code=language)
    return NewsCategory.objects.get_or_create(slug=slug, locale=locale, defaults={"name": name})[0]


def make_article(index, title, date=None, *, publish=True, categories=(), tags=(), **fields):
    """An article under `index`, published unless `publish` is False."""
    date = date or timezone.now() - datetime.timedelta(days=1)
    if isinstance(date, datetime.date) and not isinstance(date, datetime.datetime):
        date = timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))
    article = NewsPage(
        title=title,
        slug=fields.pop("slug", None) or f"a-{uuid.uuid4().hex[:10]}",
        publication_date=date,
        lead=fields.pop("lead", f"Lead of {title}"),
        live=False,
        **fields,
    )
    article.categories.set(list(categories))
    article.tags.set(list(tags))
    index.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article


def bulk_articles(index, count, *, image=None, category=None, tag=None):
    """`count` live articles under `index`, written in a few bulk queries (tree paths by hand)."""
    index = Page.objects.get(pk=index.pk)
    content_type = ContentType.objects.get_for_model(NewsPage)
    start = index.numchild
    now = timezone.now()
    pages = []
    for number in range(count):
        position = start + number + 1
        slug = f"bulk-{position}"
        pages.append(
            Page(
                path=Page._get_path(index.path, index.depth + 1, position),
                depth=index.depth + 1,
                numchild=0,
                title=f"Bulk article {position}",
                draft_title=f"Bulk article {position}",
                slug=slug,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
    Page.objects.bulk_create(pages, batch_size=200)
    created = Page.objects.filter(
        path__startswith=index.path, depth=index.depth + 1, slug__startswith="bulk-"
    ).values_list("pk", "slug")
    for pk, slug in created:
        position = int(slug.split("-")[1])
        NewsPage(
            page_ptr_id=pk,
            publication_date=now - datetime.timedelta(hours=position),
            lead=f"Lead of bulk article {position}",
            image=image,
            image_alt="A test image" if image else "",
        ).save_base(raw=True)
    ids = [pk for pk, _ in created]
    if category is not None:
        through = NewsPage.categories.through
        through.objects.bulk_create(
            [through(newspage_id=pk, newscategory_id=category.pk) for pk in ids]
        )
    if tag is not None:
        NewsPageTag.objects.bulk_create(
            [NewsPageTag(content_object_id=pk, tag_id=tag.pk) for pk in ids]
        )
    Page.objects.filter(pk=index.pk).update(numchild=start + count)
    return ids
