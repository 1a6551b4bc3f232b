"""Petitions in the site search: a public petition is found on its site, in the language it
was written in, by its title, text, request and the council's answer. A petition awaiting
moderation or refused is never found, nor one whose petitions index is not public."""

from django.utils.translation import gettext_lazy as _

from cms.core.search_sources import SearchItem, SearchSource
from cms.core.sites import site_for_page
from cms.core.visibility import is_public
from plugins.petitions.models import Petition


def petition_items(petition):
    if not petition.is_public:
        return []
    index = petition.index
    if not is_public(index):
        return []
    site = site_for_page(index)
    parts = index.get_url_parts()
    if site is None or parts is None:
        return []
    texts = [petition.request, petition.text]
    if petition.answer:
        texts.append(petition.answer)
    return [
        SearchItem(
            site_id=site.pk,
            language=index.locale.language_code,
            title=petition.title,
            text="\n".join(texts),
            url=parts[2] + petition.get_url(index=index).removeprefix(index.get_url() or ""),
            date=petition.published_at,
        )
    ]


def all_petitions():
    return Petition.objects.order_by("pk")


def petitions_source():
    return SearchSource(
        kind="petitions",
        label=_("Petitions"),
        order=45,
        model="petitions.Petition",
        items=petition_items,
        queryset=all_petitions,
    )
