"""Granting and revoking the levels of cms.core.citizens on a site: by the municipality's
census (uploaded by staff, matched by the citizen) or by staff at the service centre.

No document number is ever stored. The census keeps a keyed hash of (site, document number,
birth date); a grant keeps a keyed hash of (site, document number) as its `reference`, so the
same document cannot verify two accounts on one site. The keys are derived from SECRET_KEY:
rotating it makes the uploaded census unmatchable (upload it again) and lets a document
already used verify a second account.
"""

import csv
import hashlib
import hmac
import io
import unicodedata
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.accounts.models import CensusEntry, VerificationGrant, VerificationMethod
from cms.core import citizens
from cms.core.sites import profile_for_site

#: How long a grant holds when the site's profile says nothing (`[verification] valid_days`).
DEFAULT_VALID_DAYS = 730
#: The most rows one census file may have, and its largest size in bytes.
CENSUS_MAX_ROWS = 500_000
CENSUS_MAX_BYTES = 30 * 1024 * 1024

#: Cyrillic letters that look like Latin ones: "КА 123456" typed either way is one document.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХІУ", "ABEKMHOPCTXIY")

NO_MATCH = _(
    "We found no resident with this document number and birth date. Check both, or visit "
    "the service centre."
)
DOCUMENT_USED = _(
    "This document already confirms another account on this site. If that is not yours, "
    "please visit the service centre."
)
BAD_DOCUMENT = _("Enter the document number: 4 to 20 letters and digits.")


class VerificationError(Exception):
    """A grant that is refused; `message` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _key(purpose):
    return hmac.new(
        settings.SECRET_KEY.encode(), f"hromada.accounts.{purpose}".encode(), hashlib.sha256
    ).digest()


def normalise_document(number):
    """The document number as compared: upper case, without spaces, dashes or dots, Cyrillic
    look-alike letters as Latin. Raises VerificationError when it is not 4-20 letters and
    digits."""
    text = unicodedata.normalize("NFKC", str(number or "")).upper()
    text = "".join(ch for ch in text if ch not in " -./\u00a0\t").translate(_LOOKALIKES)
    if not 4 <= len(text) <= 20 or not all(ch.isalnum() for ch in text):
        raise VerificationError(BAD_DOCUMENT)
    return text


def census_digest(site, document, birth_date):
    """The census's keyed hash of one person on `site`."""
    message = f"{site.pk}|{normalise_document(document)}|{birth_date.isoformat()}"
    return hmac.new(_key("census"), message.encode(), hashlib.sha256).hexdigest()


def document_reference(site, document):
    """The grant's keyed hash of a document on `site` (one account per document and site)."""
    message = f"{site.pk}|{normalise_document(document)}"
    return hmac.new(_key("document"), message.encode(), hashlib.sha256).hexdigest()


def valid_days(site):
    """How many days a new grant on `site` holds (None: until revoked)."""
    days = int(profile_for_site(site).table("verification").get("valid_days", DEFAULT_VALID_DAYS))
    return days if days > 0 else None


def default_expiry(site, now=None):
    days = valid_days(site)
    return (now or timezone.now()) + timedelta(days=days) if days else None


@transaction.atomic
def grant(
    user,
    site,
    level,
    method,
    *,
    by=None,
    reference="",
    expires_at=None,
    note="",
    census_entry=None,
    now=None,
):
    """Let `user` hold `level` on `site` (replacing the grant they held of that level, which
    stays in the history as revoked). Raises VerificationError (nothing changed) when the
    document of `reference` confirms another account of that level on the site."""
    if level not in citizens.GRANTED:
        raise ValueError(f"{level!r} is not granted by a row; expected one of {citizens.GRANTED}")
    now = now or timezone.now()
    if reference and (
        VerificationGrant.objects.filter(
            site=site, level=level, reference=reference, revoked_at__isnull=True
        )
        .exclude(user=user)
        .exists()
    ):
        raise VerificationError(DOCUMENT_USED)
    VerificationGrant.objects.filter(
        user=user, site=site, level=level, revoked_at__isnull=True
    ).update(revoked_at=now, revoked_by=by)
    try:
        with transaction.atomic():
            return VerificationGrant.objects.create(
                user=user,
                site=site,
                level=level,
                method=method,
                granted_at=now,
                granted_by=by,
                expires_at=expires_at,
                reference=reference,
                census_entry=census_entry,
                note=note[:500],
            )
    except IntegrityError:  # another account took the document at the same moment
        raise VerificationError(DOCUMENT_USED) from None


@transaction.atomic
def revoke(grant_row, by=None, note="", now=None):
    """End `grant_row` now (idempotent). A census entry that no live grant uses any more can
    be matched again (by the person it belongs to)."""
    now = now or timezone.now()
    changed = VerificationGrant.objects.filter(pk=grant_row.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=by, revoke_note=note[:500]
    )
    entry_id = grant_row.census_entry_id
    if (
        changed
        and entry_id
        and not VerificationGrant.objects.filter(
            census_entry_id=entry_id, revoked_at__isnull=True
        ).exists()
    ):
        CensusEntry.objects.filter(pk=entry_id).update(used_at=None, used_by=None)
    grant_row.refresh_from_db()
    return bool(changed)


@transaction.atomic
def match_census(user, site, document, birth_date, now=None):
    """Check `user`'s document number and birth date against `site`'s census: a match grants
    residency and identity (until the site's validity ends) and uses the entry up. Raises
    VerificationError, changing nothing, on no match or an entry another account used."""
    now = now or timezone.now()
    digest = census_digest(site, document, birth_date)
    entry = CensusEntry.objects.select_for_update().filter(site=site, digest=digest).first()
    if entry is None:
        raise VerificationError(NO_MATCH)
    taken = CensusEntry.objects.filter(pk=entry.pk).exclude(used_by=None).exclude(used_by=user)
    if taken.exists() or (entry.used_at is not None and entry.used_by_id is None):
        raise VerificationError(DOCUMENT_USED)
    reference = document_reference(site, document)
    expires_at = default_expiry(site, now)
    grants = [
        grant(
            user,
            site,
            level,
            VerificationMethod.CENSUS,
            reference=reference,
            expires_at=expires_at,
            census_entry=entry,
            now=now,
        )
        for level in citizens.GRANTED
    ]
    CensusEntry.objects.filter(pk=entry.pk).update(used_at=now, used_by=user)
    return grants


def erase(user):
    """A deleted account's grants go; the census entries it used can be matched again."""
    CensusEntry.objects.filter(used_by=user).update(used_at=None, used_by=None)
    VerificationGrant.objects.filter(user=user).delete()


class CensusFileError(Exception):
    """The census file cannot be read; `messages` list the problems (translated)."""

    def __init__(self, messages):
        super().__init__("; ".join(str(message) for message in messages))
        self.messages = messages


def parse_birth_date(value):
    """A birth date written 2001-09-24 or 24.09.2001, else None."""
    value = (value or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
        if date(1900, 1, 1) <= parsed <= timezone.localdate():
            return parsed
    return None


def read_census(upload, site):
    """The digests of a census CSV (document number, birth date; a header row allowed;
    comma, semicolon or tab between them). Raises CensusFileError listing the bad lines."""
    if upload.size > CENSUS_MAX_BYTES:
        raise CensusFileError([_("The file is larger than 30 MB.")])
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CensusFileError([_("The file is not UTF-8 text. Save it as CSV UTF-8.")]) from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    digests, problems = set(), []
    for line_number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if line_number > CENSUS_MAX_ROWS:
            raise CensusFileError([_("The file has more than 500,000 rows.")])
        birth = parse_birth_date(cells[1]) if len(cells) >= 2 else None
        if line_number == 1 and birth is None:
            continue  # a header row
        try:
            if birth is None:
                raise VerificationError(_("the birth date is not a date like 2001-09-24"))
            digests.add(census_digest(site, cells[0], birth))
        except VerificationError as error:
            if len(problems) < 20:
                problems.append(
                    _("Line %(line)s: %(problem)s") % {"line": line_number, "problem": error}
                )
            else:
                break
    if problems:
        raise CensusFileError(problems)
    if not digests:
        raise CensusFileError([_("The file has no rows.")])
    return digests


@transaction.atomic
def import_census(site, digests, by=None, replace=False, now=None):
    """Store `digests` as `site`'s census. `replace`: entries nobody used that are not in the
    new file go (used ones stay: they still guard their document). Returns (added, removed)."""
    now = now or timezone.now()
    existing = dict(
        CensusEntry.objects.filter(site=site).values_list("digest", "used_at").iterator()
    )
    stale = [d for d, used in existing.items() if used is None and d not in digests]
    removed = 0
    if replace:
        for start in range(0, len(stale), 500):
            removed += CensusEntry.objects.filter(
                site=site, used_at__isnull=True, digest__in=stale[start : start + 500]
            ).delete()[0]
    new = [d for d in digests if d not in existing]
    CensusEntry.objects.bulk_create(
        [CensusEntry(site=site, digest=d, uploaded_at=now, uploaded_by=by) for d in new],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return len(new), removed


def census_summary(added, removed):
    return ngettext(
        "%(added)s person added to the census, %(removed)s removed.",
        "%(added)s people added to the census, %(removed)s removed.",
        added,
    ) % {"added": added, "removed": removed}
