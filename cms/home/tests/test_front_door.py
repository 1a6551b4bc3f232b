"""The home page as the front door: editors' hotline and top tasks, the current action
plan's progress and the latest news, all following the live content; cacheable."""

import json

import pytest
from wagtail.models import Site

from cms.home.models import HomePage
from cms.news.tests.factories import demo_index, make_article
from cms.pages.models import StandardPage

pytestmark = pytest.mark.django_db


def ternopil_home():
    return HomePage.objects.get(pk=Site.objects.get(site_name="ternopil").root_page_id)


def home_html(client):
    response = client.get("/uk/", headers={"host": "ternopil.localhost"})
    assert response.status_code == 200
    return response.content.decode()


def publish(page):
    page.save_revision().publish()


def test_hotline_comes_from_the_profile_until_the_editor_writes_one(client):
    html = home_html(client)
    assert 'href="tel:1580"' in html
    home = ternopil_home()
    home.hotline_label = "Цілодобова лінія"
    home.hotline_number = "+380 352 40-41-42"
    home.hotline_text = "Відповідаємо щодня."
    publish(home)
    html = home_html(client)
    assert "Цілодобова лінія" in html
    assert 'href="tel:+380352404142"' in html
    assert "Відповідаємо щодня." in html


def test_top_tasks_link_to_services_and_leave_out_pages_that_are_not_public(client):
    home = ternopil_home()
    service = StandardPage(title="Довідки онлайн", slug="dovidky-test")
    home.add_child(instance=service)
    publish(service)
    draft = StandardPage(title="Чернетка послуги", slug="chernetka-test", live=False)
    home.add_child(instance=draft)
    tasks = [
        {
            "type": "task",
            "value": {
                "title": "Отримати довідку",
                "description": "За 5 хвилин",
                "page": service.pk,
                "url": "",
            },
        },
        {
            "type": "task",
            "value": {
                "title": "Записатися до лікаря",
                "description": "",
                "page": None,
                "url": "https://example.org/likar",
            },
        },
        {
            "type": "task",
            "value": {"title": "Прихована послуга", "description": "", "page": draft.pk, "url": ""},
        },
    ]
    home.top_tasks = json.dumps(tasks)
    publish(home)
    html = home_html(client)
    services = html.split('class="top-tasks"')[1].split("</section>")[0]
    assert "Отримати довідку" in services
    assert f'href="{service.get_url_parts()[2]}"' in services
    assert 'href="https://example.org/likar"' in services
    assert "Прихована послуга" not in services


def test_a_top_task_needs_a_page_or_an_address():
    from django.core.exceptions import ValidationError

    from cms.home.blocks import TopTaskBlock

    block = TopTaskBlock()
    value = block.to_python({"title": "Nowhere", "description": "", "page": None, "url": ""})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_the_current_action_plan_shows_its_progress(client):
    html = home_html(client)
    plan = html.split('class="home-section home-plan"')[1].split("</section>")[0]
    assert "<progress" in plan
    assert "/uk/ogp-action-plan-2021-2023/" in plan


def test_an_unpublished_news_article_leaves_the_home_page(client):
    article = make_article(demo_index("ternopil"), "Новина для головної сторінки")
    assert "Новина для головної сторінки" in home_html(client)
    article.unpublish()
    assert "Новина для головної сторінки" not in home_html(client)


def test_the_anonymous_home_page_is_shared_cacheable(client):
    response = client.get("/uk/", headers={"host": "ternopil.localhost"})
    assert "s-maxage" in response["Cache-Control"]
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
