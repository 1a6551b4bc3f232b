"""School cycles: one-time voting codes, generated in the admin and shown once; a code votes
once; only its keyed hash is stored."""

import pytest
from django.contrib.auth import get_user_model

from plugins.budgets.codes import code_hash, generate_codes
from plugins.budgets.models import Ballot, BudgetProject, VotingCode
from plugins.budgets.voting import BallotRefused, cast_ballot

from .citizens import HOST, url
from .cycle_helpers import make_cycle, make_projects

pytestmark = pytest.mark.django_db


def test_codes_are_stored_only_as_hashes():
    cycle = make_cycle("voting", kind="school")
    codes = generate_codes(cycle, 25, "School 5, class 7-A")
    assert len(set(codes)) == 25
    stored = set(VotingCode.objects.filter(cycle=cycle).values_list("code_hash", flat=True))
    assert stored == {code_hash(code) for code in codes}
    assert not any(code.replace("-", "") in digest.upper() for code in codes for digest in stored)
    assert code_hash(codes[0].lower().replace("-", " ")) == code_hash(codes[0])


def test_a_code_votes_once():
    cycle = make_cycle("voting", kind="school", max_choices=2)
    a, b = make_projects(cycle, [10, 20])
    code = generate_codes(cycle, 1, "7-A")[0]
    cast_ballot(cycle, [str(a.pk)], code_digest=code_hash(code))
    with pytest.raises(BallotRefused) as refused:
        cast_ballot(cycle, [str(b.pk)], code_digest=code_hash(code))
    assert "already been used" in str(refused.value.message)
    assert Ballot.objects.filter(cycle=cycle).count() == 1
    assert [p.votes for p in BudgetProject.objects.filter(pk__in=[a.pk, b.pk]).order_by("pk")] == [
        1,
        0,
    ]


def test_a_refused_ballot_leaves_the_code_unused():
    cycle = make_cycle("voting", kind="school", max_choices=1)
    a, b = make_projects(cycle, [10, 20])
    code = generate_codes(cycle, 1, "7-A")[0]
    with pytest.raises(BallotRefused):
        cast_ballot(cycle, [str(a.pk), str(b.pk)], code_digest=code_hash(code))
    assert VotingCode.objects.get(cycle=cycle).used_at is None
    cast_ballot(cycle, [str(a.pk)], code_digest=code_hash(code))
    assert VotingCode.objects.get(cycle=cycle).used_at is not None


def test_another_cycles_code_is_refused():
    cycle = make_cycle("voting", kind="school")
    other = make_cycle("voting", kind="school")
    project = make_projects(cycle, [10])[0]
    code = generate_codes(other, 1, "7-A")[0]
    with pytest.raises(BallotRefused):
        cast_ballot(cycle, [str(project.pk)], code_digest=code_hash(code))
    assert not Ballot.objects.filter(cycle=cycle).exists()


def test_a_pupil_votes_with_a_code_through_the_forms(client):
    cycle = make_cycle("voting", kind="school", max_choices=1)
    project = make_projects(cycle, [10])[0]
    code = generate_codes(cycle, 1, "7-A")[0]
    # Without a code the ballot sends the pupil to the code page.
    first = client.get(url(cycle, "vote_view"), headers={"host": HOST})
    assert first.status_code == 302 and first["Location"].endswith("/code/")
    wrong = client.post(url(cycle, "code_view"), {"code": "AAAA-BBBB-CCCC"}, headers={"host": HOST})
    assert wrong.status_code == 400
    entered = client.post(url(cycle, "code_view"), {"code": code.lower()}, headers={"host": HOST})
    assert entered.status_code == 302
    ballot = client.get(entered["Location"], headers={"host": HOST})
    assert f'value="{project.pk}"' in ballot.content.decode()
    voted = client.post(url(cycle, "vote_view"), {"projects": [project.pk]}, headers={"host": HOST})
    assert voted.status_code == 200
    assert Ballot.objects.filter(cycle=cycle, code__isnull=False).count() == 1
    # The code is spent: entering it again is refused, and the session no longer votes.
    again = client.post(url(cycle, "code_view"), {"code": code}, headers={"host": HOST})
    assert again.status_code == 400
    assert client.get(url(cycle, "vote_view"), headers={"host": HOST}).status_code == 302
    assert Ballot.objects.filter(cycle=cycle).count() == 1


def test_codes_are_generated_in_the_admin_and_shown_once(client):
    cycle = make_cycle("voting", kind="school")
    editor = get_user_model().objects.create_superuser("budget-editor", "ed@example.org", "x" * 20)
    client.force_login(editor)
    admin_url = f"/admin/budgets/{cycle.pk}/codes/"
    form = client.get(admin_url)
    assert form.status_code == 200
    printed = client.post(admin_url, {"batch": "School 5, 7-A", "count": "12"})
    assert printed.status_code == 200
    assert (
        printed["Cache-Control"].startswith("max-age=0") or "no-cache" in printed["Cache-Control"]
    )
    shown = printed.context["codes"]
    assert len(shown) == 12
    html = printed.content.decode()
    assert all(code in html for code in shown)
    assert VotingCode.objects.filter(cycle=cycle, batch="School 5, 7-A").count() == 12
    listing = client.get(admin_url).content.decode()
    assert "School 5, 7-A" in listing
    assert not any(code in listing for code in shown)
    refused = client.post(admin_url, {"batch": "Too many", "count": "100000"})
    assert refused.status_code == 400
    assert not VotingCode.objects.filter(batch="Too many").exists()


def test_guessing_codes_is_limited_per_connection(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.BUDGETS_CODE_TRIES_PER_HOUR = 2
    cycle = make_cycle("voting", kind="school")
    code = generate_codes(cycle, 1, "7-A")[0]
    for guess in ("AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF"):
        wrong = client.post(url(cycle, "code_view"), {"code": guess}, headers={"host": HOST})
        assert wrong.status_code == 400
    # Even the right code waits now: the connection has used its tries.
    blocked = client.post(url(cycle, "code_view"), {"code": code}, headers={"host": HOST})
    assert blocked.status_code == 429
    assert VotingCode.objects.get(cycle=cycle).used_at is None
    cache.clear()
