from wagtail.models import Site

from cms.alerts.models import EmergencyNotice, NoticeText


def make_notice(site_slug, texts, *, severity="critical", active=True, link_url=""):
    """A notice of the demo site with `texts` ({language: message})."""
    notice = EmergencyNotice.objects.create(
        site=Site.objects.get(site_name=site_slug), severity=severity, active=active
    )
    for language, message in texts.items():
        NoticeText.objects.create(
            notice=notice, language=language, message=message, link_url=link_url
        )
    return notice
