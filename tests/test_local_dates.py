"""Dates on every page type and in mail, as CLDR writes them in the page's language and the
site's time zone (the expected text is computed with Babel from the object's own date), and
mail that speaks for the municipality by name and in grammatical sentences."""

import datetime
import re
import zoneinfo
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Site

from cms.actionplans.models import ActionPlanPage, CommitmentPage
from cms.archive.models import DocumentArchivePage
from cms.core import dates
from cms.core.profiles import all_profiles
from cms.news.models import NewsPage
from plugins.consultations.models import ConsultationPage
from plugins.events.models import EventPage

pytestmark = pytest.mark.django_db
PROFILES = {profile.slug: profile for profile in all_profiles()}
LOCAL = [("ternopil", "uk"), ("banska-bystrica", "sk"), ("levski", "bg")]
MICROSECONDS = re.compile(r'datetime="[^"]*\.\d+')


def _site(slug):
    return Site.objects.get(hostname=PROFILES[slug].hostname)


def _pages(model, slug, language):
    """Live public pages of `model` in `language` on the site `slug`."""
    root = _site(slug).root_page.get_translations(inclusive=True)
    root = root.filter(locale__language_code=language).first()
    pages = model.objects.live().public().filter(locale__language_code=language)
    return pages.filter(path__startswith=root.path)


def _html(get, slug, page):
    response = get(slug, page.relative_url(_site(slug)))
    assert response.status_code == 200, page.url_path
    html = response.content.decode()
    assert not MICROSECONDS.search(html)
    return html


def _in(slug, language):
    return timezone.override(zoneinfo.ZoneInfo(PROFILES[slug].time_zone)), translation.override(
        language
    )


@pytest.mark.parametrize("slug, language", LOCAL)
def test_news_article_and_index_dates(get, slug, language):
    article = _pages(NewsPage, slug, language).order_by("-publication_date").first()
    assert article is not None
    zone, lang = _in(slug, language)
    with zone, lang:
        long_datetime = dates.format_datetime(article.publication_date)
        long_date = dates.format_date(article.publication_date)
    assert long_datetime in _html(get, slug, article)
    assert long_date in _html(get, slug, article.get_parent().specific)


@pytest.mark.parametrize("slug, language", LOCAL)
def test_action_plan_and_commitment_dates(get, slug, language):
    plan = _pages(ActionPlanPage, slug, language).first()
    if plan is None:
        pytest.skip("no action plan in this demo")
    with translation.override(language):
        expected = dates.format_date(plan.period_start)
    assert expected in _html(get, slug, plan)
    commitment = _pages(CommitmentPage, slug, language).exclude(start_date=None).first()
    if commitment is not None:
        with translation.override(language):
            expected = dates.format_date(commitment.start_date)
        assert expected in _html(get, slug, commitment)


ADOPTED = {"uk": "31 липня 2023 р.", "sk": "31. júla 2023", "bg": "31 юли 2023 г."}


@pytest.mark.parametrize("slug, language", LOCAL)
def test_archive_document_date(get, slug, language):
    from cms.archive.tests.factories import make_document

    archive = _pages(DocumentArchivePage, slug, language).first()
    document = make_document(
        slug, "Рішення 12/345", date_adopted=datetime.date(2023, 7, 31), language=language
    )
    path = archive.relative_url(_site(slug)) + f"{document.pk}-{document.get_slug()}/"
    html = get(slug, path).content.decode()
    with translation.override(language):
        assert dates.format_date(document.date_adopted) in html
    assert ADOPTED[language] in html.replace("\u202f", " ")
    assert 'datetime="2023-07-31"' in html


@pytest.mark.parametrize("slug, language", LOCAL)
def test_event_date_and_time(get, slug, language):
    event = _pages(EventPage, slug, language).filter(all_day=False).first()
    assert event is not None
    zone, lang = _in(slug, language)
    with zone, lang:
        expected = dates.format_datetime_interval(event.start, event.end)
    html = _html(get, slug, event)
    assert expected in html
    assert " PM" not in html and "след обяд" not in html


@pytest.mark.parametrize("slug, language", LOCAL)
def test_consultation_dates(get, slug, language):
    consultation = _pages(ConsultationPage, slug, language).first()
    assert consultation is not None
    zone, lang = _in(slug, language)
    with zone, lang:
        closes = dates.format_datetime(consultation.closes_at)
    assert closes in _html(get, slug, consultation)


def test_literal_forms_on_the_slovak_and_bulgarian_sites(get):
    article = _pages(NewsPage, "banska-bystrica", "sk").first()
    html = _html(get, "banska-bystrica", article)
    assert re.search(
        r"\d{1,2}\. (januára|februára|marca|apríla|mája|júna|júla|augusta|"
        r"septembra|októbra|novembra|decembra) \d{4}",
        html,
    )
    article = _pages(NewsPage, "levski", "bg").first()
    html = _html(get, "levski", article)
    assert re.search(
        r"\d{1,2} (януари|февруари|март|април|май|юни|юли|август|септември|"
        r"октомври|ноември|декември) \d{4}\u202fг\.",
        html,
    )


def _header(message, name):
    raw = message_from_bytes(message.message().as_bytes())[name]
    return str(make_header(decode_header(raw)))


def test_account_mail_greets_in_the_genitive_and_comes_from_the_municipality():
    client = Client()
    client.post(
        "/uk/accounts/signup/",
        {
            "email": "olena@example.org",
            "display_name": "Олена К.",
            "password1": "Kashtan-Ternopil-2026",
            "password2": "Kashtan-Ternopil-2026",
        },
        headers={"host": "ternopil.localhost"},
    )
    (message,) = mail.outbox
    assert "Привіт від Тернопільської міської ради!" in message.body
    assert "Тернопільська міська рада!" not in message.body
    assert _header(message, "From").startswith("Тернопільська міська рада <")
    assert "Hromada" not in _header(message, "From")
    link = re.search(r"http://\S+/uk/accounts/confirm-email/\S+/", message.body).group(0)
    page = client.get("/" + link.split("/", 3)[3], headers={"host": "ternopil.localhost"})
    text = re.sub(r"<[^>]+>", "", page.content.decode())
    assert "Олена К. користується адресою електронної пошти olena@example.org." in text
    assert "адресоюелектронної" not in text and "К.." not in text


def test_slovak_account_mail_greets_the_city_in_the_genitive():
    Client().post(
        "/sk/accounts/signup/",
        {
            "email": "jana@example.org",
            "display_name": "Jana",
            "password1": "Kashtan-Ternopil-2026",
            "password2": "Kashtan-Ternopil-2026",
        },
        headers={"host": "banska-bystrica.localhost"},
    )
    (message,) = mail.outbox
    assert "Pozdrav od mesta Banská Bystrica!" in message.body
    assert _header(message, "From").startswith("Mesto Banská Bystrica <")


def test_event_registration_mail_has_the_local_date_and_the_municipality_as_sender(
    client, django_capture_on_commit_callbacks
):
    from plugins.events.tests.factories import calendar_for, make_event, make_user

    start = timezone.now().replace(microsecond=0) + timedelta(days=10)
    event = make_event(
        calendar_for("uk"), "Слухання з реєстрацією", start, registration_enabled=True
    )
    citizen = make_user("mariia", "mariia@example.org")
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/uk/events/{event.pk}/register/", headers={"host": "ternopil.localhost"})
    (message,) = mail.outbox
    with timezone.override(event.tz), translation.override("uk"):
        expected = dates.format_datetime_interval(event.start, event.end)
    assert expected in message.body
    assert _header(message, "From").startswith("Тернопільська міська рада <")


def test_comment_reply_mail_names_the_council_in_the_genitive_and_is_sent_by_it():
    from plugins.comments.notify import notify_reply
    from plugins.comments.tests.factories import make_citizen, make_comment, make_page

    page = make_page("banska-bystrica")
    question = make_comment(page, make_citizen(), "Kedy?")
    assert notify_reply(make_comment(page, make_citizen(), "V decembri.", parent=question))
    (message,) = mail.outbox
    assert "na webe mesta Banská Bystrica." in " ".join(message.body.split())
    assert _header(message, "From").startswith("Mesto Banská Bystrica <")
