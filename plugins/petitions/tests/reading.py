"""Helpers of the reading side's tests: a petitions index on a demo site, petitions in any
status, signatures in bulk with their per-day tally."""

import itertools
import uuid
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from plugins.petitions.models import (
    Petition,
    PetitionEvent,
    PetitionIndexPage,
    PetitionStatus,
    PetitionTopic,
    Signature,
    SignatureDay,
)

_numbers = itertools.count(1)
TITLES = {"uk": "Петиції", "en": "Petitions", "sk": "Petície", "bg": "Петиции"}


def site(slug="ternopil"):
    return Site.objects.get(site_name=slug)


def index_for(slug="ternopil", language="uk"):
    """The site's petitions index in `language` (created and published when missing)."""
    home = next(
        root
        for root in site(slug).root_page.get_translations(inclusive=True)
        if root.locale.language_code == language
    )
    index = PetitionIndexPage.objects.child_of(home).first()
    if index is None:
        index = PetitionIndexPage(title=TITLES[language], slug=f"petitions-{language}")
        home.add_child(instance=index)
        index.save_revision().publish()
        index.refresh_from_db()
    return index


def topic(language="uk", name="Дороги", slug="roads", translation_key=None):
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    found = PetitionTopic.objects.filter(locale=locale, slug=slug).first()
    if found is None:
        fields = {"translation_key": translation_key} if translation_key else {}
        found = PetitionTopic.objects.create(locale=locale, name=name, slug=slug, **fields)
    return found


def make_user(name="", show=""):
    number = next(_numbers)
    email = f"reader-{number}-{uuid.uuid4().hex[:6]}@example.org"
    user = get_user_model().objects.create_user(
        username=email, email=email, password="a-long-Passphrase-42", first_name=name
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_petition(index=None, status=PetitionStatus.COLLECTING, **fields):
    """A petition in `status` with the dates that status implies (published a week ago,
    60 days to collect, 1000 signatures needed, 10 days to answer)."""
    index = index or index_for()
    now = timezone.now()
    number = next(_numbers)
    published = now - timedelta(days=7)
    values = {
        "title": f"Петиція {number}",
        "text": "Текст петиції.",
        "request": "Просимо раду зробити це.",
        "signatures_needed": 1000,
        "collection_days": 60,
        "answer_days": 10,
        "published_at": published,
        "collection_ends_at": published + timedelta(days=60),
        "language": index.locale.language_code,
    }
    if status in (PetitionStatus.PENDING, PetitionStatus.REFUSED):
        values.update(published_at=None, collection_ends_at=None)
    if status == PetitionStatus.FAILED:
        values.update(
            published_at=now - timedelta(days=70), collection_ends_at=now - timedelta(days=10)
        )
    if status in (PetitionStatus.CONSIDERATION, PetitionStatus.ANSWERED):
        values.update(consideration_at=now - timedelta(days=2))
        values.update(answer_due_at=now + timedelta(days=8))
    if status == PetitionStatus.ANSWERED:
        values.update(answered_at=now - timedelta(days=1), answer="Рада вирішила так.")
    values.update(fields)
    petition = Petition.objects.create(index=index, status=status, **values)
    if petition.published_at:
        PetitionEvent.objects.create(
            petition=petition, status=PetitionStatus.COLLECTING, at=petition.published_at
        )
    return petition


def add_signatures(petition, count, days=60, users=None):
    """`count` anonymous signatures spread over `days` days (bulk-created) with their
    per-day tally; `users` (a list) signs first, showing their names."""
    start = timezone.localdate() - timedelta(days=days - 1)
    per_day = [count // days + (1 if n < count % days else 0) for n in range(days)]
    users = list(users or [])
    signatures = [Signature(petition=petition, user=user, show_name=True) for user in users]
    signatures += [Signature(petition=petition) for _ in range(count - len(users))]
    Signature.objects.bulk_create(signatures, batch_size=5000)
    SignatureDay.objects.bulk_create(
        SignatureDay(petition=petition, day=start + timedelta(days=n), count=c)
        for n, c in enumerate(per_day)
        if c
    )
    Petition.objects.filter(pk=petition.pk).update(signature_count=count)
    petition.refresh_from_db()
    return petition


def path_of(petition, index=None):
    """The petition's path under `index` (its own index by default)."""
    index = index or petition.index
    suffix = petition.get_url(index=index).removeprefix(index.get_url() or "")
    return index.get_url_parts()[2] + suffix


def list_path(index):
    return index.get_url_parts()[2]
