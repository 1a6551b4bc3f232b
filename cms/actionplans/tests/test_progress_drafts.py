"""A progress update has a draft state: what a translator adds is not public until an
editor publishes it."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from cms.actionplans.models import CommitmentPage, ProgressUpdate

from .factories import DOING, make_commitment, make_plan

pytestmark = pytest.mark.django_db

SECRET = "Translator-only progress sentence"


def _user(group):
    user = get_user_model().objects.create_user(
        username=f"{group.lower()}-pu", email=f"{group.lower()}-pu@example.org", password="pw"
    )
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


def _form(commitment, text, publish=False):
    data = {
        "commitment": commitment.pk,
        "date": "2022-07-01",
        "text": json.dumps(
            {
                "blocks": [
                    {
                        "key": "a",
                        "type": "unstyled",
                        "text": text,
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [],
                    }
                ],
                "entityMap": {},
            }
        ),
        "evidence-count": "0",
        "author": "City council",
        "locale": commitment.locale_id,
    }
    if publish:
        data["action-publish"] = "action-publish"
    return data


def test_a_translators_progress_update_is_public_only_once_an_editor_publishes_it(get):
    plan = make_plan(slug="pu-draft-plan")
    commitment = make_commitment(plan, "PU-1", [(DOING, 1, datetime.date(2022, 12, 31))])
    translator, client = _user("Translators")
    assert translator.has_perm("actionplans.add_progressupdate")
    assert not translator.has_perm("actionplans.publish_progressupdate")

    add_url = reverse("wagtailsnippets_actionplans_progressupdate:add")
    response = client.post(add_url, _form(commitment, SECRET, publish=True))
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(commitment=commitment)
    assert not update.live
    path = commitment.url
    assert get("ternopil", path).status_code == 200
    assert SECRET not in get("ternopil", path).content.decode()

    # A translator's change of a live update is a draft too: the public text stays.
    update.latest_revision.publish()
    edit_url = reverse("wagtailsnippets_actionplans_progressupdate:edit", args=[update.pk])
    client.post(edit_url, _form(commitment, "Changed by the translator", publish=True))
    page = get("ternopil", path).content.decode()
    assert SECRET in page and "Changed by the translator" not in page

    editor, editor_client = _user("Editors")
    assert editor.has_perm("actionplans.publish_progressupdate")
    response = editor_client.post(
        edit_url, _form(commitment, "Published by the editor", publish=True)
    )
    assert response.status_code == 302
    page = get("ternopil", path).content.decode()
    assert "Published by the editor" in page and SECRET not in page


def test_a_translators_assessment_rides_on_the_commitment_page_and_stays_a_draft(get):
    """Assessments are inline parts of the commitment page: a translator's new one is in a
    draft revision of the page, never on the live page."""
    from .test_admin import edit_form, post_edit

    plan = make_plan(slug="assessment-draft-plan")
    commitment = make_commitment(plan, "AS-1", [(DOING, 1, datetime.date(2022, 12, 31))])
    _translator, client = _user("Translators")
    data = edit_form(client, commitment)
    assert data["assessments-TOTAL_FORMS"] == "0"
    data.update(
        {
            "assessments-TOTAL_FORMS": "1",
            "assessments-0-id": "",
            "assessments-0-kind": "self",
            "assessments-0-date": "2022-09-01",
            "assessments-0-assessor": "Assessor of the translator",
            "assessments-0-completion": "complete",
            "assessments-0-explanation": _form(commitment, "All done")["text"],
            "assessments-0-url": "",
            "action-publish": "action-publish",
        }
    )
    response = post_edit(client, commitment, data)
    assert response.status_code == 302
    commitment = CommitmentPage.objects.get(pk=commitment.pk)
    assert commitment.has_unpublished_changes
    latest = commitment.get_latest_revision_as_object()
    assert [a.assessor for a in latest.assessments.all()] == ["Assessor of the translator"]
    assert not commitment.assessments.exists()
    assert "Assessor of the translator" not in get("ternopil", commitment.url).content.decode()
