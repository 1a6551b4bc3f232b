"""The per-address comment limit counts each client behind the proxy, not the proxy."""

import pytest
from django.test import Client, override_settings

from plugins.comments.models import Comment
from plugins.comments.tests.factories import make_citizen, make_page

pytestmark = pytest.mark.django_db


def _post_as_new_citizen(on_site, page, forwarded, number):
    citizen_client = Client()
    citizen_client.force_login(make_citizen())
    return on_site(
        "post",
        "ternopil",
        f"/uk/comments/{page.pk}/new/",
        {"text": f"Comment number {number}"},
        use_client=citizen_client,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded,
    ).status_code


@override_settings(COMMENTS_PER_MINUTE_PER_ADDRESS=2, TRUSTED_PROXY_COUNT=1)
def test_two_clients_behind_one_trusted_proxy_are_limited_separately(on_site):
    page = make_page()
    first = [_post_as_new_citizen(on_site, page, "198.51.100.1", n) for n in range(3)]
    assert first == [302, 302, 429]
    assert _post_as_new_citizen(on_site, page, "5.5.5.5, 198.51.100.1", 3) == 429
    assert _post_as_new_citizen(on_site, page, "198.51.100.2", 4) == 302
    assert Comment.objects.filter(page=page).count() == 3


@override_settings(COMMENTS_PER_MINUTE_PER_ADDRESS=2, TRUSTED_PROXY_COUNT=0)
def test_a_forged_header_without_a_trusted_proxy_changes_nothing(on_site):
    page = make_page()
    statuses = [_post_as_new_citizen(on_site, page, f"198.51.100.{n}", n) for n in range(3)]
    assert statuses == [302, 302, 429]
