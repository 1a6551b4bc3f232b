"""Who verifies citizens: the right is held per site (the group editor's panel); granted
globally, the permission gives nothing."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from cms.accounts import rights

pytestmark = pytest.mark.django_db


class _HiddenInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.data[attrs["name"]] = attrs.get("value") or ""


def test_the_group_editor_grants_verification_per_site():
    admin = get_user_model().objects.create_superuser("group-admin", "ga@example.org", "pw-1!")
    client = Client()
    client.force_login(admin)
    add_url = reverse("wagtailusers_groups:add")
    form_html = client.get(add_url).content.decode()
    assert 'name="accounts_verification_sites-sites"' in form_html
    with translation.override("uk"):
        assert str(rights.VerificationSitesForm.base_fields["sites"].label) == (
            "Підтверджує громадян цих сайтів (реєстр, ЦНАП)"
        )
    fields = _HiddenInputs()
    fields.feed(form_html)
    levski = Site.objects.get(site_name="levski")
    response = client.post(
        add_url,
        {
            **fields.data,
            "name": "Levski service centre",
            "accounts_verification_sites-sites": [levski.pk],
        },
    )
    assert response.status_code == 302
    clerk = get_user_model().objects.create_user("clerk", "clerk@example.org", "x" * 20)
    clerk.groups.add(Group.objects.get(name="Levski service centre"))
    assert list(rights.verified_sites(clerk)) == [levski]
    assert not rights.can_verify(clerk, Site.objects.get(site_name="ternopil"))


def test_the_permission_granted_globally_gives_nothing():
    clerk = get_user_model().objects.create_user("clerk", "clerk@example.org", "x" * 20)
    clerk.is_staff = True
    clerk.save()
    group = Group.objects.create(name="Clerks")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="accounts", codename="verify_citizens"),
    )
    clerk.groups.add(group)
    client = Client()
    client.force_login(clerk)
    assert "/admin/verification/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/verification/").status_code in (302, 403)
    assert client.get("/admin/verification/census/").status_code in (302, 403)
