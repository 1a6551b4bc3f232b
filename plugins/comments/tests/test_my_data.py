"""A citizen's comments in "my data" and when the account is deleted (cms.accounts' pages)."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client

from cms.core import userdata
from plugins.comments.models import Comment
from plugins.comments.tests.factories import make_comment, make_page, page_path

pytestmark = pytest.mark.django_db
HOST = {"host": "ternopil.localhost"}
PASSWORD = "Kashtan-Ternopil-2026"


def make_user(email="oksana@example.org"):
    user = get_user_model().objects.create_user("oksana", email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def test_every_installed_app_is_covered_by_my_data():
    labels = [source.label for source in userdata.sources()]
    assert "account" in labels and "comments" in labels


def test_my_data_download_is_json_with_account_and_comments():
    user = make_user()
    make_comment(make_page(), user, "Мій коментар")
    client = Client()
    client.force_login(user)
    response = client.get("/uk/accounts/my-data/download/", headers=HOST)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["emails"][0]["email"] == "oksana@example.org"
    assert data["comments"]["comments"][0]["text"] == "Мій коментар"


@pytest.mark.parametrize("remove_content", [False, True])
def test_deleting_the_account_anonymises_or_removes_comments(remove_content):
    user = make_user()
    page = make_page()
    comment = make_comment(page, user, "Слова, що лишаються")
    make_comment(page, get_user_model().objects.create_user("other"), "Reply", parent=comment)
    client = Client()
    client.force_login(user)
    data = {"password": PASSWORD, "remove_content": "on" if remove_content else ""}
    response = client.post("/uk/accounts/delete/", data, headers=HOST)
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    comment.refresh_from_db()
    assert comment.author is None
    html = Client().get(page_path(page), headers=HOST).content.decode()
    if remove_content:
        assert comment.status == Comment.Status.REMOVED and "Слова, що лишаються" not in html
    else:
        assert "Слова, що лишаються" in html
        assert "Видалений обліковий запис" in html or "Deleted account" in html
