"""The front cache, for any app: say what an answer shows, and purge what shows something.

Answers are tagged automatically with everything they load (pages, snippets, documents,
comments, ...) and every such change is purged by cms.frontcache; apps call these only for
what the models cannot say (an answer that depends on something else, a whole site).
All of it is safe to call when no front cache is configured (it then does nothing).
"""


def add_tags(*tags):
    """Tag the answer being rendered (for example `"weather"`), to purge it by that tag."""
    from cms.frontcache import tracking

    tracking.add(*tags)


def purge_tags(tags):
    """Purge every cached answer carrying one of `tags`, once the transaction commits."""
    from cms.frontcache import purging

    purging.queue_tags(set(tags))


def purge_site(site):
    """Purge every cached answer of `site` (every page in every language, feeds, search)."""
    purge_tags({f"site-{site.pk}"})
