"""Editors: milestones inline, validation with clear messages, progress updates, the report."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cms.actionplans.models import CommitmentPage, Milestone, ProgressUpdate
from cms.actionplans.reports import overdue_milestones

from .factories import DOING, DONE, make_commitment, make_plan

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The fields of the admin's edit form as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data[name] = attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


@pytest.fixture
def admin_client(client, django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("planner", "planner@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def commitment():
    plan = make_plan(slug="admin-plan")
    return make_commitment(
        plan,
        "AD-1",
        [(DONE, 1, datetime.date(2022, 6, 30)), (DOING, 1, datetime.date(2022, 12, 31))],
    )


def edit_form(client, page):
    parser = FormFields()
    parser.feed(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode())
    data = parser.data
    for name in list(data):
        if re.fullmatch(r"milestones-\d+-id", name):
            data.setdefault(name[: -len("id")] + "evidence-count", "0")
    return data


def post_edit(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_editor_changes_a_milestone_inline(admin_client, commitment):
    data = edit_form(admin_client, commitment)
    data["milestones-1-status"] = "completed"
    response = post_edit(admin_client, commitment, data)
    assert response.status_code == 302
    saved = CommitmentPage.objects.get(pk=commitment.pk).get_latest_revision_as_object()
    assert [m.status for m in saved.milestones.all()] == ["completed", "completed"]


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("milestones-0-end_date", "2020-01-01", "The end date cannot be before the start date."),
        ("milestones-0-weight", "-2", "The weight cannot be negative."),
        ("milestones-0-percent_complete", "140", "100"),
        ("end_date", "2019-01-01", "The end date cannot be before the start date."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(admin_client, commitment, field, value, message):
    data = edit_form(admin_client, commitment)
    if field == "end_date":
        data["start_date"] = "2021-01-01"
    data[field] = value
    response = post_edit(admin_client, commitment, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(
        Milestone.objects.filter(commitment=commitment).values_list("weight", flat=True)
    ) == [1, 1]


def test_messages_are_translated_for_a_ukrainian_editor(admin_client, commitment):
    from wagtail.users.models import UserProfile

    user = admin_client.get("/admin/").wsgi_request.user
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "uk"
    profile.save()
    data = edit_form(admin_client, commitment)
    data["milestones-0-weight"] = "-1"
    html = post_edit(admin_client, commitment, data).content.decode()
    assert "Вага не може бути від’ємною." in html


def test_commitments_only_under_a_plan():
    assert CommitmentPage.parent_page_types == ["actionplans.ActionPlanPage"]
    from cms.home.models import HomePage

    assert not CommitmentPage.can_create_at(HomePage.objects.first())


def test_progress_update_added_without_touching_the_commitment(admin_client, commitment):
    revisions = commitment.revisions.count()
    add_url = reverse("wagtailsnippets_actionplans_progressupdate:add")
    form = admin_client.get(f"{add_url}?commitment={commitment.pk}").content.decode()
    assert re.search(rf'name="commitment"[^>]*value="{commitment.pk}"', form)
    response = admin_client.post(
        add_url,
        {
            "commitment": commitment.pk,
            "date": "2022-07-01",
            "text": '{"blocks":[{"key":"a","type":"unstyled","text":"Done","depth":0,'
            '"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "evidence-count": "0",
            "author": "City council",
            "locale": commitment.locale_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ProgressUpdate.objects.filter(commitment=commitment, author="City council").exists()
    assert commitment.revisions.count() == revisions


def test_overdue_report_lists_overdue_milestones_across_plans(admin_client, commitment):
    overdue = overdue_milestones()
    assert any(m.commitment_id == commitment.pk for m in overdue)
    assert all(m.status not in ("completed", "cancelled") for m in overdue)
    html = admin_client.get(reverse("actionplans_overdue")).content.decode()
    assert "AD-1" in html and "TE-2021-04" in html
    csv = admin_client.get(reverse("actionplans_overdue") + "?export=csv")
    assert csv.status_code == 200
