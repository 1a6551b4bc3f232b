"""Who hears of a petition's change: its author always, and signers who asked for it once the
petition is public. The mails are queued (django-tasks, plugins.petitions.tasks) when the
change has committed."""

from plugins.petitions.models import PetitionStatus, Signature

#: Changes only the author hears of (nobody has signed yet, or the petition is not public).
AUTHOR_ONLY = (PetitionStatus.PENDING, PetitionStatus.REFUSED, PetitionStatus.COLLECTING)


def recipients(event):
    """[(user, role)] for `event`: "author" and "signer"; each person once, with an email."""
    petition = event.petition
    found = []
    seen = set()
    if petition.author is not None and petition.author.email:
        found.append((petition.author, "author"))
        seen.add(petition.author.pk)
    if event.status not in AUTHOR_ONLY:
        signers = (
            Signature.objects.filter(petition=petition, notify=True, user__isnull=False)
            .select_related("user")
            .order_by("pk")
        )
        for signature in signers.iterator(chunk_size=500):
            user = signature.user
            if user.pk not in seen and user.email and user.is_active:
                found.append((user, "signer"))
                seen.add(user.pk)
    return found
