"""An article dated ahead stays out of the listings until its publication date, when nothing
is saved: the date is a front-cache moment, so the listings it joins are purged then."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cms.core.manifest import moment_declarations
from cms.frontcache.moments import tags_between
from cms.frontcache.tracking import tree_of
from cms.news.models import NewsPage
from cms.news.tests.factories import demo_index

pytestmark = pytest.mark.django_db
MINUTE = timedelta(minutes=1)


def test_the_publication_date_is_a_declared_moment():
    declared = {model: fields for model, fields, _ in moment_declarations()}
    assert declared[NewsPage] == ("publication_date",)


def test_the_listings_of_an_article_dated_ahead_are_purged_when_its_date_comes():
    index = demo_index("ternopil", "uk")
    article = index.articles().first()
    moment = timezone.now() + timedelta(hours=1)
    NewsPage.objects.filter(pk=article.pk).update(publication_date=moment)
    assert not index.articles().filter(pk=article.pk).exists()  # hidden until then
    listing = f"pages-{ContentType.objects.get_for_model(NewsPage).pk}-t{tree_of(article.path)}"

    due = tags_between(moment - MINUTE, moment + MINUTE)
    assert {f"served-{index.pk}", listing, f"page-{article.pk}"} <= due
    assert f"served-{index.pk}" not in tags_between(moment + MINUTE, moment + 2 * MINUTE)


def test_a_draft_dated_ahead_purges_nothing():
    index = demo_index("ternopil", "uk")
    article = index.articles().first()
    moment = timezone.now() + timedelta(hours=1)
    NewsPage.objects.filter(pk=article.pk).update(publication_date=moment, live=False)
    assert f"page-{article.pk}" not in tags_between(moment - MINUTE, moment + MINUTE)
