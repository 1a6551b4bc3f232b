"""The front cache against `make production` (running): change-to-fresh time for each kind
of change (bench/production.py measures the same on the large data set, with the cache's
rate next to nginx's static rate for the same bytes).

    make production            # in another terminal
    set -a; . var/production.env; set +a
    .venv/bin/python bench/front_cache.py [changes=20] [KIND ...]

Change-to-fresh (`Changes.KINDS`: publish, unpublish, delete, move, scheduled go-live and
expiry, a menu item, a category, a comment approved, a consultation closing on its date,
the emergency notice on and off), each made 20 times: every address that shows the change
is first in nginx's cache, then, from the start of the change (for the scheduled ones, the
start of the scheduler's command that carries them out), fetched through nginx until each
shows it; p50 and max of the slowest. KIND names `Changes` methods (`publish`, `menu`, ...)
to measure only those.
"""

import http.client
import os
import re
import statistics
import sys
import time
from functools import partial

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from common import local_path  # noqa: E402  (sets Django up)
from wagtail.models import Site  # noqa: E402

from cms.news.models import NewsPage  # noqa: E402

PORT = int(os.environ.get("SITE_PORT", "8080"))


def get(host, path):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def cached_now(host, path):
    """Fetch `path` until nginx answers it from its cache (a page store or cache hit), so
    that a change has something stale to replace."""
    for _ in range(50):
        if get(host, path)[1].get("X-Cache-Status") in ("HIT", "STORE"):
            return
        time.sleep(0.05)
    raise SystemExit(f"{host}{path} is not kept by the front cache")


def settle(seconds=30):
    """Until every queued purge has been sent (what an untimed step queued is out of the way
    before the change that is timed)."""
    from cms.frontcache.models import PendingPurge

    deadline = time.perf_counter() + seconds
    while PendingPurge.objects.exists():
        if time.perf_counter() > deadline:
            raise SystemExit("purges still queued after 30 s")
        time.sleep(0.02)


def shows(text):
    return lambda status, body: status == 200 and text.encode() in body


def lacks(text):
    return lambda status, body: status == 200 and text.encode() not in body


def gone(status, body):
    return status == 404


def elsewhere(status, body):
    return status != 200


def time_to_fresh(host, checks, change, warm=None):
    """(Seconds from the start of `change()` until every path of `checks` fetched through
    nginx passes its check (`status, body`), seconds `change()` itself took); the paths of
    `warm` (default: those of `checks`) are in the front cache when the change starts."""
    for path in checks if warm is None else warm:
        cached_now(host, path)
    start = time.perf_counter()
    change()
    made = time.perf_counter() - start
    waiting = dict(checks)
    while waiting:
        for path, check in list(waiting.items()):
            status, _, body = get(host, path)
            if check(status, body):
                del waiting[path]
        if waiting and time.perf_counter() - start > 30:
            raise SystemExit(f"not fresh after 30 s: {sorted(waiting)}")
        if waiting:
            time.sleep(0.01)
    return time.perf_counter() - start, made


class Changes:
    """Each kind of change the front cache must follow (cms/frontcache/changes.py), made on
    the newest article of a site's newsroom, articles made for the purpose, the site's main
    menu, a category, a consultation and an emergency notice. `kind(n)` prepares the n-th
    change (untimed) and gives (checks, change, warm, restore); every page made here is
    deleted at the end."""

    def __init__(self, article):
        from cms.news.models import NewsIndexPage
        from plugins.events.models import EventPage

        self.article = article
        self.site = article.get_site()
        self.host = self.site.hostname
        self.index = NewsIndexPage.objects.get(pk=article.get_parent().pk)
        root = self.site.root_page
        event = EventPage.objects.live().descendant_of(root).order_by("path").first()
        self.paths = {
            "article": self.path(article),
            "index": self.path(self.index),
            "home": self.path(root),
            "feed": self.path(self.index) + "feeds/rss/",
            "event": self.path(event),
        }
        self.made = []

    @staticmethod
    def path(page):
        return local_path(page.get_url())

    def new_article(self, n, **fields):
        title = f"Bench article {n} {time.time_ns()}"
        article = NewsPage(title=title, slug=f"bench-fresh-{time.time_ns()}", lead="-", **fields)
        self.index.add_child(instance=article)
        self.made.append(article.pk)
        return article

    def listed(self):
        return [self.paths[name] for name in ("index", "home", "feed")]

    # Pages -----------------------------------------------------------------------------

    def publish(self, n):
        title = f"{self.article.title} ({n + 1})"

        def change():
            self.article.title = title
            self.article.save_revision().publish()

        return {
            self.paths["article"]: shows(title),
            **dict.fromkeys(self.listed(), shows(title)),
        }, change

    def withdrawn(self, article, change):
        """(checks, `change`, warm) of a change that takes `article` off the site: its page
        answers 404, the listings no longer show it."""
        path = self.path(article)
        checks = {path: gone, **dict.fromkeys(self.listed(), lacks(article.slug))}
        return checks, change, [path, *self.listed()]

    def live_article(self, n):
        article = self.new_article(n)
        article.save_revision().publish()
        return article

    def unpublish(self, n):
        article = self.live_article(n)
        return self.withdrawn(article, article.unpublish)

    def delete(self, n):
        article = self.live_article(n)
        return self.withdrawn(article, article.delete)

    def move(self, n):
        article = self.live_article(n)
        old = self.path(article)
        parent = self.second_newsroom()
        new = self.path(parent) + article.slug + "/"

        def change():
            article.move(parent, pos="last-child")

        return (
            {old: elsewhere, new: shows(article.title), self.paths["index"]: lacks(article.slug)},
            change,
            [old, self.paths["index"]],
        )

    def second_newsroom(self):
        """A news index made beside the site's own, for articles to move to."""
        from cms.news.models import NewsIndexPage

        if not hasattr(self, "newsroom"):
            self.newsroom = NewsIndexPage(
                title="Bench newsroom", slug=f"bench-newsroom-{time.time_ns()}"
            )
            self.site.root_page.add_child(instance=self.newsroom)
            self.newsroom.save_revision().publish()
            self.made.append(self.newsroom.pk)
        return self.newsroom

    def go_live(self, n):
        from datetime import timedelta

        from django.core.management import call_command
        from django.utils import timezone

        article = self.new_article(n, live=False)
        article.save_revision(approved_go_live_at=timezone.now() - timedelta(seconds=1))
        return dict.fromkeys(self.listed(), shows(article.title)), partial(
            call_command, "publish_scheduled"
        )

    def expiry(self, n):
        from datetime import timedelta

        from django.core.management import call_command
        from django.utils import timezone

        article = self.live_article(n)
        settle()
        NewsPage.objects.filter(pk=article.pk).update(
            expire_at=timezone.now() - timedelta(seconds=1)
        )
        return self.withdrawn(article, partial(call_command, "publish_scheduled"))

    # Snippets, comments, time, the notice ---------------------------------------------

    def shown_on(self, text, paths):
        """The `paths` that show `text` now."""
        return [path for path in paths if text.encode() in get(self.host, path)[2]]

    def menu(self, n):
        from cms.navigation.models import MainMenu

        item = MainMenu.objects.get(site=self.site, locale=self.site.root_page.locale).items.last()
        before, label = item.label, f"Menu item {n + 1}"
        pages = [self.paths[name] for name in ("article", "index", "home", "event")]
        on = self.shown_on(before, pages)

        def rename(value):
            item.label = value
            item.save()

        return (
            dict.fromkeys(on, shows(label)),
            partial(rename, label),
            None,
            partial(rename, before),
        )

    def category(self, n):
        from cms.news.models import NewsCategory

        if not hasattr(self, "categorised"):
            self.categorised = next(
                a
                for a in NewsPage.objects.live().child_of(self.index).order_by("-publication_date")
                if a.categories.exists()
            )
        article = self.categorised
        category = NewsCategory.objects.get(pk=article.categories.first().pk)
        before, name = category.name, f"Category {n + 1}"
        on = self.shown_on(before, (self.path(article), self.paths["index"]))

        def rename(value):  # as the admin does: a new revision, published
            category.name = value
            category.save_revision().publish()

        return dict.fromkeys(on, shows(name)), partial(rename, name), None, partial(rename, before)

    def open_consultation(self):
        """An open consultation of the site (its comment thread is open by default)."""
        from plugins.consultations.models import ConsultationPage

        if not hasattr(self, "consultation"):
            root = self.site.root_page
            self.consultation = next(
                c
                for c in ConsultationPage.objects.live().descendant_of(root).order_by("path")
                if c.status() == "open"
            )
            self.closes_at = self.consultation.closes_at
        return self.consultation

    def comment(self, n):
        from plugins.comments.models import Comment

        page = self.open_consultation()
        text = f"Comment approved {n + 1} {time.time_ns()}"
        comment = Comment.objects.create(
            page=page, site_id=self.site.pk, text=text, status=Comment.Status.PENDING
        )

        def change():
            comment.status = Comment.Status.PUBLISHED
            comment.save()

        return {self.path(page): shows(text)}, change, None, comment.delete

    def closing(self, n):
        from django.core.management import call_command
        from django.utils import timezone

        from cms.core.chrome import replace_token
        from cms.frontcache.models import MomentSweep
        from plugins.consultations.models import ConsultationPage

        page = self.open_consultation()
        call_command("send_front_cache_purges")  # a scheduler run: the sweep starts here
        last_run = MomentSweep.objects.get().swept_until
        # The closing time passes with nothing saved (as time passes), and Django's own
        # caches are renewed as if the page had carried it all along: only the scheduler's
        # next run purges the front cache.
        ConsultationPage.objects.filter(pk=page.pk).update(
            closes_at=last_run + (timezone.now() - last_run) / 2
        )
        replace_token()

        def restore():
            from cms.core.frontcache import purge_tags

            ConsultationPage.objects.filter(pk=page.pk).update(closes_at=self.closes_at)
            replace_token()
            purge_tags({f"page-{page.pk}"})

        return (
            {self.path(page): shows("consultation-status--closed")},
            partial(call_command, "send_front_cache_purges"),
            None,
            restore,
        )

    def notice(self, active):
        from cms.alerts.models import EmergencyNotice, NoticeText

        text = "Bench notice: air-raid alert"

        def switch(value):
            notice.active = value
            notice.save()

        notice = EmergencyNotice.objects.filter(site=self.site, active=not active).first()
        if notice is None:  # made switched off with its text, then switched as needed
            notice = EmergencyNotice.objects.create(
                site=self.site, severity="critical", active=False
            )
            language = self.site.root_page.locale.language_code
            NoticeText.objects.create(notice=notice, language=language, message=text)
            self.notices = [*getattr(self, "notices", []), notice]
            if not active:
                switch(True)
        pages = [self.paths[name] for name in ("home", "index", "article", "event")]
        check = shows(text) if active else lacks(text)
        return (
            dict.fromkeys(pages, check),
            partial(switch, active),
            None,
            partial(switch, not active),
        )

    KINDS = [
        ("an article edited and published", "publish"),
        ("an article unpublished", "unpublish"),
        ("an article deleted", "delete"),
        ("an article moved to another parent", "move"),
        ("an article going live on its scheduled date (one scheduler run)", "go_live"),
        ("an article expiring (one scheduler run)", "expiry"),
        ("a main menu item renamed", "menu"),
        ("a news category renamed", "category"),
        ("a comment approved by a moderator", "comment"),
        ("a consultation closing on its date (one scheduler run)", "closing"),
        ("an emergency notice switched on", "notice_on"),
        ("an emergency notice switched off", "notice_off"),
    ]

    def notice_on(self, n):
        return self.notice(True)

    def notice_off(self, n):
        return self.notice(False)

    def measure(self, name, count):
        """([(seconds to fresh, seconds the change took)] of `count` changes of kind
        `name`, the paths checked)"""
        times, checked = [], set()
        for n in range(count):
            step = getattr(self, name)(n)
            checks, change, warm, restore = (*step, None, None)[:4]
            settle()
            times.append(time_to_fresh(self.host, checks, change, warm))
            checked.update(
                re.sub(
                    r"bench-newsroom-\d+",
                    "(other newsroom)",
                    re.sub(r"bench-fresh-\d+", "(article)", path),
                )
                for path in checks
            )
            if restore is not None:
                restore()
            settle()
        return times, sorted(checked)

    def clean_up(self):
        from wagtail.models import Page

        for notice in getattr(self, "notices", []):
            notice.delete()
        for pk in reversed(self.made):  # a page deleted with its parent is gone already
            page = Page.objects.filter(pk=pk).first()
            if page is not None:
                page.specific.delete()
        settle()


def figures(times):
    """(p50 to fresh, max to fresh, the change's own p50) in ms of [(to fresh, change)]."""
    fresh, made = [t for t, _ in times], [m for _, m in times]
    return tuple(
        round(value * 1000)
        for value in (statistics.median(fresh), max(fresh), statistics.median(made))
    )


def summary(times):
    p50, slowest, made = figures(times)
    return f"fresh p50 {p50} ms, max {slowest} ms (the change itself p50 {made} ms)"


def changes_to_fresh(count, article=None, kinds=None):
    """[(description, times, paths checked, failure)] for each kind of change (or those
    named in `kinds`), `count` times each; a kind not fresh after 30 s has its failure.
    `article` defaults to the default site's newest; what is changed is put back."""
    from django.utils import timezone

    from cms.ops.preload import load_before_fork

    # The changes are made in this process, as an editor's are in a gunicorn worker, which
    # starts with what its master loaded before forking it (site/deploy/gunicorn.conf.py).
    load_before_fork()
    if article is None:
        home = Site.objects.get(is_default_site=True).root_page
        article = (
            NewsPage.objects.live()
            .filter(locale_id=home.locale_id, publication_date__lte=timezone.now())
            .descendant_of(home)
            .order_by("-publication_date", "-pk")
            .first()
        )
    changes = Changes(article)
    original = article.title
    results = []
    try:
        for description, name in Changes.KINDS:
            if kinds and name not in kinds:
                continue
            try:
                times, checked = changes.measure(name, count)
            except SystemExit as error:
                results.append((description, [], [], str(error)))
                print(f"  {description}: {error}", flush=True)
                continue
            results.append((description, times, checked, ""))
            each = " ".join(f"{fresh * 1000:.0f}/{made * 1000:.0f}" for fresh, made in times)
            print(f"  {description}: {summary(times)}; each, fresh/change (ms): {each}", flush=True)
    finally:
        article.title = original
        article.save_revision().publish()
        changes.clean_up()
    return results


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    print(f"change-to-fresh, {count} changes of each kind:")
    changes_to_fresh(count, kinds=sys.argv[2:])


if __name__ == "__main__":
    main()
