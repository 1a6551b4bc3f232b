"""One-time voting codes of school cycles. A code is shown once, when it is generated; only
a keyed hash is stored, so a leaked database gives no usable code."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction

from plugins.budgets.models import VotingCode

#: No 0/O, 1/I/L: a pupil types the code from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12
GROUP = 4
MAX_BATCH = 2000


def normalise(raw):
    """The code as typed, without spaces or dashes, in capitals."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def code_hash(raw):
    """The keyed hash stored for a code (HMAC-SHA256 with the secret key)."""
    return hmac.new(
        settings.SECRET_KEY.encode(), f"budgets-code:{normalise(raw)}".encode(), hashlib.sha256
    ).hexdigest()


def _new_code():
    plain = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(plain[i : i + GROUP] for i in range(0, LENGTH, GROUP))


@transaction.atomic
def generate_codes(cycle, count, batch):
    """Create `count` new codes for `cycle` (its source page) labelled `batch`; the codes in
    clear, to be printed now: they cannot be shown again."""
    source = cycle.source
    codes = []
    hashes = set()
    while len(codes) < count:
        code = _new_code()
        digest = code_hash(code)
        if digest in hashes:
            continue
        hashes.add(digest)
        codes.append(code)
    taken = set(VotingCode.objects.filter(code_hash__in=hashes).values_list("code_hash", flat=True))
    if taken:  # 60 bits of chance: practically never; draw again rather than fail
        return generate_codes(cycle, count, batch)
    VotingCode.objects.bulk_create(
        [VotingCode(cycle=source, code_hash=code_hash(code), batch=batch) for code in codes]
    )
    return codes


def find_code(cycle, raw):
    """The code `raw` of this cycle (any language version), or None."""
    if not normalise(raw):
        return None
    return VotingCode.objects.filter(
        cycle__translation_key=cycle.translation_key, code_hash=code_hash(raw)
    ).first()
