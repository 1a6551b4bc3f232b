"""Residency and identity per site: the census a municipality uploads (kept as keyed hashes
only), matched once by a citizen on their account page; the service centre's desk where a
verifier of that site grants and revokes; expiry; "my data" and account deletion."""

import json
import uuid
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Site

from cms.accounts import rights, verification
from cms.accounts.models import CensusEntry, VerificationGrant
from cms.core import citizens

pytestmark = pytest.mark.django_db
PASSWORD = "Kashtan-Ternopil-2026"
TERNOPIL = {"host": "ternopil.localhost"}
LEVSKI = {"host": "levski.localhost"}
CENSUS_CSV = (
    "document_number,birth_date\nKA123456,1985-03-14\nМЕ 654 321;24.09.2001\n".replace(";", ",")
    + "AB000777,2000-01-31\n"
)


def site(slug):
    return Site.objects.get(site_name=slug)


def citizen(verified=True):
    email = f"citizen-{uuid.uuid4().hex[:8]}@example.org"
    user = get_user_model().objects.create_user(email[:150], email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def verifier_of(slug):
    group = Group.objects.create(name=f"Verifiers {slug} {uuid.uuid4().hex[:6]}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    rights.grant(group, site(slug))
    user = citizen()
    user.is_staff = True
    user.save()
    user.groups.add(group)
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def upload(client, slug, text=CENSUS_CSV, replace=False):
    data = {
        "site": site(slug).pk,
        "file": SimpleUploadedFile("census.csv", text.encode(), content_type="text/csv"),
    }
    if replace:
        data["replace"] = "on"
    return client.post("/admin/verification/census/", data)


def check(client, document="KA123456", birth="1985-03-14", headers=TERNOPIL):
    return client.post(
        "/uk/accounts/verification/census/",
        {"document_number": document, "birth_date": birth},
        headers=headers,
    )


def uk(text):
    """`text` (a msgid or a lazy translation) in Ukrainian, which must differ from English."""
    with translation.override("en"):
        source = str(text)
    with translation.override("uk"):
        translated = translation.gettext(source)
    assert translated != source, f"not translated: {source}"
    return translated


@pytest.fixture
def census():
    """Ternopil's census uploaded by a Ternopil verifier through the admin (the entries of
    this file: the demo's test census is there already)."""
    demo = list(CensusEntry.objects.values_list("pk", flat=True))
    response = upload(signed_in(verifier_of("ternopil")), "ternopil")
    assert response.status_code == 302
    return CensusEntry.objects.filter(site=site("ternopil")).exclude(pk__in=demo)


def test_the_census_is_stored_as_keyed_hashes_only(census):
    assert census.count() == 3
    stored = " ".join(census.values_list("digest", flat=True))
    for clear in ("KA123456", "654321", "1985-03-14", "2001"):
        assert clear not in stored
    # the same file again adds nobody
    assert upload(signed_in(verifier_of("ternopil")), "ternopil").status_code == 302
    assert census.count() == 3


def test_a_census_match_makes_a_resident_of_this_site_only(census):
    user = citizen()
    client = signed_in(user)
    response = check(client, document="ka 123-456")  # typed another way: the same document
    assert response.status_code == 302 and response["Location"].endswith("#verification")
    ternopil, levski = site("ternopil"), site("levski")
    assert citizens.levels_held(user, ternopil) == {"verified", "resident", "identity"}
    assert citizens.holds(user, ternopil, citizens.RESIDENT)
    assert not citizens.holds(user, levski, citizens.RESIDENT)
    assert census.filter(used_by=user).count() == 1
    grant = VerificationGrant.objects.get(user=user, level="resident")
    assert grant.method == "census" and grant.expires_at > timezone.now() + timedelta(days=700)
    assert "123456" not in grant.reference

    page = client.get("/uk/accounts/", headers=TERNOPIL).content.decode()
    assert uk("resident of the municipality") in page
    assert uk("census of residents") in page
    assert 'action="/uk/accounts/verification/census/"' not in page  # nothing left to get
    elsewhere = client.get("/bg/accounts/", headers=LEVSKI).content.decode()
    # in Levski they are nobody yet: its own census is offered
    assert 'action="/bg/accounts/verification/census/"' in elsewhere


def test_one_document_confirms_one_account(census):
    check(signed_in(citizen()))
    other = citizen()
    response = check(signed_in(other))
    assert response.status_code == 400
    assert uk(verification.DOCUMENT_USED) in response.content.decode()
    assert not VerificationGrant.objects.filter(user=other).exists()


@pytest.mark.parametrize(
    ("document", "birth", "message"),
    [
        ("KA123456", "1985-03-15", verification.NO_MATCH),
        ("ZZ999999", "1985-03-14", verification.NO_MATCH),
        ("KA123456", "14/03/85", "Enter a valid date."),
        ("KA123456", "2190-01-01", "Enter your real date of birth."),
        ("<script>", "1985-03-14", verification.BAD_DOCUMENT),
        ("", "", "This field is required."),
    ],
)
def test_wrong_input_says_why_and_changes_nothing(census, document, birth, message):
    user = citizen()
    response = check(signed_in(user), document, birth)
    assert response.status_code == 400
    html = response.content.decode()
    assert uk(message) in html and "<script>" not in html.split("<main", 1)[-1]
    assert not VerificationGrant.objects.filter(user=user).exists()
    assert not census.filter(used_at__isnull=False).exists()


def test_a_flood_of_census_attempts_is_stopped(census, settings):
    settings.ACCOUNT_CENSUS_ATTEMPTS = 3
    user = citizen()
    client = signed_in(user)
    assert [check(client, birth="1985-03-1" + str(n)).status_code for n in (5, 6, 7)] == [400] * 3
    refused = check(client)  # even the right answer now
    assert refused.status_code == 429
    assert uk("Too many attempts. Please try again in an hour.") in refused.content.decode()
    assert not VerificationGrant.objects.filter(user=user).exists()


def test_an_unconfirmed_address_cannot_use_the_census(census):
    user = citizen(verified=False)
    assert check(signed_in(user)).status_code == 403
    assert not VerificationGrant.objects.filter(user=user).exists()


def test_a_bad_census_file_is_refused_whole(census):
    client = signed_in(verifier_of("ternopil"))
    response = upload(client, "ternopil", "KA000001,1990-01-01\nKA000002,not a date\n", True)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Line 2" in html or "Рядок 2" in html  # the admin speaks the verifier's language
    assert census.count() == 3  # nothing added, nothing replaced


def test_replacing_the_census_keeps_the_used_entries(census):
    check(signed_in(citizen()))
    response = upload(signed_in(verifier_of("ternopil")), "ternopil", "ZZ111111,1970-05-05\n", True)
    assert response.status_code == 302
    assert census.count() == 2
    assert census.filter(used_at__isnull=False).count() == 1
    assert CensusEntry.objects.filter(site=site("ternopil")).count() == 2  # the demo's went too
    assert CensusEntry.objects.filter(site=site("levski")).count() == 20  # another city's stay


def test_a_verifier_of_another_site_cannot_upload_or_grant_here(census):
    levski_verifier = signed_in(verifier_of("levski"))
    assert upload(levski_verifier, "ternopil").status_code == 400
    user = citizen()
    response = levski_verifier.post(
        f"/admin/verification/desk/{user.pk}/grant/",
        {"site": site("ternopil").pk, "level": "resident", "document_number": "KA777777"},
    )
    assert response.status_code == 400
    assert not VerificationGrant.objects.filter(user=user).exists()
    grant = verification.grant(user, site("ternopil"), "resident", "staff")
    refused = levski_verifier.post(f"/admin/verification/grants/{grant.pk}/revoke/", {"note": "no"})
    assert refused.status_code in (302, 403)  # Wagtail answers a denial with its dashboard
    assert citizens.holds(user, site("ternopil"), "resident")
    assert signed_in(citizen()).get("/admin/verification/").status_code in (302, 403)


def test_the_service_centre_grants_and_revokes_with_a_note():
    staff = verifier_of("ternopil")
    desk = signed_in(staff)
    user = citizen()
    found = desk.get("/admin/verification/desk/", {"email": user.email.upper()})
    assert found.status_code == 200 and f"/admin/verification/desk/{user.pk}/grant/" in (
        found.content.decode()
    )
    response = desk.post(
        f"/admin/verification/desk/{user.pk}/grant/",
        {
            "site": site("ternopil").pk,
            "level": "identity",
            "document_number": "КА 555 555",
            "note": "ID card checked",
        },
    )
    assert response.status_code == 302
    grant = VerificationGrant.objects.get(user=user)
    assert (grant.level, grant.method, grant.granted_by, grant.note) == (
        "identity",
        "staff",
        staff,
        "ID card checked",
    )
    assert citizens.holds(user, site("ternopil"), citizens.IDENTITY)
    listing = desk.get("/admin/verification/").content.decode()
    assert user.email in listing and staff.email in listing

    # the same document cannot confirm a second account
    second = citizen()
    again = desk.post(
        f"/admin/verification/desk/{second.pk}/grant/",
        {"site": site("ternopil").pk, "level": "identity", "document_number": "KA555555"},
    )
    assert again.status_code == 400
    assert not VerificationGrant.objects.filter(user=second).exists()

    revoked = desk.post(f"/admin/verification/grants/{grant.pk}/revoke/", {"note": "wrong person"})
    assert revoked.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_by == staff and grant.revoke_note == "wrong person"
    assert not citizens.holds(user, site("ternopil"), citizens.IDENTITY)
    # revoking needs a reason
    other = verification.grant(second, site("ternopil"), "resident", "staff")
    assert desk.post(f"/admin/verification/grants/{other.pk}/revoke/", {}).status_code == 400
    assert citizens.holds(second, site("ternopil"), citizens.RESIDENT)


def test_revoking_a_census_grant_lets_the_entry_be_matched_again(census):
    user = citizen()
    check(signed_in(user))
    for grant in VerificationGrant.objects.filter(user=user):
        verification.revoke(grant, note="moved away")
    assert not census.filter(used_at__isnull=False).exists()
    rightful = citizen()
    assert check(signed_in(rightful)).status_code == 302
    assert citizens.holds(rightful, site("ternopil"), citizens.IDENTITY)


def test_an_expired_grant_counts_no_more():
    user = citizen()
    grant = verification.grant(
        user, site("ternopil"), "resident", "staff", expires_at=timezone.now() + timedelta(days=1)
    )
    assert citizens.holds(user, site("ternopil"), citizens.RESIDENT)
    later = timezone.now() + timedelta(days=2)
    assert not citizens.holds(user, site("ternopil"), citizens.RESIDENT, now=later)
    # renewing keeps the old row in the history
    verification.grant(user, site("ternopil"), "resident", "staff", now=later)
    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert citizens.holds(user, site("ternopil"), citizens.RESIDENT, now=later)


def test_my_data_lists_the_grants_and_deletion_removes_them(census):
    user = citizen()
    client = signed_in(user)
    check(client)
    data = json.loads(client.get("/uk/accounts/my-data/download/", headers=TERNOPIL).content)
    levels = {(row["site"], row["level"]) for row in data["account"]["verifications"]}
    assert levels == {("ternopil.localhost", "resident"), ("ternopil.localhost", "identity")}
    assert "reference" not in json.dumps(data)
    response = client.post("/uk/accounts/delete/", {"password": PASSWORD}, headers=TERNOPIL)
    assert response.status_code == 302
    assert not VerificationGrant.objects.exists()
    assert not census.filter(used_at__isnull=False).exists()


def test_the_account_page_explains_how_to_get_the_rest(census, django_assert_max_num_queries):
    user = citizen()
    client = signed_in(user)
    client.get("/uk/accounts/", headers=TERNOPIL)
    # 19 measured: the verification section takes 3 (grants, confirmed address, census)
    with django_assert_max_num_queries(20):
        response = client.get("/uk/accounts/", headers=TERNOPIL)
    html = response.content.decode()
    assert 'id="verification"' in html
    assert 'action="/uk/accounts/verification/census/"' in html
    assert uk("Check against the census") in html
    assert "вул. Листопадова, 5" in html  # the service centre's address from the profile


HOSTILE = ["%3Cscript%3Ea%00%ff%fe", "-" + "9" * 30, "<script>a\x00</script>", "x" * 5000]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_on_every_verification_route_never_give_a_server_error(value, census):
    user = citizen()
    client = signed_in(user)
    for data in (
        {"document_number": value, "birth_date": "1985-03-14"},
        {"document_number": "KA123456", "birth_date": value},
    ):
        response = client.post("/uk/accounts/verification/census/", data, headers=TERNOPIL)
        assert response.status_code == 400
        assert b"<script>" not in response.content.split(b"</head>", 1)[-1]
    assert client.get("/uk/accounts/verification/census/", headers=TERNOPIL).status_code == 405
    assert not VerificationGrant.objects.filter(user=user).exists()

    desk = signed_in(verifier_of("ternopil"))
    for path in (
        "/admin/verification/",
        "/admin/verification/desk/",
        "/admin/verification/census/",
    ):
        for name in ("show", "q", "p", "email"):
            response = desk.get(f"{path}?{name}={value}")
            assert response.status_code == 200, (path, name)
            assert b"<script>a" not in response.content
    for data in (
        {"site": value, "level": "resident", "document_number": "KA1234"},
        {"site": site("ternopil").pk, "level": value, "document_number": "KA1234"},
        {"site": site("ternopil").pk, "level": "resident", "document_number": value},
        {
            "site": site("ternopil").pk,
            "level": "resident",
            "document_number": "KA1234",
            "valid_until": value,
            "note": value,
        },
    ):
        response = desk.post(f"/admin/verification/desk/{user.pk}/grant/", data)
        assert response.status_code in (200, 302, 400), data
    for missing in ("/admin/verification/desk/999999999/grant/", "/admin/verification/grants/9/9/"):
        # an unknown address under /admin/ goes to the language's 404
        assert desk.post(missing, {}, follow=True).status_code == 404
    assert (
        desk.post(
            "/admin/verification/grants/999999999/revoke/", {"note": "x"}, follow=True
        ).status_code
        == 404
    )
    assert desk.post("/admin/verification/census/", {"site": value}).status_code == 400


def test_a_date_typed_otherwise_comes_back_as_an_iso_date_or_empty(census):
    """`<input type="date">` holds only ISO dates: the page stays valid HTML."""
    client = signed_in(citizen())
    kept = check(client, "ZZ123456", "14.03.1985").content.decode()
    assert 'name="birth_date" value="1985-03-14"' in kept
    assert 'value="ZZ123456"' in kept  # what the citizen typed is not lost
    dropped = check(client, "ZZ123456", "14/03/85").content.decode()
    assert 'value="14/03/85"' not in dropped
