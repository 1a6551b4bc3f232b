"""A purge by tag prefix through the shipped nginx: a new object that belongs to no site
(a news category) purges `<kind>-all-s*`, every site's answers that listed objects of its
kind (cms.frontcache.records.keys_for), and nothing else."""

import pytest

from tests.deploy.test_front_cache import TE, assert_still_cached, warm_all

pytestmark = pytest.mark.django_db

BB = "banska-bystrica.localhost"
LISTINGS = [(TE, "/uk/novyny/"), (BB, "/sk/novinky/")]
UNRELATED = [(TE, "/uk/ogp-action-plan-2021-2023/"), (TE, "/uk/events/shkola-e-demokratii/")]


def test_a_new_category_without_a_site_purges_every_sites_listings_by_prefix(stack):
    warm_all(stack, [*LISTINGS, *UNRELATED])
    stack.change(
        """
from wagtail.models import Locale
from cms.news.models import NewsCategory
NewsCategory.objects.create(
    name="Префікс", slug="test-prefix", locale=Locale.objects.get(language_code="uk"), live=True
)
"""
    )
    for host, path in LISTINGS:  # the other site's listing too: only the prefix names it
        answer = stack.get(host, path)
        assert answer.status == 200
        assert answer.cache != "HIT", f"{host}{path} is still the cached copy"
    assert_still_cached(stack, UNRELATED)
