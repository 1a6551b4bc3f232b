"""The levels of cms.core.citizens per account and per site: "verified" is the confirmed
email address, "resident" and "identity" are grants of one site that expire and can be
revoked."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from wagtail.models import Site

from cms.accounts import verification
from cms.core import citizens

pytestmark = pytest.mark.django_db


def _citizen(name, verified=True):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "x")
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def test_levels_are_held_per_site():
    ternopil = Site.objects.get(site_name="ternopil")
    levski = Site.objects.get(site_name="levski")
    user = _citizen("olena")
    assert citizens.levels_held(user, ternopil) == {citizens.VERIFIED}
    verification.grant(user, ternopil, citizens.RESIDENT, "staff")
    assert citizens.holds(user, ternopil, citizens.RESIDENT)
    assert not citizens.holds(user, ternopil, citizens.IDENTITY)
    assert not citizens.holds(user, levski, citizens.RESIDENT)
    assert citizens.missing(user, levski, citizens.required("verified", True)) == ("resident",)
    assert citizens.missing(user, ternopil, citizens.required("identity", True)) == ("identity",)


def test_grants_count_only_with_a_confirmed_address_and_an_active_account():
    ternopil = Site.objects.get(site_name="ternopil")
    user = _citizen("taras", verified=False)
    verification.grant(user, ternopil, citizens.RESIDENT, "staff")
    assert citizens.levels_held(user, ternopil) == frozenset()
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert citizens.holds(user, ternopil, citizens.RESIDENT)
    user.is_active = False
    user.save()
    assert not citizens.holds(user, ternopil, citizens.VERIFIED)
    assert citizens.levels_held(AnonymousUser(), ternopil) == frozenset()
    assert citizens.levels_held(None, ternopil) == frozenset()


def test_expired_and_revoked_grants_do_not_count():
    ternopil = Site.objects.get(site_name="ternopil")
    user = _citizen("maria")
    soon = timezone.now() + timedelta(hours=1)
    grant = verification.grant(user, ternopil, citizens.IDENTITY, "staff", expires_at=soon)
    assert citizens.holds(user, ternopil, citizens.IDENTITY)
    assert not citizens.holds(user, ternopil, citizens.IDENTITY, now=soon + timedelta(seconds=1))
    verification.revoke(grant, note="test")
    assert not citizens.holds(user, ternopil, citizens.IDENTITY)


def test_unknown_levels_are_refused_and_unknown_rules_need_the_strongest():
    with pytest.raises(ValueError):
        citizens.holds(_citizen("petro"), None, "mayor")
    assert citizens.required("") == ("verified", "identity")
    assert citizens.required("resident") == ("verified", "resident")
    assert citizens.required() == ("verified",)


def test_the_level_names_are_translated_and_the_link_points_to_the_account_page():
    from django.utils import translation

    with translation.override("sk"):
        assert citizens.level_label(citizens.RESIDENT) == "obyvateľ obce"
        assert citizens.how_to_get_url(citizens.RESIDENT) == "/sk/accounts/#verification"
