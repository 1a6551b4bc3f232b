"""Email to a comment's author when someone replies (unless they turned it off)."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from cms.accounts.models import CitizenProfile, display_name
from cms.core.mail import sender
from cms.core.sites import profile_for_site


def notify_reply(comment):
    parent = comment.parent
    if parent is None or parent.author_id is None or parent.author_id == comment.author_id:
        return False
    recipient = parent.author
    profile = CitizenProfile.objects.filter(user=recipient).first()
    if not recipient.email or (profile is not None and not profile.email_on_reply):
        return False
    page = comment.page.specific
    municipality = profile_for_site(comment.site)
    language = page.locale.language_code
    with translation.override(language):
        base = comment.site.root_url if comment.site else ""
        context = {
            "recipient": display_name(recipient),
            "replier": display_name(comment.author) if comment.author else "",
            "official": comment.is_official,
            "page_title": page.title,
            "text": comment.text,
            "comment_url": f"{page.get_full_url()}#comment-{comment.pk}",
            "account_url": f"{base}/{language}/accounts/",
            "municipality": municipality.name(language),
            "municipality_of": municipality.name_form("genitive", language),
        }
        subject = render_to_string("comments/email/reply_subject.txt", context).strip()
        body = render_to_string("comments/email/reply_message.txt", context)
    send_mail(
        " ".join(subject.splitlines()),
        body,
        sender(municipality, language),
        [recipient.email],
        fail_silently=True,
    )
    return True
