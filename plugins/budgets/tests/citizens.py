"""Verified citizens and signed-in clients for the proposing and voting tests."""

import itertools
import uuid

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

_numbers = itertools.count(1)
HOST = "ternopil.localhost"


def make_citizen(verified=True):
    email = f"budget-voter-{next(_numbers)}-{uuid.uuid4().hex[:6]}@example.org"
    user = get_user_model().objects.create_user(username=email, email=email, password="x" * 20)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def url(page, name="", *args):
    """The path of a cycle page's route (in its own language)."""
    base = page.url
    return base + (page.reverse_subpage(name, args=args) if name else "")
