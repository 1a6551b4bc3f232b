"""The lifecycle of a petition: start, publish or refuse, sign, close, answer. Every change of
status is one conditional UPDATE (it happens once, whoever races for it), records a
PetitionEvent and queues the notifications when the transaction commits."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core import citizens
from cms.core.frontcache import purge_tags
from cms.core.sites import profile_for_page, site_for_page
from plugins.petitions.models import (
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionStatus,
    Signature,
    SignatureDay,
    site_zone,
)
from plugins.petitions.tasks import send_event_mails

#: Rules when a site profile has no `[petitions]` table (or leaves a key out).
DEFAULT_RULES = {
    "signatures_needed": 500,
    "collection_days": 60,
    "residents_only": False,
    "answer_days": 30,
    "identity": "verified",
    "start_identity": "verified",
}


@dataclass(frozen=True)
class Rules:
    signatures_needed: int
    collection_days: int
    residents_only: bool
    answer_days: int
    identity: str
    start_identity: str = citizens.VERIFIED


def rules_for(index):
    """The petition rules of the site `index` (a PetitionIndexPage) belongs to."""
    table = {**DEFAULT_RULES, **profile_for_page(index).table("petitions")}
    return Rules(
        signatures_needed=max(1, int(table["signatures_needed"])),
        collection_days=max(1, int(table["collection_days"])),
        residents_only=bool(table["residents_only"]),
        answer_days=max(1, int(table["answer_days"])),
        identity=str(table["identity"]),
        start_identity=str(table["start_identity"]),
    )


def end_of_day_after(moment, days, zone):
    """The last instant of the local day `days` days after `moment`'s local date (in
    `zone`, summer time or not): it reads "until 25 January, 23:59"."""
    last_day = timezone.localtime(moment, zone).date() + timedelta(days=days)
    return datetime.combine(last_day, time.max, tzinfo=zone)


class PetitionError(Exception):
    """A change that is refused; `message` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class AlreadySigned(PetitionError):
    pass


class SigningClosed(PetitionError):
    """The petition's collection period is over: its closed phase (cms.core.phases)."""


class IdentityRequired(PetitionError):
    """The citizen lacks levels the rule needs on this site (`missing`: cms.core.citizens
    levels, weakest first)."""

    def __init__(self, missing, action="sign"):
        self.missing = tuple(missing)
        levels = ", ".join(str(citizens.level_label(level)) for level in self.missing)
        template = START_NEEDS if action == "start" else SIGN_NEEDS
        super().__init__(template % {"levels": levels})


SIGN_NEEDS = _("To sign this petition, this site must have confirmed you as: %(levels)s.")
START_NEEDS = _("To start a petition, this site must have confirmed you as: %(levels)s.")


SIGN_CLOSED = _("This petition is not collecting signatures any more.")
SIGN_NOT_OPEN = _("This petition cannot be signed.")
ALREADY_SIGNED = _("You have already signed this petition.")
NOT_PENDING = _("This petition has already been moderated.")
NOT_CONSIDERED = _("Only a petition under consideration can be answered.")


def signing_levels(petition):
    """The levels of cms.core.citizens that signing `petition` needs: its site's identity rule
    (copied onto the petition when it has one) and its `residents_only`, copied when it was
    published."""
    identity = petition.identity or rules_for(petition.index).identity
    return citizens.required(identity, petition.residents_only)


def starting_levels(index):
    """The levels starting a petition on the site of `index` needs today."""
    rules = rules_for(index)
    return citizens.required(rules.start_identity, rules.residents_only)


def check_identity(user, page, levels, action="sign", now=None):
    """Raise IdentityRequired when `user` lacks any of `levels` on the site of `page`."""
    lacking = citizens.missing(user, site_for_page(page), levels, now)
    if lacking:
        raise IdentityRequired(lacking, action)


def index_tags(petition):
    """Front-cache tags of every language version of the petition's index (the list, the
    petition pages, feeds and open data are all its sub-routes)."""
    keys = type(petition.index).objects.filter(translation_key=petition.index.translation_key)
    return {f"page-{pk}" for pk in keys.values_list("pk", flat=True)}


def petition_tags(petition):
    """Front-cache tags of every answer that shows the petition (its index's routes in every
    language, and anything tagged with the petition itself)."""
    return index_tags(petition) | {f"petitions.petition-{petition.pk}"}


def _notify_later(event):
    """Queue the mails of `event` (plugins.petitions.notifications says who hears of it)
    once the transaction that recorded it commits."""
    event_id = event.pk
    transaction.on_commit(lambda: send_event_mails.enqueue(event_id))


def _record(petition, status, by=None, note="", at=None):
    """Write the change to the timeline, queue its mails and purge what showed it."""
    event = PetitionEvent.objects.create(
        petition=petition, status=status, by=by, note=note, at=at or timezone.now()
    )
    _notify_later(event)
    if status not in (PetitionStatus.PENDING, PetitionStatus.REFUSED):
        purge_tags(petition_tags(petition))
    transaction.on_commit(partial(_reindex, petition.pk), robust=True)
    return event


def _reindex(petition_pk):
    """Bring the petition's search entry up to date: status changes are conditional
    UPDATEs, which send no save signal to the search app."""
    from cms.search.sync import sync_object

    petition = Petition.objects.select_related("index").filter(pk=petition_pk).first()
    if petition is not None:
        sync_object(petition)  # a petition that is not public leaves the index


@transaction.atomic
def start_petition(index, author, *, title, text, request, topic, files=(), language=""):
    """Store a new petition (pending moderation) with its attachments, all or nothing.
    Raises IdentityRequired (nothing stored) when the site's rule needs more of `author`."""
    check_identity(author, index, starting_levels(index), action="start")
    petition = Petition.objects.create(
        index=index,
        author=author,
        title=title,
        text=text,
        request=request,
        topic=topic,
        language=language or index.locale.language_code,
    )
    for upload in files:
        PetitionAttachment.objects.create(petition=petition, file=upload, title=upload.name[:200])
    _record(petition, PetitionStatus.PENDING, by=author)
    return petition


@transaction.atomic
def publish(petition, moderator, now=None):
    """Pending → collecting, with the site's rules of today copied onto the petition."""
    now = now or timezone.now()
    rules = rules_for(petition.index)
    ends = end_of_day_after(now, rules.collection_days, site_zone(petition.index))
    changed = Petition.objects.filter(pk=petition.pk, status=PetitionStatus.PENDING).update(
        status=PetitionStatus.COLLECTING,
        signatures_needed=rules.signatures_needed,
        collection_days=rules.collection_days,
        residents_only=rules.residents_only,
        identity=rules.identity,
        answer_days=rules.answer_days,
        published_at=now,
        collection_ends_at=ends,
        updated_at=now,
    )
    if not changed:
        raise PetitionError(NOT_PENDING)
    petition.refresh_from_db()
    _record(petition, PetitionStatus.COLLECTING, by=moderator, at=now)
    return petition


@transaction.atomic
def refuse(petition, moderator, reason, note=""):
    """Pending → refused, with the reason the author reads (never shown to the public)."""
    changed = Petition.objects.filter(pk=petition.pk, status=PetitionStatus.PENDING).update(
        status=PetitionStatus.REFUSED,
        refusal_reason=reason,
        refusal_note=note,
        updated_at=timezone.now(),
    )
    if not changed:
        raise PetitionError(NOT_PENDING)
    petition.refresh_from_db()
    _record(petition, PetitionStatus.REFUSED, by=moderator, note=note)
    return petition


def sign(petition_id, user, *, show_name=False, notify=False, petitions=None, now=None):
    """Add `user`'s signature to the petition `petition_id` (among `petitions`, the index's
    petitions), count it and, when it is the one that reaches the threshold, move the
    petition to consideration. Raises PetitionError (nothing stored) when refused."""
    now = now or timezone.now()
    queryset = petitions if petitions is not None else Petition.objects.all()
    petition = queryset.select_related("index").filter(pk=petition_id).first()
    if petition is None or petition.status in (PetitionStatus.PENDING, PetitionStatus.REFUSED):
        raise PetitionError(SIGN_NOT_OPEN)
    if not petition.is_collecting(now):
        raise SigningClosed(SIGN_CLOSED)
    check_identity(user, petition.index, signing_levels(petition), now=now)
    zone = site_zone(petition.index)
    answer_due = end_of_day_after(now, petition.answer_days or 1, zone)
    with transaction.atomic():
        try:
            with transaction.atomic():
                signature = Signature.objects.create(
                    petition=petition, user=user, show_name=show_name, notify=notify
                )
        except IntegrityError:
            raise AlreadySigned(ALREADY_SIGNED) from None
        counted = Petition.objects.filter(
            pk=petition.pk, status=PetitionStatus.COLLECTING, collection_ends_at__gt=now
        ).update(signature_count=F("signature_count") + 1)
        if not counted:  # closed or moved on between the check and now
            raise SigningClosed(SIGN_CLOSED)
        _count_day(petition, timezone.localtime(now, zone).date())
        # The count shows on the petition's page and the list (every language): the update
        # above sends no save signal, so nothing else purges them.
        purge_tags(petition_tags(petition))
        reached = Petition.objects.filter(
            pk=petition.pk,
            status=PetitionStatus.COLLECTING,
            signature_count__gte=F("signatures_needed"),
        ).update(
            status=PetitionStatus.CONSIDERATION,
            consideration_at=now,
            answer_due_at=answer_due,
            updated_at=now,
        )
        if reached:
            _record(petition, PetitionStatus.CONSIDERATION, at=now)
    return signature


def _count_day(petition, day):
    days = SignatureDay.objects.filter(petition=petition, day=day)
    if days.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            SignatureDay.objects.create(petition=petition, day=day, count=1)
    except IntegrityError:  # another signature created the day first
        days.update(count=F("count") + 1)


def close_expired(now=None):
    """Collecting petitions whose period has ended → failed. Returns how many closed."""
    now = now or timezone.now()
    closed = 0
    due = Petition.objects.filter(
        status=PetitionStatus.COLLECTING, collection_ends_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            changed = Petition.objects.filter(
                pk=pk, status=PetitionStatus.COLLECTING, collection_ends_at__lte=now
            ).update(status=PetitionStatus.FAILED, updated_at=now)
            if changed:
                petition = Petition.objects.get(pk=pk)
                _record(petition, PetitionStatus.FAILED, at=petition.collection_ends_at)
                closed += 1
    return closed


@transaction.atomic
def answer(petition, by, text, document=None, now=None):
    """Consideration → answered, with the council's answer and an archive document."""
    now = now or timezone.now()
    changed = Petition.objects.filter(pk=petition.pk, status=PetitionStatus.CONSIDERATION).update(
        status=PetitionStatus.ANSWERED,
        answer=text,
        answer_document=document,
        answered_at=now,
        updated_at=now,
    )
    if not changed:
        raise PetitionError(NOT_CONSIDERED)
    petition.refresh_from_db()
    _record(petition, PetitionStatus.ANSWERED, by=by, at=now)
    return petition
