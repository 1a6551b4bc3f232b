"""A large, realistic data set on top of the demo, for the production benchmark.

    set -a; . var/production.env; set +a          # or any DATABASE_URL holding the demo
    .venv/bin/python bench/generate.py [--scale 1.0] [--seed 14]

Adds, across the three demo sites and their two languages each (the site's own and English;
about a third of the English pages are translations of a native page): 20,000 news
articles (with categories and tags), 5,000 archive documents (small files written to
MEDIA_ROOT), 200 commitments, 2,000 events, 50 consultations with 10,000 responses and
their answers, 100,000 comments (a fifth of them replies) by 2,000 citizens. `--scale`
multiplies every count. Deterministic: the same seed gives the same content.

Pages are written in bulk with their tree paths computed here (treebeard's materialised
path), the specific rows copied from a demo page of the same type and language, and one
live revision each (the demo page's revision content with the new values), so the admin,
`live`, `latest_revision` and `live_revision` stay consistent. Text is drawn from the
demo's own sentences in the page's language. Not indexed for search (bench/search.py
measures search on its own).
"""

import argparse
import copy
import datetime
import hashlib
import os
import random
import time
import uuid
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from common import seed_sentences  # noqa: E402  (sets Django up)
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import CharField, TextField, Value  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.html import strip_tags  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from modelcluster.models import get_field_value  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.models import Collection, Page, Revision, Site  # noqa: E402

from cms.actionplans.models import ActionPlanPage, CommitmentPage  # noqa: E402
from cms.archive.models import CouncilDocument, DocumentType  # noqa: E402
from cms.news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag  # noqa: E402
from plugins.comments.models import Comment  # noqa: E402
from plugins.consultations.models import (  # noqa: E402
    Answer,
    ConsultationIndexPage,
    ConsultationPage,
    Response,
)
from plugins.consultations.questions import questions_of  # noqa: E402
from plugins.events.models import EventIndexPage, EventPage  # noqa: E402

COUNTS = {
    "articles": 20_000,
    "documents": 5_000,
    "commitments": 200,
    "events": 2_000,
    "consultations": 50,
    "responses": 10_000,
    "comments": 100_000,
    "citizens": 2_000,
}
BATCH = 1000
MARK = "bench-"  # every generated slug starts with it: a second run adds nothing


class Text:
    """Sentences of the demo content in one language, drawn deterministically."""

    def __init__(self, rng):
        self.rng = rng
        self.sentences = {
            language: [strip_tags(s) for s in sentences]
            for language, sentences in seed_sentences().items()
        }

    def sentence(self, language, words=None):
        text = self.rng.choice(self.sentences[language])
        if words:
            text = " ".join(text.split()[:words])
        return text.rstrip(".") if words else text

    def paragraph(self, language, count):
        return ". ".join(self.sentence(language) for _ in range(count)) + "."


def site_trees():
    """Per site: its language and, per locale (site's own first, then English), its home."""
    trees = []
    for site in Site.objects.select_related("root_page").order_by("hostname"):
        homes = [site.root_page, *site.root_page.get_translations()]
        homes.sort(key=lambda home: home.locale.language_code == "en")
        trees.append((site, homes))
    return trees


def child_of_type(home, model):
    return model.objects.child_of(home).first() or model.objects.descendant_of(home).first()


def body(text, language, paragraphs):
    return [
        {
            "type": "paragraph",
            "value": f"<p>{text.paragraph(language, text.rng.randint(2, 4))}</p>",
            "id": str(uuid.UUID(int=text.rng.getrandbits(128))),
        }
        for _ in range(paragraphs)
    ]


def insert(model, objects, text_field, insert=None):
    """`bulk_create` in batches, each written as VALUES rows rather than PostgreSQL's UNNEST
    arrays (Django 5.2's default there): psycopg quotes array elements on the client with a
    regular expression per quote character, which made long texts (revision JSON, comments)
    take most of the run. One value expression in a batch is what makes Django use VALUES."""
    for start in range(0, len(objects), BATCH):
        batch = objects[start : start + BATCH]
        original = getattr(batch[0], text_field)
        setattr(batch[0], text_field, Value(original))
        try:
            insert(batch) if insert else model.objects.bulk_create(batch)
        finally:
            setattr(batch[0], text_field, original)


def clone_pages(template, parent, items, now):
    """Write `items` (dicts: title, slug, translation_key, fields) as live children of
    `parent`, each a copy of the demo page `template` with the given field values."""
    model = type(template)
    parent = Page.objects.get(pk=parent.pk)
    page_type = ContentType.objects.get_for_model(Page)
    specific_type = ContentType.objects.get_for_model(model)
    own_fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    template_content = template.serializable_data()
    for key, value in template_content.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            template_content[key] = []  # inline children (milestones, decisions...) not copied
    fields = [model._meta.pk, *own_fields]
    text_field = next(f.attname for f in own_fields if isinstance(f, CharField | TextField))

    def insert_specific(batch):
        model._base_manager._insert(batch, fields=fields, raw=True)

    created = []
    for start in range(0, len(items), BATCH):
        chunk = items[start : start + BATCH]
        pages = []
        for offset, item in enumerate(chunk):
            position = parent.numchild + start + offset + 1
            pages.append(
                Page(
                    path=Page._get_path(parent.path, parent.depth + 1, position),
                    depth=parent.depth + 1,
                    numchild=0,
                    title=item["title"],
                    draft_title=item["title"],
                    slug=item["slug"],
                    url_path=f"{parent.url_path}{item['slug']}/",
                    content_type=specific_type,
                    locale_id=parent.locale_id,
                    translation_key=item["translation_key"],
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=item.get("published", now),
                    last_published_at=item.get("published", now),
                    owner_id=template.owner_id,
                )
            )
        insert(Page, pages, "draft_title")
        rows = []
        for page, item in zip(pages, chunk, strict=True):
            row = model(page_ptr_id=page.pk)
            for f in own_fields:
                setattr(row, f.attname, getattr(template, f.attname))
            for name, value in item.get("fields", {}).items():
                setattr(row, name, value)
            rows.append(row)
        insert(model, rows, text_field, insert_specific)
        revisions = []
        for page, row, item in zip(pages, rows, chunk, strict=True):
            content = copy.copy(template_content)
            for f in Page._meta.concrete_fields:
                if f.name in content:
                    content[f.name] = get_field_value(f, page)
            for f in own_fields:
                content[f.name] = get_field_value(f, row)
            content.update(pk=page.pk, live_revision=None, latest_revision=None)
            content.update(locale=parent.locale_id, content_type=specific_type.pk)
            revisions.append(
                Revision(
                    content_type=specific_type,
                    base_content_type=page_type,
                    object_id=str(page.pk),
                    content=content,
                    created_at=item.get("published", now),
                    object_str=page.title,
                    approved_go_live_at=None,
                )
            )
        insert(Revision, revisions, "object_str")
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
        created.extend(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(items))
    return created


def plan(trees, count, text, make, translated_share=3):
    """Spread `count` items over the sites: per site, native items and, for one in
    `translated_share`, an English translation sharing the translation key."""
    per_site, extra = divmod(count, len(trees))
    plans = []
    for number, (site, homes) in enumerate(trees):
        native, english = homes[0], homes[-1]
        site_count = per_site + (1 if number < extra else 0)
        translations = site_count // (translated_share + 1) if english != native else 0
        natives = []
        for n in range(site_count - translations):
            item = make(native.locale.language_code, n)
            item["translation_key"] = uuid.UUID(int=text.rng.getrandbits(128))
            natives.append(item)
        english_items = []
        for n in range(translations):
            item = make("en", n)
            item["translation_key"] = natives[n]["translation_key"]
            english_items.append(item)
        plans.append((site, native, natives))
        if english_items:
            plans.append((site, english, english_items))
    return plans


def slug_for(kind, language, n):
    return f"{MARK}{kind}-{language}-{n + 1}"


def generate_articles(trees, count, text, now):
    tags = [
        Tag.objects.get_or_create(name=f"{MARK}{word}", slug=slugify(f"{MARK}{word}"))[0]
        for word in (
            "budget",
            "roads",
            "schools",
            "water",
            "transport",
            "culture",
            "health",
            "sport",
            "environment",
            "council",
            "youth",
            "safety",
        )
    ]

    def make(language, n):
        when = now - datetime.timedelta(hours=3 * n + text.rng.randint(0, 2))
        return {
            "title": text.sentence(language, words=text.rng.randint(5, 10)),
            "slug": slug_for("news", language, n),
            "published": when,
            "fields": {
                "publication_date": when,
                "lead": text.paragraph(language, 2)[:590],
                "body": body(text, language, text.rng.randint(3, 6)),
                "image_id": None,
                "image_alt": "",
                "image_caption": "",
            },
        }

    total = 0
    for _site, home, items in plan(trees, count, text, make):
        index = child_of_type(home, NewsIndexPage)
        template = NewsPage.objects.child_of(index).first()
        pages = clone_pages(template, index, items, now)
        categories = list(NewsCategory.objects.filter(locale=home.locale))
        through = NewsPage.categories.through
        if categories:
            through.objects.bulk_create(
                [
                    through(newspage_id=p.pk, newscategory_id=text.rng.choice(categories).pk)
                    for p in pages
                ],
                batch_size=BATCH,
            )
        NewsPageTag.objects.bulk_create(
            [
                NewsPageTag(content_object_id=p.pk, tag_id=tag.pk)
                for p in pages
                for tag in text.rng.sample(tags, 2)
            ],
            batch_size=BATCH,
        )
        total += len(pages)
    return total


def generate_pages(trees, count, text, now, kind, index_model, model, fields):
    def make(language, n):
        return {
            "title": text.sentence(language, words=text.rng.randint(4, 9)),
            "slug": slug_for(kind, language, n),
            "fields": fields(language, n),
        }

    trees = [(site, homes) for site, homes in trees if child_of_type(homes[0], index_model)]
    total = 0
    created = []
    for site, home, items in plan(trees, count, text, make):
        index = child_of_type(home, index_model)
        template = model.objects.descendant_of(index).order_by("path").first()
        if model is EventPage:
            template = model.objects.descendant_of(index).filter(rrule="").first() or template
        parent = template.get_parent()
        pages = clone_pages(template, parent, items, now)
        created.extend((site, p) for p in model.objects.filter(pk__in=[p.pk for p in pages]))
        total += len(pages)
    return total, created


def generate_documents(trees, count, text, now):
    collection = Collection.get_first_root_node()
    folder = Path(settings.MEDIA_ROOT) / "documents" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    per_site, extra = divmod(count, len(trees))
    documents = []
    for number, (site, homes) in enumerate(trees):
        language = homes[0].locale.language_code
        types = list(DocumentType.objects.filter(locale=homes[0].locale)) or [None]
        for n in range(per_site + (1 if number < extra else 0)):
            name = f"{site.pk}-{n + 1}.txt"
            content = text.paragraph(language, text.rng.randint(5, 20)).encode()
            (folder / name).write_bytes(content)
            adopted = now.date() - datetime.timedelta(days=text.rng.randint(0, 3650))
            kind = text.rng.choice(types)
            documents.append(
                CouncilDocument(
                    title=text.sentence(language, words=text.rng.randint(4, 10)),
                    file=f"documents/bench/{name}",
                    collection=collection,
                    description=text.paragraph(language, 2),
                    document_type=kind,
                    number=f"{n + 1}/{adopted.year}",
                    date_adopted=adopted,
                    issuing_body=text.sentence(language, words=3),
                    language=language,
                    site=site,
                    is_public=n % 20 != 0,
                    original_filename=name,
                    file_size=len(content),
                    file_hash=hashlib.sha1(content).hexdigest(),
                    created_at=now,
                )
            )
    insert(CouncilDocument, documents, "description")
    return len(documents)


def generate_citizens(count):
    User = get_user_model()
    have = set(User.objects.filter(username__startswith=MARK).values_list("username", flat=True))
    users = []
    for n in range(count):
        name = f"{MARK}citizen-{n + 1}"
        if name not in have:
            user = User(username=name, email=f"{name}@example.org", is_active=True)
            user.set_unusable_password()
            users.append(user)
    User.objects.bulk_create(users, batch_size=BATCH)
    return list(User.objects.filter(username__startswith=MARK).values_list("pk", flat=True))


def generate_responses(consultations, count, text, now):
    per, extra = divmod(count, len(consultations))
    responses, answers = [], []
    for number, (_site, page) in enumerate(consultations):
        questions = questions_of(page)
        for n in range(per + (1 if number < extra else 0)):
            key = f"{page.pk}-{n}"
            responses.append(
                Response(
                    consultation_key=page.translation_key,
                    page_id=page.pk,
                    email_hash=hashlib.sha256(key.encode()).hexdigest(),
                    reference=hashlib.sha1(key.encode()).hexdigest()[:16].upper(),
                    language=page.locale.language_code,
                )
            )
            answers.append([(page, question) for question in questions])
    insert(Response, responses, "language")
    rows = []
    for response, pairs in zip(responses, answers, strict=True):
        for page, question in pairs:
            language = page.locale.language_code
            if question.is_text:
                rows.append(
                    Answer(
                        response=response,
                        consultation_key=page.translation_key,
                        question_key=question.key,
                        text=text.paragraph(language, text.rng.randint(1, 3)),
                    )
                )
            elif question.choices:
                picks = (
                    text.rng.sample(question.choices, text.rng.randint(1, 2))
                    if question.is_multiple
                    else [text.rng.choice(question.choices)]
                )
                rows.extend(
                    Answer(
                        response=response,
                        consultation_key=page.translation_key,
                        question_key=question.key,
                        choice_key=choice.key,
                    )
                    for choice in picks
                )
    insert(Answer, rows, "text")
    return len(responses), len(rows)


def generate_comments(targets, count, citizens, text, now):
    """`count` comments over `targets` ((site, page) pairs, the busiest pages first), a
    fifth of them replies."""
    weights = [1 / (rank + 1) for rank in range(len(targets))]
    pages = text.rng.choices(targets, weights=weights, k=count)
    written = 0
    for start in range(0, count, BATCH * 5):
        chunk = pages[start : start + BATCH * 5]
        roots = []
        for n, (site, page) in enumerate(chunk):
            roots.append(
                Comment(
                    page_id=page.pk,
                    site_id=site.pk,
                    author_id=text.rng.choice(citizens),
                    text=text.paragraph(page.locale.language_code, text.rng.randint(1, 3)),
                    created_at=now - datetime.timedelta(minutes=start + n),
                )
            )
        top = roots[: len(roots) * 4 // 5]
        insert(Comment, top, "text")
        replies = []
        for comment in roots[len(top) :]:
            parent = text.rng.choice(top)
            comment.page_id, comment.site_id = parent.page_id, parent.site_id
            comment.parent_id, comment.depth = parent.pk, 1
            comment.created_at = parent.created_at + datetime.timedelta(minutes=5)
            replies.append(comment)
        insert(Comment, replies, "text")
        written += len(roots)
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    counts = {name: max(1, int(value * args.scale)) for name, value in COUNTS.items()}
    if Site.objects.count() < 3:
        print("loading the demo first (load_demo)...", flush=True)
        call_command("load_demo", verbosity=0)
    if Page.objects.filter(slug__startswith=MARK).exists():
        print("the data set is already there (pages named bench-*): nothing to do")
        return
    rng = random.Random(args.seed)
    text = Text(rng)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    trees = site_trees()

    def step(label, function, *arguments):
        started = time.perf_counter()
        with transaction.atomic():
            result = function(*arguments)
        seconds = time.perf_counter() - started
        shown = result[0] if isinstance(result, tuple) and isinstance(result[1], list) else result
        shown = len(shown) if isinstance(shown, list) else shown
        print(f"  {label}: {shown} in {seconds:.1f} s", flush=True)
        return result

    started = time.perf_counter()
    step("articles", generate_articles, trees, counts["articles"], text, now)
    step("documents", generate_documents, trees, counts["documents"], text, now)

    def commitment_fields(language, n):
        return {"listing_summary": text.paragraph(language, 1)[:250]}

    def event_fields(language, n):
        start = now + datetime.timedelta(days=n % 365 - 120, hours=text.rng.randint(8, 18))
        end = start + datetime.timedelta(hours=text.rng.randint(1, 3))
        return {
            "summary": text.paragraph(language, 1)[:290],
            "body": body(text, language, 2),
            "start": start,
            "end": end,
            "last_end": end,
            "all_day": False,
            "repeat": "",
            "rrule": "",
            "exdate": "",
            "excluded_dates": "",
            "repeat_until": None,
            "repeat_count": None,
            "registration_enabled": False,
        }

    def consultation_fields(language, n):
        opens = now - datetime.timedelta(days=60 - n * 3)
        return {
            "summary": text.paragraph(language, 2)[:590],
            "body": body(text, language, 3),
            "opens_at": opens,
            "closes_at": opens + datetime.timedelta(days=45),
        }

    step(
        "commitments",
        lambda: generate_pages(
            trees,
            counts["commitments"],
            text,
            now,
            "commitment",
            ActionPlanPage,
            CommitmentPage,
            commitment_fields,
        )[0],
    )
    events = step(
        "events",
        lambda: generate_pages(
            trees, counts["events"], text, now, "event", EventIndexPage, EventPage, event_fields
        ),
    )
    consultations = step(
        "consultations",
        lambda: generate_pages(
            trees,
            counts["consultations"],
            text,
            now,
            "consultation",
            ConsultationIndexPage,
            ConsultationPage,
            consultation_fields,
        ),
    )
    step(
        "responses and answers",
        generate_responses,
        consultations[1],
        counts["responses"],
        text,
        now,
    )
    citizens = step("citizens", lambda: generate_citizens(counts["citizens"]))
    targets = [
        (site, page)
        for site, homes in trees
        for page in NewsPage.objects.live()
        .descendant_of(homes[0])
        .filter(slug__startswith=MARK)
        .order_by("-publication_date")[:2000]
    ]
    targets += consultations[1] + events[1][:200]
    text.rng.shuffle(targets)
    step("comments", generate_comments, targets, counts["comments"], citizens, text, now)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum would have them
    print(f"generated in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
