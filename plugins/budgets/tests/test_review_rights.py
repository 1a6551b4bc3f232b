"""Review rights per site: a city's staff review their own city's projects (listing, form,
voting codes, the admin menu), never another city's."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation

from plugins.budgets import rights
from plugins.budgets.models import BudgetProject, ProjectStatus

from .cycle_helpers import make_cycle, make_projects, site
from .test_review import _edit_url, _post

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/budgets/budgetproject/"


def staff_reviewing(client, slug):
    """A non-superuser member of staff whose group reviews the projects of one site."""
    user = get_user_model().objects.create_user(f"reviewer-{slug}", f"{slug}@example.org", "x" * 20)
    group = Group.objects.create(name=f"Reviewers of {slug}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    rights.grant(group, site(slug))
    rights.grant(group, site(slug))  # idempotent
    user.groups.add(group)
    client.force_login(user)
    return user


@pytest.fixture
def ternopil_project():
    cycle = make_cycle("review")
    (project,) = make_projects(cycle, [40], title="Benches on Ruska street")
    return project


def test_ternopil_staff_review_a_ternopil_project(client, ternopil_project):
    user = staff_reviewing(client, "ternopil")
    assert not user.is_superuser
    admin = client.get("/admin/").content.decode()
    assert LISTING in admin  # the menu item
    listing = client.get(f"{LISTING}?cycle={ternopil_project.cycle_id}")
    assert listing.status_code == 200
    assert "Benches on Ruska street" in listing.content.decode()
    assert client.get(_edit_url(ternopil_project)).status_code == 200
    response = client.post(
        _edit_url(ternopil_project),
        _post(
            ternopil_project,
            status=ProjectStatus.INFEASIBLE,
            review_reason="The street is a heritage zone.",
        ),
    )
    assert response.status_code == 302
    ternopil_project.refresh_from_db()
    assert ternopil_project.status == ProjectStatus.INFEASIBLE
    assert ternopil_project.reviewed_by == user


def test_another_citys_staff_neither_see_nor_open_a_ternopil_project(client, ternopil_project):
    staff_reviewing(client, "banska-bystrica")
    bystrica = make_cycle("review", slug_site="banska-bystrica")
    make_projects(bystrica, [30], title="Trees on Námestie SNP")
    for query in ("", f"?cycle={ternopil_project.cycle_id}", "?q=Benches"):
        listing = client.get(LISTING + query)
        assert listing.status_code == 200
        html = listing.content.decode()
        assert "Benches on Ruska street" not in html
        assert ternopil_project.cycle.title not in html  # nor among the cycles to filter by
    assert "Trees on Námestie SNP" in client.get(f"{LISTING}?cycle={bystrica.pk}").content.decode()
    # a 404 (the admin's unknown addresses are handed on to the language-prefixed site)
    assert client.get(_edit_url(ternopil_project), follow=True).status_code == 404
    response = client.post(
        _edit_url(ternopil_project),
        _post(ternopil_project, status=ProjectStatus.INFEASIBLE, review_reason="No."),
        follow=True,
    )
    assert response.status_code == 404
    assert BudgetProject.objects.get(pk=ternopil_project.pk).status == ProjectStatus.FEASIBLE
    school = make_cycle("voting", kind="school")
    assert client.get(f"/admin/budgets/{school.pk}/codes/", follow=True).status_code == 404
    bystrica_school = make_cycle("voting", kind="school", slug_site="banska-bystrica")
    assert client.get(f"/admin/budgets/{bystrica_school.pk}/codes/").status_code == 200


def test_staff_without_the_right_get_no_menu_item_nor_listing(client, ternopil_project):
    user = get_user_model().objects.create_user("clerk", "clerk@example.org", "x" * 20)
    group = Group.objects.create(name="Clerks")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        # granted globally, the permission gives nothing
        Permission.objects.get(content_type__app_label="budgets", codename="review_project"),
    )
    user.groups.add(group)
    client.force_login(user)
    assert LISTING not in client.get("/admin/").content.decode()
    assert client.get(LISTING).status_code in (302, 403)
    assert client.get(_edit_url(ternopil_project), follow=True).status_code in (403, 404)


class _HiddenInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.data[attrs["name"]] = attrs.get("value") or ""


def test_the_group_editor_grants_the_review_per_site():
    admin = get_user_model().objects.create_superuser("group-admin", "ga@example.org", "pw-1!")
    client = Client()
    client.force_login(admin)
    add_url = reverse("wagtailusers_groups:add")
    form_html = client.get(add_url).content.decode()
    assert 'name="budgets_review_sites-sites"' in form_html
    with translation.override("uk"):
        assert str(rights.ReviewSitesForm.base_fields["sites"].label) == (
            "Розглядає проєкти громадського бюджету цих сайтів"
        )
    fields = _HiddenInputs()
    fields.feed(form_html)
    response = client.post(
        add_url,
        {
            **fields.data,
            "name": "Bystrica reviewers",
            "budgets_review_sites-sites": [site("banska-bystrica").pk],
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.create_user("new-reviewer", "nr@example.org", "x" * 20)
    user.groups.add(Group.objects.get(name="Bystrica reviewers"))
    assert list(rights.reviewed_sites(user)) == [site("banska-bystrica")]
