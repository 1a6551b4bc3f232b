"""E-petitions of each municipality: the petitions index in the site language and English,
topics, and one petition in each state (collecting, under consideration, overdue, answered,
failed, awaiting moderation, refused) written in the site language, signed by demo citizens
over the days of its collection."""

import random
from collections import Counter
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from wagtail.models import Locale, Site

from cms.core.profiles import all_profiles
from cms.core.siterights import moderators_group
from cms.navigation.models import MainMenu, MenuItem
from fixtures.pages import ensure_child, ensure_translation
from plugins.petitions import rights
from plugins.petitions.demo_content import INDEX, PETITIONS, TOPICS
from plugins.petitions.models import (
    Petition,
    PetitionEvent,
    PetitionIndexPage,
    PetitionStatus,
    PetitionTopic,
    Signature,
    SignatureDay,
)
from plugins.petitions.services import end_of_day_after, rules_for, site_zone


def _ensure_topics(slug, languages):
    found = {}
    for topic_slug, names in TOPICS[slug]:
        key = None
        for language in languages:
            locale = Locale.objects.get(language_code=language)
            topic = PetitionTopic.objects.filter(slug=topic_slug, locale=locale).first()
            if topic is None:
                topic = PetitionTopic(slug=topic_slug, locale=locale, name=names[language])
                if key is not None:
                    topic.translation_key = key
                topic.save()
            key = topic.translation_key
            found[topic_slug, language] = topic
    return found


def _ensure_in_menu(site, index):
    menu = MainMenu.objects.filter(site=site, locale=index.locale).first()
    if menu is None or menu.items.filter(link_page=index).exists():
        return
    position = max((item.sort_order or 0 for item in menu.items.all()), default=-1) + 1
    MenuItem.objects.create(menu=menu, link_page=index, sort_order=position)


def _citizens(prefix, count, names=()):
    """`count` demo citizens `<prefix><n>@example.org` with a verified address (created in
    bulk when missing; no usable password)."""
    User = get_user_model()
    emails = [f"{prefix}{number}@example.org" for number in range(1, count + 1)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    missing = [email for email in emails if email not in existing]
    unusable = make_password(None)
    User.objects.bulk_create(
        [
            User(
                username=email.split("@")[0],
                email=email,
                password=unusable,
                first_name=names[number % len(names)] if names else "",
            )
            for number, email in enumerate(missing)
        ],
        batch_size=500,
    )
    users = list(User.objects.filter(email__in=emails).order_by("pk"))
    verified = set(EmailAddress.objects.filter(user__in=users).values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
            if user.pk not in verified
        ],
        batch_size=500,
    )
    return users


def _timeline(entry, rules, now, zone):
    """The petition's dates for its demo state."""
    state = entry["state"]
    dates = {"created_at": now - timedelta(days=2)}
    if state in ("pending", "refused"):
        return dates
    if state == "collecting":
        published = now - timedelta(days=10)
    elif state == "consideration":
        published = now - timedelta(days=30)
        dates["consideration_at"] = now - timedelta(days=3)
    elif state == "overdue":
        dates["consideration_at"] = now - timedelta(days=rules.answer_days + 6)
        published = dates["consideration_at"] - timedelta(days=20)
    elif state == "answered":
        published = now - timedelta(days=rules.answer_days + 60)
        dates["consideration_at"] = published + timedelta(days=25)
        dates["answered_at"] = dates["consideration_at"] + timedelta(days=rules.answer_days // 2)
    else:  # failed
        published = now - timedelta(days=rules.collection_days + 15)
    dates["created_at"] = published - timedelta(days=2)
    dates["published_at"] = published
    dates["collection_ends_at"] = end_of_day_after(published, rules.collection_days, zone)
    if "consideration_at" in dates:
        dates["answer_due_at"] = end_of_day_after(
            dates["consideration_at"], rules.answer_days, zone
        )
    return dates


STATUS_OF_STATE = {
    "pending": PetitionStatus.PENDING,
    "refused": PetitionStatus.REFUSED,
    "collecting": PetitionStatus.COLLECTING,
    "consideration": PetitionStatus.CONSIDERATION,
    "overdue": PetitionStatus.CONSIDERATION,
    "answered": PetitionStatus.ANSWERED,
    "failed": PetitionStatus.FAILED,
}


def _events(petition, dates):
    events = [
        PetitionEvent(petition=petition, status=PetitionStatus.PENDING, at=dates["created_at"])
    ]
    if petition.status == PetitionStatus.REFUSED:
        events.append(
            PetitionEvent(
                petition=petition,
                status=PetitionStatus.REFUSED,
                at=dates["created_at"] + timedelta(days=1),
                note=petition.refusal_note,
            )
        )
    if "published_at" in dates:
        events.append(
            PetitionEvent(
                petition=petition, status=PetitionStatus.COLLECTING, at=dates["published_at"]
            )
        )
    if "consideration_at" in dates:
        events.append(
            PetitionEvent(
                petition=petition,
                status=PetitionStatus.CONSIDERATION,
                at=dates["consideration_at"],
            )
        )
    if "answered_at" in dates:
        events.append(
            PetitionEvent(
                petition=petition, status=PetitionStatus.ANSWERED, at=dates["answered_at"]
            )
        )
    if petition.status == PetitionStatus.FAILED:
        events.append(
            PetitionEvent(
                petition=petition, status=PetitionStatus.FAILED, at=dates["collection_ends_at"]
            )
        )
    PetitionEvent.objects.bulk_create(events)


def _sign(petition, signers, count, dates, zone, rng):
    """`count` signatures spread over the collection (the last one on the day the threshold
    was reached), with the per-day tally the chart reads."""
    start = dates["published_at"]
    end = dates.get("consideration_at") or min(dates["collection_ends_at"], timezone.now())
    span = (end - start).total_seconds()
    moments = sorted(start + timedelta(seconds=span * rng.random() ** 0.7) for _ in range(count))
    if moments and "consideration_at" in dates:
        moments[-1] = end
    signatures = [
        Signature(
            petition=petition,
            user=user,
            show_name=rng.random() < 0.3,
            notify=rng.random() < 0.2,
            created_at=moment,
        )
        for user, moment in zip(signers, moments, strict=False)
    ]
    Signature.objects.bulk_create(signatures, batch_size=500)
    days = Counter(timezone.localtime(moment, zone).date() for moment in moments)
    SignatureDay.objects.bulk_create(
        [SignatureDay(petition=petition, day=day, count=n) for day, n in sorted(days.items())]
    )
    return len(signatures)


def _ensure_petitions(index, profile, topics, signers, authors):
    if Petition.objects.filter(index__translation_key=index.translation_key).exists():
        return 0
    rules = rules_for(index)
    zone = site_zone(index)
    now = timezone.now()
    language = profile.default_language
    for number, entry in enumerate(PETITIONS[profile.slug]):
        rng = random.Random(f"{profile.slug}/{number}")  # nosec B311  # demo data, repeatable
        dates = _timeline(entry, rules, now, zone)
        status = STATUS_OF_STATE[entry["state"]]
        published = "published_at" in dates
        petition = Petition.objects.create(
            index=index,
            author=authors[number % len(authors)],
            title=entry["title"],
            text=entry["text"],
            request=entry["request"],
            topic=topics.get((entry["topic"], language)),
            status=status,
            language=language,
            refusal_reason=entry.get("reason", ""),
            signatures_needed=rules.signatures_needed if published else None,
            collection_days=rules.collection_days if published else None,
            residents_only=rules.residents_only,
            answer_days=rules.answer_days if published else None,
            answer=entry.get("answer", ""),
            **{key: value for key, value in dates.items() if key != "created_at"},
        )
        count = 0
        if published:
            wanted = round(entry["share"] * rules.signatures_needed)
            if entry["share"] >= 1:
                wanted = max(wanted, rules.signatures_needed)
            count = _sign(petition, signers, min(wanted, len(signers)), dates, zone, rng)
        Petition.objects.filter(pk=petition.pk).update(
            created_at=dates["created_at"], signature_count=count
        )
        _events(petition, dates)
    return len(PETITIONS[profile.slug])


SIGNER_NAMES = ("Olena", "Andrii", "Mária", "Peter", "Ivan", "Maria", "Georgi", "Zuzana")


def _moderators():
    """Each municipality's moderators (the demo's per-site group) moderate the petitions of their
    own site."""
    for profile in all_profiles():
        site = Site.objects.filter(site_name=profile.slug).first()
        if site is not None:
            rights.grant(moderators_group(profile), site)


def build(log):
    _moderators()
    profiles = [profile for profile in all_profiles() if profile.slug in PETITIONS]
    if not profiles:
        return
    most = max(rules_for_profile(profile) for profile in profiles)
    signers = _citizens("petition.signer", most, SIGNER_NAMES)
    for profile in profiles:
        site = Site.objects.filter(site_name=profile.slug).first()
        if site is None:
            continue
        home = site.root_page.specific
        languages = [
            profile.default_language,
            *(code for code in profile.languages if code != profile.default_language),
        ]
        topics = _ensure_topics(profile.slug, languages)
        meta = INDEX[profile.slug]
        language = profile.default_language
        index = ensure_child(
            home,
            PetitionIndexPage,
            meta["slug"],
            title=meta["title"][language],
            intro=meta["intro"][language],
        )
        _ensure_in_menu(site, index)
        if "en" in profile.languages:
            index_en = ensure_translation(
                index,
                "en",
                slug=meta["slug_en"],
                title=meta["title"]["en"],
                intro=meta["intro"]["en"],
            )
            _ensure_in_menu(site, index_en)
        authors = _citizens(f"petition.author.{profile.slug}.", 3, SIGNER_NAMES)
        made = _ensure_petitions(index, profile, topics, signers, authors)
        log(f"{profile.name('en')}: petitions ({made} new)")


def rules_for_profile(profile):
    from plugins.petitions.services import DEFAULT_RULES

    return int({**DEFAULT_RULES, **profile.table("petitions")}["signatures_needed"])
