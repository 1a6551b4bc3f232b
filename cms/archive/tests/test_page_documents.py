"""A document used only on pages a visitor may not see is as private as those pages."""

import pytest
from django.contrib.auth.models import User
from wagtail.models import PageViewRestriction, ReferenceIndex

from cms.actionplans.models import CommitmentPage
from cms.archive.tests.factories import make_document

pytestmark = pytest.mark.django_db


def attach(page, document):
    """Use `document` on `page`, with Wagtail's reference index brought up to date (its
    task runs once the transaction commits, which a test's transaction never does)."""
    page.description = f'<p><a linktype="document" id="{document.pk}">Contract</a></p>'
    page.save()
    ReferenceIndex.create_or_update_for_object(CommitmentPage.objects.get(pk=page.pk))


@pytest.fixture
def commitments():
    public, private = CommitmentPage.objects.live().public()[:2]
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return public, private


def test_evidence_of_a_private_page_only_is_refused_to_who_may_not_see_the_page(
    client, commitments
):
    _, private = commitments
    document = make_document("ternopil", "Signed contract", filename="contract.pdf")
    document.site = None
    document.save()
    attach(private, document)
    assert client.get(document.url).status_code == 404
    client.force_login(User.objects.create_user("citizen", "citizen@example.org", "x"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_evidence_also_on_a_public_page_downloads_for_everyone(client, commitments):
    public, private = commitments
    document = make_document("ternopil", "Signed contract", filename="contract.pdf")
    document.site = None
    document.save()
    attach(private, document)
    attach(public, document)
    assert client.get(document.url).status_code == 200


def test_an_archive_document_follows_its_own_public_flag(client, commitments):
    _, private = commitments
    document = make_document("ternopil", "Adopted budget", filename="budget.pdf")
    attach(private, document)
    assert client.get(document.url).status_code == 200
