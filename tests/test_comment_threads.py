"""Threads wherever editors allow them: every content page type renders the thread when its
comment settings (the plugin's own, per page) open it; listings count the comments; editors
choose in the admin; the demo has threads on a news article and a commitment."""

import dataclasses
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page

from cms.actionplans.models import ActionPlanPage, CommitmentPage
from cms.archive.models import DocumentArchivePage
from cms.news.models import NewsIndexPage, NewsPage
from cms.pages.models import StandardPage
from plugins.comments import admin_page_settings, page_settings
from plugins.comments.models import Comment, PageCommentSettings
from plugins.comments.tests.factories import make_citizen, make_comment, page_path, site
from plugins.consultations.models import ConsultationPage
from plugins.events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db

CONTENT_TYPES = [
    NewsPage,
    StandardPage,
    ActionPlanPage,
    CommitmentPage,
    DocumentArchivePage,
    ConsultationPage,
    EventPage,
]


def ternopil_page(model, **filters):
    """A live page of `model` in Ternopil's Ukrainian tree."""
    return model.objects.live().descendant_of(site("ternopil").root_page).filter(**filters).first()


def html_of(page):
    response = Client().get(page_path(page), headers={"host": "ternopil.localhost"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("model", CONTENT_TYPES, ids=lambda model: model.__name__)
def test_every_content_page_type_shows_the_thread_its_editors_open(model):
    page = ternopil_page(model)
    page_settings.save_settings(page, "hidden", "")
    assert 'id="comments"' not in html_of(page)

    page_settings.save_settings(page, "open", "")
    make_comment(page, make_citizen(name="Tereza"), text=f"Думка про {model.__name__}")
    html = html_of(page)
    assert 'id="comments"' in html
    assert f"Думка про {model.__name__}" in html
    assert f"/uk/comments/{page.pk}/new/" in html  # the way to write one

    page_settings.save_settings(page, "closed", "")
    html = html_of(page)
    assert f"Думка про {model.__name__}" in html
    assert f"/uk/comments/{page.pk}/new/" not in html


def test_without_a_choice_a_page_has_the_default_of_its_type():
    commitment = ternopil_page(CommitmentPage, comment_settings__isnull=True)
    assert 'id="comments"' not in html_of(commitment)
    consultation = ternopil_page(ConsultationPage, comment_settings__isnull=True)
    assert 'id="comments"' in html_of(consultation)  # consultations are discussed by default


def _item(html, title):
    """The HTML of the listing item whose link text is `title`."""
    start = html.index(escape(title))
    end = html.find("</li>", start)
    return html[start:end]


def test_demo_threads_on_a_news_article_and_a_commitment_with_counts_in_their_listings():
    article = ternopil_page(NewsPage, slug="zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii")
    commitment = ternopil_page(CommitmentPage, slug="te-2021-01-resident-cabinet")
    for page in (article, commitment):
        published = Comment.objects.filter(page=page, status=Comment.Status.PUBLISHED)
        assert published.count() >= 3
        html = html_of(page)
        assert 'id="comments"' in html
        assert all(comment.text in html for comment in published)

    index_html = html_of(article.get_parent().specific)
    assert re.search(r'class="comment-count">3 коментар', _item(index_html, article.title))
    plan_html = html_of(commitment.get_parent().specific)
    assert re.search(r'class="comment-count">3 коментар', _item(plan_html, commitment.title))


def test_listing_counts_only_published_comments_of_pages_with_a_thread():
    index = ternopil_page(NewsIndexPage)
    articles = NewsPage.objects.child_of(index).live().filter(comment_settings__isnull=True)
    open_article, hidden_article = articles.order_by("pk")[:2]
    page_settings.save_settings(open_article, "open", "")
    page_settings.save_settings(hidden_article, "hidden", "")
    author = make_citizen()
    make_comment(open_article, author)
    make_comment(open_article, author, status=Comment.Status.PENDING)
    make_comment(hidden_article, author)
    html = html_of(index)
    assert 'class="comment-count">1 ' in _item(html, open_article.title)
    assert "comment-count" not in _item(html, hidden_article.title)


def _newest_article():
    index = ternopil_page(NewsIndexPage)
    return NewsPage.objects.child_of(index).live().order_by("-publication_date").first()


def _demo_commitment():
    return ternopil_page(CommitmentPage, slug="te-2021-01-resident-cabinet")


@pytest.mark.parametrize("item_of", [_newest_article, _demo_commitment], ids=["news", "plan"])
def test_a_new_comment_shows_in_the_count_of_the_kept_listing(item_of):
    """The news index's and the plan page's content is kept with the page frame
    ({% keep %}); the counts beside their items come from the comments plugin on every
    request and name the kept copy."""
    from plugins.comments import services
    from plugins.comments.thread import forget_count

    item = item_of()
    listing = item.get_parent().specific
    page_settings.save_settings(item, "open", "post")
    forget_count(item.pk)  # the count another test left in the cache (its rows are gone)
    html_of(listing)
    before = Comment.objects.filter(page=item, status=Comment.Status.PUBLISHED).count()
    shown = _item(html_of(listing), item.title)
    if before:
        assert f'class="comment-count">{before} ' in shown
    else:
        assert "comment-count" not in shown
    comment = services.post_comment(page=item, site=site(), author=make_citizen(), text="Нарешті!")
    assert comment.status == Comment.Status.PUBLISHED
    assert f'class="comment-count">{before + 1} ' in _item(html_of(listing), item.title)


def test_the_calendar_lists_the_comment_count_of_an_event_with_a_thread():
    event = ternopil_page(EventPage, start__gt=timezone.now(), rrule="")
    page_settings.save_settings(event, "open", "")
    make_comment(event, make_citizen())
    make_comment(event, make_citizen())
    html = html_of(ternopil_page(EventIndexPage))
    assert 'class="comment-count">2 коментарі' in _item(html, event.title)


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("page-editor", "pe@example.org", "s3cret-Pass!")
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def test_an_editor_opens_comments_from_the_page_menu_for_the_page_and_its_translations(editor):
    article = ternopil_page(NewsPage, comment_settings__isnull=True)
    url = f"/admin/comments/page/{article.pk}/"
    assert url in editor.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    form = editor.get(url)
    assert form.status_code == 200
    assert 'name="policy"' in form.content.decode()

    response = editor.post(url, {"policy": "open", "moderation": "pre", "also_translations": "on"})
    assert response.status_code == 302
    translations = list(article.get_translations())
    assert translations
    for page in (article, *translations):
        chosen = PageCommentSettings.objects.get(page=page)
        assert (chosen.policy, chosen.moderation) == ("open", "pre")
    assert 'id="comments"' in html_of(article)

    editor.post(url, {"policy": "", "moderation": ""})  # back to the defaults
    assert not PageCommentSettings.objects.filter(page=article).exists()
    assert 'id="comments"' not in html_of(article)


def test_a_bad_choice_is_refused_and_changes_nothing(editor):
    article = ternopil_page(NewsPage, comment_settings__isnull=True)
    response = editor.post(f"/admin/comments/page/{article.pk}/", {"policy": "everyone"})
    assert response.status_code == 200
    assert "everyone" in response.content.decode()  # named in the form's error
    assert not PageCommentSettings.objects.filter(page=article).exists()


def test_no_comment_settings_for_users_who_cannot_edit_the_page_or_where_the_plugin_is_off(
    editor, monkeypatch
):
    article = ternopil_page(NewsPage)
    citizen = Client()
    citizen.force_login(make_citizen())
    assert citizen.get(f"/admin/comments/page/{article.pk}/").status_code in (302, 403)
    root = Page.objects.get(depth=1)
    assert editor.get(f"/admin/comments/page/{root.pk}/", follow=True).status_code == 404

    real = admin_page_settings.profile_for_site
    monkeypatch.setattr(
        admin_page_settings,
        "profile_for_site",
        lambda where: dataclasses.replace(real(where), plugins=()),
    )
    assert editor.get(f"/admin/comments/page/{article.pk}/", follow=True).status_code == 404
    edit_html = editor.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"/admin/comments/page/{article.pk}/" not in edit_html
