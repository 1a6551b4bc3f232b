"""A citizen's petitions and signatures in "download my data", and what "delete my account"
leaves: signatures counted anonymously; published petitions kept without their author;
unpublished ones deleted when the citizen asks to remove their content."""

import pytest

from cms.core.userdata import erase_user_data, export_user_data
from plugins.petitions import services
from plugins.petitions.models import Petition, PetitionStatus, Signature

from .writing import make_citizen, published, start

pytestmark = pytest.mark.django_db


def _setup():
    citizen = make_citizen()
    own_public = published(author=citizen, needed=10, title="Моя опублікована")
    own_pending = start(author=citizen, title="Моя на модерації")
    own_refused = start(author=citizen, title="Моя відхилена")
    services.refuse(own_refused, None, "duplicate")
    other = published(needed=10, title="Чужа петиція")
    services.sign(other.pk, citizen, show_name=True, notify=True)
    services.sign(own_public.pk, citizen)
    return citizen, own_public, own_pending, own_refused, other


def test_my_data_lists_my_petitions_and_signatures():
    citizen, *_ = _setup()
    data = export_user_data(citizen)["petitions"]
    titles = {item["title"] for item in data["petitions"]}
    assert titles == {"Моя опублікована", "Моя на модерації", "Моя відхилена"}
    refused = next(item for item in data["petitions"] if item["title"] == "Моя відхилена")
    assert refused["status"] == "refused" and refused["refusal_reason"] == "duplicate"
    signed = {item["petition"]: item for item in data["signatures"]}
    assert set(signed) == {"Чужа петиція", "Моя опублікована"}
    assert signed["Чужа петиція"]["name_shown"] is True


def test_deleting_the_account_keeps_the_counts_anonymously():
    citizen, own_public, own_pending, own_refused, other = _setup()
    erase_user_data(citizen, remove_content=False)
    citizen.delete()
    for petition in (own_public, other):
        petition.refresh_from_db()
        assert petition.signature_count == 1
        assert Signature.objects.filter(petition=petition).count() == 1
        assert Signature.objects.get(petition=petition).user is None
        assert Signature.objects.get(petition=petition).show_name is False
    # without "remove my content" every petition stays, without its author
    for petition in (own_public, own_pending, own_refused):
        assert Petition.objects.get(pk=petition.pk).author is None


def test_removing_content_deletes_unpublished_petitions_only():
    citizen, own_public, own_pending, own_refused, other = _setup()
    erase_user_data(citizen, remove_content=True)
    assert not Petition.objects.filter(pk__in=[own_pending.pk, own_refused.pk]).exists()
    kept = Petition.objects.get(pk=own_public.pk)
    assert kept.author is None
    assert kept.status == PetitionStatus.COLLECTING
    assert kept.signature_count == 1
    other.refresh_from_db()
    assert other.signature_count == 1
