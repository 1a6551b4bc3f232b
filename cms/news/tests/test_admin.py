import pytest

from cms.news.models import NewsCategory
from cms.news.tests.factories import demo_index

pytestmark = pytest.mark.django_db


def test_editor_gets_an_article_form_with_categories_of_its_language(admin_client):
    index = demo_index("banska-bystrica", "sk")
    response = admin_client.get(f"/admin/pages/add/news/newspage/{index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for category in NewsCategory.objects.filter(locale=index.locale):
        assert category.name in html
    for category in NewsCategory.objects.filter(locale__language_code="bg"):
        assert category.name not in html


def test_news_index_allows_only_articles_and_lives_under_a_home(admin_client):
    index = demo_index("levski", "bg")
    assert [m.__name__ for m in index.specific_class.allowed_subpage_models()] == ["NewsPage"]
    assert admin_client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200


def test_categories_are_listed_as_snippets(admin_client):
    response = admin_client.get("/admin/snippets/news/newscategory/")
    assert response.status_code == 200
    assert "Open government" in response.content.decode()
