"""Which petitions a route under a petitions index may show or accept: the reading side
(list, page, feeds, open data, calendar) and the writing side (sign, attachments) share it,
so a petition hidden by its own index is hidden from every other language version too."""

from django.db.models import Q

from cms.core.visibility import public_pages


def site_petitions(page, request=None):
    """The site's petitions that may be shown under `page` (any language version of the
    site's petitions index): those started on a version that is live and public. Restricting
    one version hides the petitions started there from the others too."""
    from plugins.petitions.models import Petition, PetitionIndexPage

    versions = PetitionIndexPage.objects.filter(translation_key=page.translation_key)
    return Petition.objects.filter(index__in=public_pages(versions, request).values("pk"))


def reachable_petitions(page, request=None):
    """The petitions a route of `page` may show or accept: those started on `page` itself
    (Wagtail has already applied its view restriction to this request) and those of the
    other language versions that are live and public."""
    from plugins.petitions.models import Petition, PetitionIndexPage

    versions = PetitionIndexPage.objects.filter(translation_key=page.translation_key)
    public = public_pages(versions.exclude(pk=page.pk), request).values("pk")
    return Petition.objects.filter(Q(index_id=page.pk) | Q(index__in=public))
