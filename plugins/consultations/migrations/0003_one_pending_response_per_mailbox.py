"""One pending response per mailbox and consultation: existing rows get the mailbox's hash,
and only the newest of several for one mailbox is kept (its link confirms the newest
answers, as answering again does from now on)."""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


def _mailbox(email):
    # The rule of plugins.consultations.abuse.mailbox at the time of this migration.
    address = (email or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return address
    domain = domain.rstrip(".")
    local = local.split("+", 1)[0] or local
    if domain in ("gmail.com", "googlemail.com"):
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"


def hash_pending_addresses(apps, schema_editor):
    PendingResponse = apps.get_model("consultations", "PendingResponse")
    seen = set()
    for pending in PendingResponse.objects.order_by("-created_at", "-pk"):
        digest = hmac.new(
            settings.SECRET_KEY.encode(), _mailbox(pending.email).encode(), hashlib.sha256
        ).hexdigest()
        if (pending.consultation_key, digest) in seen:
            pending.delete()
            continue
        seen.add((pending.consultation_key, digest))
        pending.email_hash = digest
        pending.save(update_fields=["email_hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_snippet_draft_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="pendingresponse",
            name="email_hash",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(hash_pending_addresses, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="pendingresponse",
            constraint=models.UniqueConstraint(
                condition=~Q(email_hash=""),
                fields=("consultation_key", "email_hash"),
                name="consultations_one_pending_per_email",
            ),
        ),
    ]
