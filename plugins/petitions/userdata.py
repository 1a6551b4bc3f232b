"""The petitions' part of "download my data" and "delete my account".

Signatures keep counting when the account goes, no longer linked to anyone (the law asks
for the count to stay). The citizen's petitions lose their author; with `remove_content`
those never published (awaiting moderation or refused) are deleted, published ones stay,
anonymous, because others signed them."""

from plugins.petitions.models import PUBLIC_STATUSES, Petition, Signature


def _url(petition):
    try:
        return f"{petition.index.get_full_url() or ''}{petition.pk}/"
    except Exception:  # an index outside every site
        return ""


def export_petitions(user):
    petitions = Petition.objects.filter(author=user).select_related("index", "topic")
    signatures = Signature.objects.filter(user=user).select_related("petition__index")
    return {
        "petitions": [
            {
                "title": petition.title,
                "text": petition.text,
                "request": petition.request,
                "topic": petition.topic.name if petition.topic else "",
                "status": petition.status,
                "refusal_reason": petition.refusal_reason,
                "refusal_note": petition.refusal_note,
                "language": petition.language,
                "submitted": petition.created_at,
                "published": petition.published_at,
                "signatures": petition.signature_count,
                "url": _url(petition),
                "attachments": [item.title for item in petition.attachments.all()],
            }
            for petition in petitions.order_by("created_at")
        ],
        "signatures": [
            {
                "petition": signature.petition.title,
                "url": _url(signature.petition),
                "signed": signature.created_at,
                "name_shown": signature.show_name,
                "notify": signature.notify,
            }
            for signature in signatures.order_by("created_at")
        ],
    }


def erase_petitions(user, remove_content):
    Signature.objects.filter(user=user).update(user=None, show_name=False, notify=False)
    authored = Petition.objects.filter(author=user)
    if remove_content:
        for petition in authored.exclude(status__in=PUBLIC_STATUSES).prefetch_related(
            "attachments"
        ):
            for attachment in petition.attachments.all():
                attachment.file.delete(save=False)
            petition.delete()
    authored.update(author=None)
