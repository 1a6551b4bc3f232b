"""The demo homes' top tasks: links to the sections the other demo builders created (news,
consultations, events, documents, the action plan), each with its own description."""

from django.utils.text import Truncator
from wagtail.models import Site

from cms.core.visibility import public_pages
from cms.home.models import HomePage
from cms.pages.models import StandardPage

MAX_TASKS = 6
#: Short enough for a card (the field takes up to 160 characters).
DESCRIPTION_LENGTH = 100


def _description(page):
    text = getattr(page, "listing_summary", "") or page.search_description or ""
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def _tasks(home):
    tasks = []
    for child in public_pages(home.get_children()).specific():
        if isinstance(child, StandardPage):
            continue  # the menu's pages; the top tasks lead to services
        tasks.append(
            (
                "task",
                {
                    "title": Truncator(child.title).chars(80),
                    "description": _description(child),
                    "page": child,
                },
            )
        )
    return tasks[:MAX_TASKS]


def build(log):
    for site in Site.objects.all():
        root = HomePage.objects.filter(pk=site.root_page_id).first()
        if root is None:
            continue
        for home in public_pages(HomePage.objects.filter(translation_key=root.translation_key)):
            if len(home.top_tasks) or not (tasks := _tasks(home)):
                continue
            home.top_tasks = tasks
            home.save_revision().publish()
            log(f"{home.title}: {len(tasks)} top tasks")
