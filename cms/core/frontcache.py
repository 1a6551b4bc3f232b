"""The front cache, for any app: say what an answer shows, and purge what shows something.

Answers are tagged automatically with everything they load (pages, snippets, documents,
comments, ...) and every such change is purged by cms.frontcache; apps call these only for
what the models cannot say (an answer that depends on something else, a whole site).
All of it is safe to call when no front cache is configured (it then does nothing).
"""

from contextlib import contextmanager


def add_tags(*tags):
    """Tag the answer being rendered (for example `"weather"`), to purge it by that tag."""
    from cms.frontcache import tracking

    tracking.add(*tags)


@contextmanager
def captured_tags(passed_on=True):
    """Collect, in the set this yields, the tags of what is loaded inside the block (they
    also tag the answer being rendered, unless not `passed_on`): a cached fragment keeps
    them and gives them back with `add_tags` whenever it is served from the cache, where
    nothing is loaded."""
    from cms.frontcache import tracking

    token = tracking.start()
    found = set()
    try:
        yield found
    finally:
        found.update(tracking.stop(token))
        if passed_on:
            tracking.add(*found)


def add_listing_tags(model, home):
    """Tag the answer as listing pages of `model` (a page type) in `home`'s language tree,
    so one newly published there purges it, even when the answer shows none of them yet."""
    from django.contrib.contenttypes.models import ContentType

    from cms.frontcache.tracking import tree_of

    content_type = ContentType.objects.get_for_model(model)
    add_tags(f"pages-{content_type.pk}-t{tree_of(home.path)}")


def page_appears_tags(page):
    """The tags of the answers a page shows up in when it appears (its parent's listings and
    feeds, listings of its type in its language tree, its translations' language switchers,
    its site's search and sitemap): for a page that appears at a moment, without a save."""
    from cms.frontcache.changes import page_change_tags

    return page_change_tags(page, appears=True)


def purge_tags(tags):
    """Purge every cached answer carrying one of `tags`, once the transaction commits."""
    from cms.frontcache import purging

    purging.queue_tags(set(tags))


def purge_site(site):
    """Purge every cached answer of `site` (every page in every language, feeds, search)."""
    purge_tags({f"site-{site.pk}"})
