"""A page under a view restriction, and everything attached to it, is invisible and
unanswerable to whoever may not view it, by every route: pages, listings, feeds, `.ics`,
exports, the sitemap, search, the 404 page and every plugin route that takes a page id.

For each page type of the demo, a page is made private in each way Wagtail offers (login,
password, groups); an anonymous crawler then walks the site from the home page of each
language, the sitemap and a search for the page's title, following every same-host link
(bounded), and the page's title and text must appear nowhere. Its own routes answer 404 or
the login page (the password form for a shared password), POSTs to its plugin routes store
nothing, and a visitor who may view it (signed in, in the group, or with the password
entered) finds it."""

import html
import re
import uuid
from collections import deque
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)

from cms.actionplans.choices import MilestoneStatus
from cms.actionplans.models import ActionPlanPage, CommitmentPage, Milestone
from cms.archive.models import DocumentArchivePage
from cms.archive.tests.factories import make_document
from cms.news.models import NewsIndexPage, NewsPage
from cms.news.tests.factories import make_article
from cms.pages.models import StandardPage
from plugins.budgets.models import BudgetCyclePage
from plugins.comments import page_settings
from plugins.comments.models import Comment
from plugins.comments.tests.factories import make_citizen, make_comment
from plugins.consultations.models import (
    ConsultationIndexPage,
    ConsultationPage,
    PendingResponse,
    Response,
)
from plugins.consultations.tests.factories import answers_post, make_consultation
from plugins.events.models import EventIndexPage, EventPage, Registration
from plugins.events.tests.factories import make_event
from plugins.petitions.models import PetitionIndexPage
from plugins.petitions.tests.reading import make_petition

pytestmark = pytest.mark.django_db

HOST = "ternopil.localhost"
LANGUAGES = ("uk", "en")
KINDS = ("login", "password", "groups")
PASSWORD = "open-sesame-42"
CRAWL_LIMIT = 450
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/documents/", "/_util/")
LINK_PATTERNS = (
    re.compile(r"""(?:href|action)="([^"]+)\""""),
    re.compile(r"<loc>([^<]+)</loc>"),
    re.compile(r"<link>([^<]+)</link>"),
    re.compile(r"^URL[^:\r\n]*:(\S+)", re.MULTILINE),
    re.compile(r'"url": "([^"]+)"'),
)


class Secret:
    """The unique texts of one private page: a search word, its title, its body text and
    the texts of what is attached to it (a child page, a comment, a milestone)."""

    def __init__(self, label):
        token = uuid.uuid4().hex[:8]
        self.word = f"Zorblax{token}"
        self.title = f"{self.word} Quintessa {label}"
        self.body = f"Vexillum{token} body of the private {label}"
        self.attached = []

    def texts(self):
        return [self.title, self.body, *self.attached]


# --- the private pages, one builder per demo page type -----------------------------------


def _home(language="uk"):
    root = Site.objects.get(site_name="ternopil").root_page
    if root.locale.language_code != language:
        root = root.get_translation(Locale.objects.get(language_code=language))
    return root.specific


def _publish(page):
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


def _mark(page, secret):
    """Give an existing page the secret's title and text, and open its comments."""
    page.title = page.draft_title = secret.title
    page.search_description = page.listing_summary = secret.body
    if _has_field(type(page), "intro"):
        page.intro = secret.body
    return _open(_publish(page))


def _mark_first_child(page, model, secret):
    child = model.objects.child_of(page).live().first()
    text = f"{secret.word} Quintessa child {uuid.uuid4().hex[:6]}"
    child.title = child.draft_title = text
    _publish(child)
    secret.attached.append(text)


def _open(page):
    """Open the page's comments (the comments plugin's setting of the page)."""
    page_settings.save_settings(page, "open", "")
    return page


def _commented(page, secret):
    _open(page)
    text = f"Murmuration{uuid.uuid4().hex[:8]} said in a private thread"
    make_comment(page, make_citizen(), text=text)
    secret.attached.append(text)
    return page


def standard_page(secret):
    page = StandardPage(
        title=secret.title,
        slug=f"s-{uuid.uuid4().hex[:8]}",
        intro=secret.body,
        search_description=secret.body,
    )
    _home().add_child(instance=page)
    return _commented(_publish(page), secret)


def news_article(secret):
    index = NewsIndexPage.objects.child_of(_home()).get()
    page = make_article(index, secret.title, lead=secret.body)
    return _commented(page, secret)


def news_index(secret):
    index = NewsIndexPage.objects.child_of(_home()).get()
    _mark_first_child(index, NewsPage, secret)
    return _mark(index, secret)


def archive_page(secret):
    archive = DocumentArchivePage.objects.child_of(_home()).get()
    return _mark(archive, secret)


def action_plan(secret):
    plan = ActionPlanPage.objects.child_of(_home()).first()
    _mark_first_child(plan, CommitmentPage, secret)
    return _mark(plan, secret)


def commitment(secret):
    plan = ActionPlanPage.objects.child_of(_home()).first()
    page = CommitmentPage(
        title=secret.title,
        slug=f"c-{uuid.uuid4().hex[:8]}",
        code="TE-X-99",
        description=f"<p>{secret.body}</p>",
    )
    plan.add_child(instance=page)
    page = _publish(page)
    deliverable = f"Milestonia{uuid.uuid4().hex[:8]} deliverable"
    Milestone.objects.create(
        commitment=page,
        locale_id=page.locale_id,
        deliverable=deliverable,
        status=MilestoneStatus.IN_PROGRESS,
        weight=1,
        end_date=timezone.localdate() + timedelta(days=20),
        sort_order=0,
    )
    secret.attached.append(deliverable)
    return _commented(page, secret)


def _calendar():
    return EventIndexPage.objects.child_of(_home()).get()


def event(secret):
    start = timezone.now().replace(microsecond=0) + timedelta(days=7)
    page = make_event(
        _calendar(),
        title=secret.title,
        start=start,
        slug=f"e-{uuid.uuid4().hex[:8]}",
        summary=secret.body,
        registration_enabled=True,
    )
    return _commented(page, secret)


def event_index(secret):
    calendar = _calendar()
    _mark_first_child(calendar, EventPage, secret)
    return _mark(calendar, secret)


def _consultations():
    return ConsultationIndexPage.objects.child_of(_home()).get()


def consultation(secret):
    page = make_consultation(_consultations(), respondents="email", title=secret.title)
    page.summary = page.search_description = secret.body
    return _commented(_publish(page), secret)


def consultation_index(secret):
    index = _consultations()
    _mark_first_child(index, ConsultationPage, secret)
    return _mark(index, secret)


def petitions_index(secret):
    """The petitions index with a petition of its own: the list, each petition's page, the
    feeds, the open data, the calendar and search all go through the index."""
    index = PetitionIndexPage.objects.child_of(_home()).get()
    text = f"{secret.word} Quintessa petition {uuid.uuid4().hex[:6]}"
    make_petition(index, "collecting", title=text, text=secret.body, request=secret.body)
    secret.attached.append(text)
    return _mark(index, secret)


def budget_cycle(secret):
    """The demo's budget cycle whose winners are being built: its projects (list, pages,
    results, Pabulib file, open data), their milestones on the calendar and search all go
    through the cycle, in its other language version too."""
    cycle = (
        BudgetCyclePage.objects.child_of(_home())
        .filter(budget_projects__milestones__isnull=False)
        .distinct()
        .first()
    )
    project = cycle.budget_projects.filter(milestones__isnull=False).first()
    project.title = f"{secret.word} Quintessa project {uuid.uuid4().hex[:6]}"
    project.save()
    milestone = project.milestones.first()
    milestone.title = f"{secret.word} Quintessa milestone {uuid.uuid4().hex[:6]}"
    milestone.due_date = timezone.localdate()
    milestone.save()
    secret.attached += [project.title, milestone.title]
    return _mark(cycle, secret)


LEAVES = {
    "standard_page": standard_page,
    "news_article": news_article,
    "commitment": commitment,
    "event": event,
    "consultation": consultation,
}
CONTAINERS = {
    "news_index": news_index,
    "archive_page": archive_page,
    "action_plan": action_plan,
    "event_index": event_index,
    "consultation_index": consultation_index,
    "petitions_index": petitions_index,
    "budget_cycle": budget_cycle,
}
PAGE_TYPES = {**LEAVES, **CONTAINERS}


def _has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


def test_every_page_type_of_the_demo_is_covered():
    """A new page type under the home page needs a builder here."""
    home = _home()
    covered = {
        StandardPage,
        NewsIndexPage,
        NewsPage,
        DocumentArchivePage,
        ActionPlanPage,
        CommitmentPage,
        EventIndexPage,
        EventPage,
        ConsultationIndexPage,
        ConsultationPage,
        PetitionIndexPage,
        BudgetCyclePage,
    }
    found = {type(page) for page in Page.objects.descendant_of(home).specific()}
    assert found <= covered


# --- restrictions --------------------------------------------------------------------------


def insiders():
    return Group.objects.get_or_create(name="Private content insiders")[0]


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type={
            "login": PageViewRestriction.LOGIN,
            "password": PageViewRestriction.PASSWORD,
            "groups": PageViewRestriction.GROUPS,
        }[kind],
        password=PASSWORD if kind == "password" else "",
    )
    if kind == "groups":
        restriction.groups.add(insiders())
    return restriction


def private_document(kind):
    """A public document of the Ternopil archive in a collection under a view restriction
    of `kind`."""
    root = Collection.get_first_root_node()
    collection = root.add_child(name=f"Private papers {uuid.uuid4().hex[:6]}")
    secret = Secret("document")
    document = make_document(
        "ternopil",
        f"{secret.word} Quintessa private paper",
        description=secret.body,
        language="uk",
        collection=collection,
        is_public=True,
    )
    secret.title = document.title
    secret.document = document
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type={
            "login": CollectionViewRestriction.LOGIN,
            "password": CollectionViewRestriction.PASSWORD,
            "groups": CollectionViewRestriction.GROUPS,
        }[kind],
        password=PASSWORD if kind == "password" else "",
    )
    if kind == "groups":
        restriction.groups.add(insiders())
    return secret


# --- the crawler ----------------------------------------------------------------------------


def _same_host_path(url):
    url = html.unescape(url.strip())
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc.split(":")[0] != HOST:
        return None
    if not parts.path.startswith("/") or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _crawl_key(url):
    """Each path once for each set of query parameter names (a month table links to the
    next month forever)."""
    parts = urlsplit(url)
    names = tuple(sorted({name for name, _value in parse_qsl(parts.query)}))
    return parts.path, names


def crawl(client, starts, limit=CRAWL_LIMIT):
    """GET every same-host URL reachable from `starts`: {url: (status, content type, text)}."""
    queue, seen, found = deque(starts), set(), {}
    while queue and len(found) < limit:
        url = queue.popleft()
        key = _crawl_key(url)
        if key in seen and url not in starts:
            continue
        seen.add(key)
        response = client.get(url, headers={"host": HOST})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="replace")
        location = response.get("Location", "")
        found[url] = (response.status_code, response.get("Content-Type", ""), text, location)
        links = [response["Location"]] if response.has_header("Location") else []
        for pattern in LINK_PATTERNS:
            links.extend(pattern.findall(text))
        for link in links:
            path = _same_host_path(link)
            if path is not None and _crawl_key(path) not in seen:
                queue.append(path)
    return found


def start_urls(secrets):
    urls = ["/", *(f"/{code}/" for code in LANGUAGES), "/sitemap.xml", "/robots.txt"]
    for secret in secrets:
        for code in LANGUAGES:
            urls.append(f"/{code}/search/?q={secret.word}")
        urls.extend(getattr(secret, "routes", []))
    return urls


def plugin_routes(page, secret):
    """Every plugin route that takes the page's id (and its comment's)."""
    language = page.locale.language_code
    routes = [f"/{language}/comments/{page.pk}/new/"]
    comment = Comment.objects.filter(page=page).first()
    if comment is not None:
        routes.append(f"/{language}/comments/{page.pk}/new/?reply_to={comment.pk}")
        routes += [f"/{language}/comments/{comment.pk}/{name}/" for name in ("edit", "report")]
    if isinstance(page, ConsultationPage):
        routes += [
            f"/{language}/consultations/{page.pk}/respond/",
            f"/{language}/consultations/{page.pk}/check-email/",
        ]
    if isinstance(page, EventPage):
        routes.append(f"/{language}/events/{page.pk}/register/")
    if isinstance(page, PetitionIndexPage):
        routes += [petition.get_url(index=page) for petition in page.petitions().public()]
    if isinstance(page, BudgetCyclePage):
        base = page.get_url()
        routes += [
            base + page.reverse_subpage(name, args=args)
            for project in page.projects()
            for name, args in (("project_view", [project.pk]), ("edit_view", [project.pk]))
        ]
    return routes


SUBPAGES = (
    ("results_view", None),
    ("report_view", None),
    ("results_data_view", {"fmt": "csv"}),
    ("results_data_view", {"fmt": "json"}),
    ("export_csv", None),
    ("export_json", None),
    ("print", None),
    ("feed_view", None),
    ("month_view", None),
    ("ics_view", None),
    ("feed_view", {"status": "collecting"}),
    ("data_view", {"fmt": "csv"}),
    ("data_view", {"fmt": "json"}),
    ("pabulib_view", None),
    ("propose_view", None),
    ("vote_view", None),
    ("code_view", None),
    ("rss", None),
    ("atom", None),
)


def own_routes(page):
    """The page and the subpages it serves itself (results, exports, feeds, `.ics`)."""
    page = page.specific
    url = page.get_url()
    routes = [url]
    for name, kwargs in SUBPAGES:
        if hasattr(page, "reverse_subpage"):
            try:
                routes.append(url + page.reverse_subpage(name, kwargs=kwargs).lstrip("/"))
            except Exception:  # this page type serves no such subpage
                continue
    return routes


def not_found_routes(page):
    """The page's path under the site's other language: a 404 that offers the page in the
    languages it exists in."""
    url = page.get_url()
    return [re.sub(r"^/uk/", "/en/", url)] if url.startswith("/uk/") else []


def leaks(found, secrets):
    """(url, text) of every crawled response that shows a secret's text."""
    return [
        (url, text)
        for url, (_status, _type, body, _location) in found.items()
        for secret in secrets
        for text in secret.texts()
        if text in body
    ]


def build(builders, kind):
    secrets, pages = [], []
    for label, builder in builders.items():
        secret = Secret(label)
        page = builder(secret)
        restrict(page, kind)
        secret.page = page
        secret.routes = own_routes(page) + plugin_routes(page, secret) + not_found_routes(page)
        secrets.append(secret)
        pages.append(page)
    return secrets, pages


def refused(status, body, location, kind):
    """404, the login page, or (for a shared password) the password form."""
    if status == 404 or (status == 302 and "/accounts/login/" in location):
        return True
    return kind == "password" and status == 200 and 'name="password"' in body


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("group", ["leaves", "containers"])
def test_an_anonymous_crawl_finds_nothing_of_a_private_page(client, kind, group):
    secrets, pages = build(LEAVES if group == "leaves" else CONTAINERS, kind)
    if group == "leaves":
        secrets.append(private_document(kind))
    found = crawl(client, start_urls(secrets))
    assert not leaks(found, secrets)
    types = " ".join(content_type for _status, content_type, _text, _loc in found.values())
    for expected in ("text/html", "xml", "text/calendar", "text/csv", "application/json"):
        assert expected in types, f"the crawl reached no {expected} response"
    assert len(found) > 60
    for secret in secrets[: len(pages)]:
        for url in own_routes(secret.page) + plugin_routes(secret.page, secret):
            status, _type, body, location = found[url]
            assert refused(status, body, location, kind), (url, status)


def test_the_crawler_finds_the_same_pages_while_they_are_public(client):
    """The control: without restrictions, search, listings and the calendar show them."""
    secrets = []
    for label, builder in LEAVES.items():
        secret = Secret(label)
        secret.page = builder(secret)
        secrets.append(secret)
    found = crawl(client, start_urls(secrets), limit=120)
    shown = {text for _url, text in leaks(found, secrets)}
    for secret in secrets:
        assert secret.title in shown, secret.title
        assert any(text in shown for text in secret.attached), secret.attached


# --- each page type, each restriction: its own routes, POSTs, and who may see it ----------


def _signed_in(client, user):
    client.force_login(user)
    return client


def _enter_password(client, restriction, page):
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    response = client.post(
        url, {"password": PASSWORD, "return_url": page.get_url()}, headers={"host": HOST}
    )
    assert response.status_code == 302


def _get(client, url):
    return client.get(url, headers={"host": HOST})


def _post(client, url, data):
    return client.post(url, data, headers={"host": HOST})


def _stored():
    return (
        Comment.objects.count(),
        Response.objects.count(),
        PendingResponse.objects.count(),
        Registration.objects.count(),
    )


def _posts(page):
    """A POST that each plugin route of `page` would accept if the page were public."""
    language = page.locale.language_code
    posts = [(f"/{language}/comments/{page.pk}/new/", {"text": "A reply that must not be kept"})]
    if isinstance(page, ConsultationPage):
        data = answers_post(page, email="someone@example.org")
        posts.append((f"/{language}/consultations/{page.pk}/respond/", data))
    if isinstance(page, EventPage):
        posts.append((f"/{language}/events/{page.pk}/register/", {}))
    return posts


def _assert_refused(client, page, secret, kind):
    for url in own_routes(page) + plugin_routes(page, secret):
        response = _get(client, url)
        body = response.content.decode() if not response.streaming else ""
        assert refused(response.status_code, body, response.get("Location", ""), kind), url
        assert not [text for text in secret.texts() if text in body], url
    before = _stored()
    for url, data in _posts(page):
        response = _post(client, url, data)
        assert response.status_code in (302, 404), url
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], url
    assert _stored() == before


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("label", list(PAGE_TYPES))
def test_a_private_page_refuses_whoever_may_not_see_it_and_opens_to_whoever_may(
    client, label, kind
):
    secret = Secret(label)
    page = PAGE_TYPES[label](secret)
    restriction = restrict(page, kind)
    targets = [page.specific]
    if label == "consultation_index":
        targets.append(ConsultationPage.objects.child_of(page).live().first().specific)
    if label == "event_index":
        targets.append(EventPage.objects.child_of(page).live().first().specific)
    # An anonymous visitor, and a signed-in citizen who is not allowed.
    for target in targets:
        _assert_refused(client, target, secret, kind)
    if kind != "login":
        _signed_in(client, make_citizen())
        for target in targets:
            _assert_refused(client, target, secret, kind)
    # Whoever may see it: signed in, in the group, or with the password entered.
    allowed = make_citizen()
    if kind == "groups":
        allowed.groups.add(insiders())
    _signed_in(client, allowed)
    if kind == "password":
        _enter_password(client, restriction, page)
    response = _get(client, page.get_url())
    assert response.status_code == 200
    assert secret.title in response.content.decode()
    for url in plugin_routes(page.specific, secret):
        if "/edit/" in url or "/report/" in url:
            continue  # the comment's author and the other citizens' own routes
        response = _get(client, url)
        assert response.status_code == 200, url
        if "?reply_to=" in url:  # the reply form quotes the comment
            assert secret.attached[-1] in response.content.decode()


# --- the attacks of issue 13, items 2 and 3 -------------------------------------------------


@pytest.mark.parametrize("kind", ["login", "password"])
def test_a_restricted_consultation_is_not_listed_and_takes_no_answers(client, kind):
    secret = Secret("consultation")
    page = consultation(secret)
    restrict(page, kind)
    index = _get(client, _consultations().get_url()).content.decode()
    assert secret.title not in index
    calendar = _calendar()
    feed = _get(client, calendar.get_url() + calendar.reverse_subpage("feed_view").lstrip("/"))
    assert feed.status_code == 200 and secret.title not in feed.content.decode()
    respond = f"/uk/consultations/{page.pk}/respond/"
    response = _get(client, respond)
    assert response.status_code == 404
    question = page.question_list[0].label
    assert question not in response.content.decode()
    before = _stored()
    response = _post(client, respond, answers_post(page, email="someone@example.org"))
    assert response.status_code == 404
    assert _stored() == before


def test_milestones_of_a_private_commitment_stay_off_the_calendar(client):
    secret = Secret("commitment")
    page = commitment(secret)
    calendar = _calendar()
    feed_url = calendar.get_url() + calendar.reverse_subpage("feed_view").lstrip("/")
    deliverable = secret.attached[0]
    assert deliverable in _get(client, feed_url).content.decode()
    restrict(page, "login")
    assert deliverable not in _get(client, feed_url).content.decode()
    month = _get(client, calendar.get_url() + calendar.reverse_subpage("upcoming_view"))
    assert deliverable not in month.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_the_thread_of_a_restricted_page_is_neither_readable_nor_writable(client, kind):
    secret = Secret("standard page")
    page = standard_page(secret)
    comment = Comment.objects.get(page=page)
    restrict(page, kind)
    _signed_in(client, make_citizen())
    url = f"/uk/comments/{page.pk}/new/?reply_to={comment.pk}"
    if kind == "login":  # any signed-in citizen may see it: the thread is theirs too
        assert comment.text in _get(client, url).content.decode()
        return
    before = Comment.objects.count()
    for walked in range(comment.pk - 2, comment.pk + 3):
        response = _get(client, f"/uk/comments/{page.pk}/new/?reply_to={walked}")
        assert response.status_code == 404
        assert comment.text not in response.content.decode()
    response = _post(client, url, {"text": "Walking the ids", "reply_to": comment.pk})
    assert response.status_code == 404
    assert Comment.objects.count() == before


def test_the_calendar_leaves_out_what_a_source_forgot_to_check():
    """A source that hands the core an occurrence of a private page does not leak it."""
    from cms.core.calendar import Occurrence, occurrences
    from cms.core.manifest import Contributions, contribute_temporarily

    secret = Secret("standard page")
    page = standard_page(secret)
    start = timezone.now() + timedelta(days=3)

    def careless_source(site, locale, start_, end_):
        return [
            Occurrence(
                title=secret.title,
                start=start,
                end=start + timedelta(hours=1),
                all_day=False,
                url=page.get_url(),
                uid=f"careless-{page.pk}",
                kind="careless",
                page_id=page.pk,
            )
        ]

    site = Site.objects.get(site_name="ternopil")
    window = (timezone.now(), timezone.now() + timedelta(days=10))
    with contribute_temporarily("careless", Contributions(calendar_sources=(careless_source,))):
        assert secret.title in [o.title for o in occurrences(site, page.locale, *window)]
        restrict(page, "login")
        assert secret.title not in [o.title for o in occurrences(site, page.locale, *window)]


def test_a_restricted_translation_is_not_offered_by_its_public_versions(client):
    secret = Secret("standard page")
    page = standard_page(secret)
    english = page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.slug = f"restricted-{uuid.uuid4().hex[:8]}"
    english = _publish(english)
    ukrainian = _get(client, page.get_url()).content.decode()
    assert english.slug in ukrainian  # the language switcher and hreflang name it
    restrict(english, "password")
    ukrainian = _get(client, page.get_url()).content.decode()
    assert english.slug not in ukrainian
    missing = _get(client, page.get_url().replace("/uk/", "/en/", 1))  # the 404 offers none
    assert missing.status_code == 404 and english.slug not in missing.content.decode()


def test_a_listing_for_one_visitor_shows_what_they_may_see(rf):
    from django.contrib.auth.models import AnonymousUser

    from cms.core.visibility import visible_to

    secret = Secret("standard page")
    page = standard_page(secret)
    restrict(page, "groups")
    pages = Page.objects.child_of(_home())
    request = rf.get("/uk/", headers={"host": HOST})
    request.session = {}
    request.user = AnonymousUser()
    assert page.pk not in visible_to(request, pages).values_list("pk", flat=True)
    assert page.pk not in visible_to(None, pages).values_list("pk", flat=True)
    member = make_citizen()
    member.groups.add(insiders())
    request.user = member
    shown = set(visible_to(request, pages).values_list("pk", flat=True))
    assert page.pk in shown and shown == set(pages.live().values_list("pk", flat=True))
