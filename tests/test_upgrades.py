"""An update migrates an installation that already holds data.

Every app of the project is taken back to its first migration (through zero, on an empty
database), rows an early installation would hold are written through the models of that
schema (the historical models of the migration state), and the database is migrated
forward to the latest migrations, as `manage.py migrate` does during an update (the
guide's "Updating"). The rows must come through, and the data migrations must have
changed them as they promise: registrations get the date of the event they were made
for, a citizen's pending answers are keyed by the mailbox's hash (the newest kept), and
a group that moderated comments everywhere moderates them on each site, and the comment
policy and moderation editors chose in the page columns of old become the pages' settings
in the comments plugin.

Runs on SQLite (`make test-sqlite`) and PostgreSQL (`make test-postgres`) alike.
"""

import hashlib
import hmac
import uuid
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.apps import apps as current_apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# About a minute: started first among the modules that empty the database (conftest.py).
pytestmark = pytest.mark.slow

UTC = zoneinfo.ZoneInfo("UTC")

LOCAL_APPS = [
    config.label
    for config in current_apps.get_app_configs()
    if config.name.startswith(("cms.", "plugins.")) and config.label != "translations"
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets)


def _first(app_label):
    loader = MigrationExecutor(connection).loader
    roots = [key for key in loader.graph.root_nodes() if key[0] == app_label]
    return roots[0] if roots else None


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


class Tree:
    """Pages written the way treebeard stores them (path, depth, numchild)."""

    def __init__(self, apps):
        self.apps = apps
        self.locale = apps.get_model("wagtailcore", "Locale").objects.get(language_code="uk")
        ContentType = apps.get_model("contenttypes", "ContentType")
        page_model = apps.get_model("wagtailcore", "Page")
        self.root = page_model.objects.create(
            title="Root",
            slug="root",
            path="0001",
            depth=1,
            numchild=0,
            content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="page")[
                0
            ],
            locale=self.locale,
            url_path="/",
            draft_title="Root",
        )
        self.content_types = ContentType.objects

    def add(self, parent, app_label, model_name, title, slug, **fields):
        model = self.apps.get_model(app_label, model_name)
        parent.numchild += 1
        parent.save(update_fields=["numchild"])
        content_type, _ = self.content_types.get_or_create(
            app_label=app_label, model=model_name.lower()
        )
        return model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            path=f"{parent.path}{parent.numchild:04d}",
            depth=parent.depth + 1,
            numchild=0,
            content_type=content_type,
            locale=self.locale,
            url_path=f"{parent.url_path}{slug}/",
            live=True,
            **fields,
        )


def _early_installation(apps):
    """Rows an installation of the first release would hold; what to compare afterwards."""
    User = apps.get_model("auth", "User")
    citizen = User.objects.create(username="olena", email="olena@example.org")
    other = User.objects.create(username="petro", email="petro@example.org")
    tree = Tree(apps)
    home = tree.add(tree.root, "home", "HomePage", "Тернопіль", "ternopil", intro="Громада")
    apps.get_model("wagtailcore", "Site").objects.create(
        hostname="ternopil.localhost", port=80, root_page_id=home.pk, is_default_site=True
    )
    about = tree.add(home, "pages", "StandardPage", "Про громаду", "pro-hromadu", intro="Історія")
    news = tree.add(
        home,
        "news",
        "NewsPage",
        "Бюджет ухвалено",
        "biudzhet",
        lead="Сесія ухвалила бюджет.",
        publication_date=datetime(2026, 1, 15, 10, tzinfo=UTC),
        comment_policy="open",
        comment_moderation="pre",
    )
    start = datetime(2026, 3, 10, 18, 30, tzinfo=UTC)
    hearing = tree.add(
        home,
        "events",
        "EventPage",
        "Громадські слухання",
        "slukhannia",
        start=start,
        end=start + timedelta(hours=2),
        registration_enabled=True,
        capacity=20,
        comment_policy="closed",
    )
    # 23:30 UTC is already the next day in Kyiv: the occurrence starts at Kyiv's midnight.
    late = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)
    fair = tree.add(
        home,
        "events",
        "EventPage",
        "Ярмарок",
        "yarmarok",
        start=late,
        end=late + timedelta(hours=3),
        all_day=True,
        time_zone="Europe/Kyiv",
        registration_enabled=True,
    )
    opens = datetime(2026, 2, 1, tzinfo=UTC)
    consultation = tree.add(
        home,
        "consultations",
        "ConsultationPage",
        "Опитування щодо парку",
        "park",
        summary="Що зробити з парком?",
        opens_at=opens,
        closes_at=opens + timedelta(days=30),
    )
    Registration = apps.get_model("events", "Registration")
    Registration.objects.create(event=hearing, user=citizen, status="registered")
    Registration.objects.create(event=fair, user=other, status="registered")

    key = consultation.translation_key
    Pending = apps.get_model("consultations", "PendingResponse")
    now = datetime(2026, 2, 5, 12, tzinfo=UTC)
    for email, age, answer in [
        ("Olena.K+park@gmail.com", 2, "old"),
        ("olenak@googlemail.com", 1, "new"),  # the same mailbox, answered again
        ("petro@example.org", 1, "petro"),
    ]:
        pending = Pending.objects.create(
            token=uuid.uuid4().hex,
            consultation_key=key,
            email=email,
            answers={"q1": answer},
            language="uk",
            page=consultation,
        )
        Pending.objects.filter(pk=pending.pk).update(created_at=now - timedelta(hours=age))
    response = apps.get_model("consultations", "Response").objects.create(
        consultation_key=key, reference="R-0001", language="uk", page=consultation, user=citizen
    )
    apps.get_model("consultations", "Answer").objects.create(
        response=response, consultation_key=key, question_key="q1", text="Більше лавок"
    )

    Comment = apps.get_model("comments", "Comment")
    first = Comment.objects.create(page=news, author=citizen, text="Дякуємо!", status="published")
    Comment.objects.create(
        page=news, author=other, parent=first, depth=1, text="Згоден", status="published"
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    moderate, _ = Permission.objects.get_or_create(
        codename="moderate_comment",
        content_type=ContentType.objects.get_or_create(app_label="comments", model="comment")[0],
        defaults={"name": "Can moderate comments"},
    )
    moderators = apps.get_model("auth", "Group").objects.create(name="Early moderators")
    moderators.permissions.add(moderate)

    collection = apps.get_model("wagtailcore", "Collection").objects.create(
        name="Root", path="0001", depth=1, numchild=0
    )
    apps.get_model("archive", "CouncilDocument").objects.create(
        collection=collection,
        title="Рішення про бюджет",
        file="documents/rishennia.pdf",
        file_size=1234,
        number="12/3",
        language="uk",
        is_public=True,
        site_id=apps.get_model("wagtailcore", "Site").objects.get().pk,
    )
    return {
        "pages": {about.pk, news.pk, hearing.pk, fair.pk, consultation.pk},
        "news": news.pk,
        "hearing": hearing.pk,
        "fair": fair.pk,
        "key": key,
        "start": start,
    }


def _mailbox_hash(address):
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_an_early_installation_migrates_forward_with_its_data():
    call_command("flush", "--noinput", verbosity=0)  # the demo is not an early release's
    try:
        firsts = [node for node in map(_first, LOCAL_APPS) if node]
        _migrate([(label, None) for label, _name in firsts])
        state = _migrate(firsts)
        before = _early_installation(state.apps)
        _migrate(_latest())
    finally:
        _migrate(_latest())  # whatever happened, the next tests find the latest schema

    from wagtail.models import GroupSitePermission, Page, Site

    from cms.archive.models import CouncilDocument
    from cms.pages.models import StandardPage
    from plugins.comments.models import Comment, PageCommentSettings
    from plugins.consultations.models import Answer, PendingResponse, Response
    from plugins.events.models import EventPage, Registration

    pages = Page.objects.filter(pk__in=before["pages"])
    assert {page.specific.title for page in pages} == {
        "Про громаду",
        "Бюджет ухвалено",
        "Громадські слухання",
        "Ярмарок",
        "Опитування щодо парку",
    }
    site = Site.objects.get()
    assert site.root_page.specific.intro == "Громада"

    # Registrations are per occurrence now: each is for its event's (first) date.
    hearing = Registration.objects.get(event_id=before["hearing"])
    assert hearing.occurrence_start == before["start"]
    assert hearing.user.username == "olena"
    fair = Registration.objects.get(event_id=before["fair"])
    assert fair.occurrence_start == datetime(2026, 4, 2, tzinfo=zoneinfo.ZoneInfo("Europe/Kyiv"))
    assert EventPage.objects.get(pk=before["fair"]).all_day

    # Pending answers: one per mailbox and consultation, the newest one, keyed by its hash.
    pending = PendingResponse.objects.filter(consultation_key=before["key"])
    assert sorted(p.answers["q1"] for p in pending) == ["new", "petro"]
    assert pending.get(answers__q1="new").email_hash == _mailbox_hash("olenak@gmail.com")
    assert pending.get(answers__q1="petro").email_hash == _mailbox_hash("petro@example.org")
    response = Response.objects.get(reference="R-0001")
    assert Answer.objects.get(response=response).text == "Більше лавок"

    comments = Comment.objects.filter(page_id__in=before["pages"])
    assert sorted(c.text for c in comments) == ["Дякуємо!", "Згоден"]
    assert comments.get(text="Згоден").parent.text == "Дякуємо!"
    # The global moderation right became a right on the (one) site.
    grant = GroupSitePermission.objects.get(group__name="Early moderators")
    assert grant.site == site and grant.permission.codename == "moderate_comment"
    assert not grant.group.permissions.filter(codename="moderate_comment").exists()

    # The comment choices moved from the page columns to the comments plugin's settings.
    chosen = PageCommentSettings.objects.filter(page_id__in=before["pages"])
    assert {(row.page_id, row.policy, row.moderation) for row in chosen} == {
        (before["news"], "open", "pre"),
        (before["hearing"], "closed", ""),
    }
    # The columns the page models no longer know stay behind with a default: pages are saved.
    site.root_page.add_child(instance=StandardPage(title="Нова сторінка", slug="nova"))
    assert StandardPage.objects.filter(slug="nova").exists()

    document = CouncilDocument.objects.get(number="12/3")
    assert (document.title, document.file.name) == ("Рішення про бюджет", "documents/rishennia.pdf")
