"""The list of petitions and a petition's page, as a reader meets them."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from plugins.petitions.models import PetitionEvent, PetitionStatus, SignatureDay
from plugins.petitions.tests.reading import (
    add_signatures,
    index_for,
    list_path,
    make_petition,
    make_user,
    path_of,
    topic,
)

pytestmark = pytest.mark.django_db


def _text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _titles(html):
    return re.findall(r'class="petition-card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_the_list_shows_published_petitions_only(get):
    index = index_for()
    shown = {
        status: make_petition(index, status, title=f"Видима {status}")
        for status in ("collecting", "consideration", "failed", "answered")
    }
    make_petition(index, PetitionStatus.PENDING, title="Чекає модерації")
    make_petition(index, PetitionStatus.REFUSED, title="Відхилена")
    html = _text(get("ternopil", list_path(index)))
    titles = _titles(html)
    for petition in shown.values():
        assert petition.title in titles
    assert "Чекає модерації" not in html
    assert "Відхилена" not in html
    assert "<h1>" in html and 'for="petition-status"' in html and 'for="petition-q"' in html


def test_status_topic_and_overdue_filters_work_without_javascript(get):
    index = index_for()
    roads = topic("uk", "Дороги", "roads-list")
    make_petition(index, "collecting", title="Ремонт дороги на Живова", topic=roads)
    make_petition(index, "collecting", title="Нова бібліотека")
    overdue = make_petition(
        index,
        "consideration",
        title="Прострочена відповідь",
        answer_due_at=timezone.now() - timedelta(days=1),
    )
    make_petition(index, "consideration", title="Ще є час")
    base = list_path(index)

    html = _text(get("ternopil", base + "?status=overdue"))
    titles = _titles(html)
    assert overdue.title in titles
    assert not {"Ще є час", "Нова бібліотека", "Ремонт дороги на Живова"} & set(titles)
    assert "прострочено" in html.lower() or "overdue" in html.lower()

    titles = _titles(_text(get("ternopil", base + "?status=consideration")))
    assert set(titles) >= {"Прострочена відповідь", "Ще є час"}
    assert "Нова бібліотека" not in titles

    titles = _titles(_text(get("ternopil", base + "?topic=roads-list")))
    assert titles == ["Ремонт дороги на Живова"]

    html = _text(get("ternopil", base + "?status=nonsense"))
    assert _titles(html) == []
    assert "message--error" in html


def test_text_search_finds_inflected_words_and_never_hidden_petitions(get):
    index = index_for()
    make_petition(index, "collecting", title="Освітлення парку", text="Встановити ліхтарі у парку.")
    make_petition(index, "pending", title="Освітлення двору", text="Прихована петиція.")
    titles = _titles(_text(get("ternopil", list_path(index) + "?q=ліхтарів")))
    assert "Освітлення парку" in titles
    assert "Освітлення двору" not in titles
    html = _text(get("ternopil", list_path(index) + '?q="%00<script>'))
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]


def test_the_list_pages_and_keeps_its_filters(get):
    index = index_for()
    for number in range(23):
        make_petition(index, "failed", title=f"Сторінкова {number:02d}")
    html = _text(get("ternopil", list_path(index) + "?status=failed"))
    assert len(_titles(html)) == 20
    assert "?status=failed&amp;page=2" in html
    html = _text(get("ternopil", list_path(index) + "?status=failed&page=2"))
    assert len(_titles(html)) >= 3


def test_a_petition_page_shows_count_threshold_days_left_timeline_and_names(get):
    index = index_for()
    petition = make_petition(index, "collecting", title="Сквер на Replace", signatures_needed=500)
    shown = make_user("Олена Петрівна")
    hidden = make_user("Прихований Підписант")
    add_signatures(petition, 120, days=7, users=[shown])
    hidden_signature = petition.signatures.filter(user__isnull=True).first()
    hidden_signature.user = hidden
    hidden_signature.save()
    html = _text(get("ternopil", path_of(petition)))
    assert "<h1>Сквер на Replace</h1>" in html
    assert 'max="500" value="120"' in html
    assert "120" in html and "500" in html
    assert re.search(r"\d+ дн", html)  # "53 дні залишилось"
    assert "Олена Петрівна" in html
    assert "Прихований Підписант" not in html
    assert shown.email not in html and hidden.email not in html
    assert "petition-timeline" in html
    assert "Збирання підписів" in html or "Collecting" in html


def test_the_chart_is_an_svg_with_a_table_of_the_same_numbers(get):
    petition = make_petition(index_for(), "collecting", signatures_needed=100)
    add_signatures(petition, 90, days=3)
    html = _text(get("ternopil", path_of(petition)))
    assert '<svg class="petition-chart__svg"' in html and 'role="img"' in html
    assert '<path class="petition-chart__line" d="M' in html
    assert not re.search(r'(x|y)[12]?="\d+,\d', html)  # coordinates are never localised
    table = html.split('<table class="petition-chart__table">', 1)[1].split("</table>")[0]
    assert "<caption" in table and 'scope="col"' in table and 'scope="row"' in table
    assert re.findall(r"<td>(\d+)</td><td>(\d+)</td>", table) == [
        ("30", "30"),
        ("30", "60"),
        ("30", "90"),
    ]


def test_pending_and_refused_petitions_are_seen_by_their_author_only(get, client):
    author = make_user("Автор")
    pending = make_petition(index_for(), "pending", author=author, title="Моя чернетка")
    refused = make_petition(
        index_for(), "refused", author=author, refusal_reason="duplicate", title="Повтор"
    )
    for petition in (pending, refused):
        assert get("ternopil", path_of(petition)).status_code == 404
    client.force_login(make_user())
    assert get("ternopil", path_of(pending)).status_code == 404
    client.force_login(author)
    response = get("ternopil", path_of(refused))
    assert "private" in response["Cache-Control"]
    html = _text(response)
    assert "Повтор" in html and "petition-count" not in html


def test_an_answered_petition_shows_the_answer_and_an_overdue_one_says_so(get):
    answered = make_petition(index_for(), "answered", answer="Рада погодилась <b>так</b>.")
    html = _text(get("ternopil", path_of(answered)))
    assert "petition-answer" in html
    assert "Рада погодилась &lt;b&gt;так&lt;/b&gt;." in html
    overdue = make_petition(
        index_for(), "consideration", answer_due_at=timezone.now() - timedelta(hours=1)
    )
    PetitionEvent.objects.create(petition=overdue, status="consideration")
    html = _text(get("ternopil", path_of(overdue)))
    assert "petition-overdue" in html and "petition-timeline__overdue" in html


def test_petitions_of_the_site_show_under_every_language_with_their_language(get):
    uk_index = index_for("ternopil", "uk")
    en_index = index_for("ternopil", "en")
    petition = make_petition(uk_index, "collecting", title="Українська петиція")
    html = _text(get("ternopil", list_path(en_index)))
    assert "Українська петиція" in _titles(html)
    assert 'lang="uk"' in html
    html = _text(get("ternopil", path_of(petition, en_index)))
    assert '<article class="petition" lang="uk">' in html
    assert get("levski", path_of(petition, index_for("levski", "bg"))).status_code == 404


def test_nothing_shows_under_a_restricted_index_nor_under_its_other_languages(get):
    index, english = index_for(), index_for("ternopil", "en")
    petition = make_petition(index, "collecting", title="Закрита разом з індексом")
    PageViewRestriction.objects.create(page=index, restriction_type="login")
    assert get("ternopil", list_path(index)).status_code in (302, 404)
    assert get("ternopil", path_of(petition)).status_code in (302, 404)
    assert petition.title not in _titles(_text(get("ternopil", list_path(english))))
    assert get("ternopil", path_of(petition, english)).status_code == 404
    for route in ("feed/collecting/", "data/json/"):
        assert petition.title not in _text(get("ternopil", list_path(english) + route))


def test_hostile_text_renders_inert(get):
    petition = make_petition(
        index_for(),
        "collecting",
        title='<img src=x onerror=alert(1)>"',
        text="<script>alert(1)</script>",
        request="javascript:alert(1) <a href=x>",
    )
    SignatureDay.objects.create(petition=petition, day=timezone.localdate(), count=1)
    html = _text(get("ternopil", path_of(petition)))
    body = html.split("<main", 1)[1]
    assert "<script>alert" not in body and "<img src=x" not in body and "<a href=x>" not in body
    list_html = _text(get("ternopil", list_path(petition.index)))
    assert "<img src=x" not in list_html
