"""Helpers of the writing side's tests: verified citizens, a site's petitions index (the
demo's), petitions started and published through the services, and the site's URLs."""

import itertools
import uuid

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from wagtail.models import Site

from plugins.petitions import services
from plugins.petitions.models import Petition, PetitionIndexPage, PetitionTopic

_numbers = itertools.count(1)
HOSTS = {
    "ternopil": "ternopil.localhost",
    "banska-bystrica": "banska-bystrica.localhost",
    "levski": "levski.localhost",
}
LANGUAGES = {"ternopil": "uk", "banska-bystrica": "sk", "levski": "bg"}


def make_citizen(verified=True, password="a-long-Passphrase-42", **fields):
    number = next(_numbers)
    email = f"petitioner-{number}-{uuid.uuid4().hex[:6]}@example.org"
    user = get_user_model().objects.create_user(
        username=email[:150], email=email, password=password, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def make_moderator():
    return get_user_model().objects.create_superuser(
        username=f"moderator-{uuid.uuid4().hex[:8]}",
        email=f"moderator-{uuid.uuid4().hex[:6]}@example.org",
        password="a-long-Passphrase-42",
    )


def index_of(slug="ternopil", language=None):
    """The demo petitions index of the site `slug` in `language` (the site's own by default)."""
    language = language or LANGUAGES[slug]
    home = next(
        root
        for root in Site.objects.get(site_name=slug).root_page.get_translations(inclusive=True)
        if root.locale.language_code == language
    )
    return PetitionIndexPage.objects.child_of(home).live().get()


def topic_of(index):
    return PetitionTopic.objects.filter(locale=index.locale).order_by("pk").first()


def start(index=None, author=None, **fields):
    index = index or index_of()
    number = next(_numbers)
    data = {
        "title": f"Petition {number}",
        "text": f"Why petition {number} matters.",
        "request": "Please do it.",
        "topic": topic_of(index),
        **fields,
    }
    return services.start_petition(index, author or make_citizen(), **data)


def published(index=None, needed=None, moderator=None, now=None, **fields):
    """A petition published (collecting) with `needed` signatures to reach the threshold."""
    petition = start(index, **fields)
    services.publish(petition, moderator, now=now)
    if needed is not None:
        Petition.objects.filter(pk=petition.pk).update(signatures_needed=needed)
    petition.refresh_from_db()
    return petition


def path_of(index):
    """The index's path on its site: /uk/petytsii/."""
    return index.get_url_parts()[2]


def petition_url(petition, index=None):
    """The petition's address under `index`, with its readable slug."""
    index = index or petition.index
    slug = petition.slug_in(index)
    return f"{path_of(index)}{petition.pk}{'-' + slug if slug else ''}/"


def sign_url(petition, index=None):
    return f"{path_of(index or petition.index)}{petition.pk}/sign/"


def start_url(index):
    return f"{path_of(index)}new/"


def host(slug="ternopil"):
    return {"host": HOSTS[slug]}
