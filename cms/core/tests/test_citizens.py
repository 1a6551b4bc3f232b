"""The core's one rule for "a verified citizen" (cms.core.citizens)."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from cms.core.citizens import is_verified_citizen, levels_held, verified_citizen

pytestmark = pytest.mark.django_db


def _user(name, *, verified=None, active=True, staff=False):
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.org", password="x", is_active=active
    )
    user.is_staff = staff
    user.save()
    if verified is not None:
        EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_a_signed_in_user_with_a_confirmed_address_is_a_verified_citizen():
    user = _user("olena", verified=True)
    assert is_verified_citizen(user)
    assert verified_citizen(_request(user)) == user


@pytest.mark.parametrize(
    "kwargs",
    [{"verified": False}, {}, {"verified": True, "active": False}, {"staff": True}],
    ids=["unconfirmed address", "no address", "inactive account", "staff without address"],
)
def test_anyone_else_is_not(kwargs):
    user = _user("taras", **kwargs)
    assert not is_verified_citizen(user)
    assert verified_citizen(_request(user)) is None


def test_an_anonymous_visitor_or_none_is_not():
    assert not is_verified_citizen(AnonymousUser())
    assert not is_verified_citizen(None)
    assert verified_citizen(_request(AnonymousUser())) is None
    assert verified_citizen(RequestFactory().get("/")) is None


def test_one_confirmed_address_among_others_is_enough():
    user = _user("mila", verified=False)
    EmailAddress.objects.create(user=user, email="mila@second.example", verified=True)
    assert is_verified_citizen(user)


def test_outside_every_site_a_confirmed_address_is_the_only_level():
    """A page not under any site (a tree built by hand, a site deleted meanwhile): the
    email address still counts, residency and identity cannot."""
    assert levels_held(_user("taras", verified=True), None) == {"verified"}
    assert levels_held(_user("ivan", verified=False), None) == frozenset()
