"""The core's one answer to "this site's live page that this visitor may see, or 404".

Every route that shows or accepts anything about a page gets the page here, so a page under
a view restriction (login, password, groups; its own or an ancestor's) never leaks through
a plugin, a feed, a calendar, search, the sitemap or an export:

- `visible_page_or_404(request, page_or_id)`: a view about one page (answer a consultation,
  comment on a page, register for an event). The page must be live, on the request's site
  (and in the URL's language when asked) and pass every view restriction as Wagtail checks
  it (`PageViewRestriction.accept_request`: signed in, in a group, or the shared password
  already entered in this session). Anything else is a 404: a refused visitor learns nothing,
  not even that the page exists.
- `visible_to(request, pages)`: a listing for one visitor.
- `public_pages(pages)`, `is_public(page)`, `attached_to_public_pages(objects, field)`:
  what anonymous, cacheable output may show (listings, feeds, calendars, the sitemap,
  search, exports): pages with no restriction at all, and the things attached to them.
- `public_documents(documents)`: documents that are public and in no restricted collection.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import translation
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)

from cms.core.sites import site_for_page


def public_pages(pages, request=None):
    """The live pages of `pages` under no view restriction (for anonymous output). With a
    `request`, the restricted sections are read once for the whole request."""
    if request is None:
        return pages.live().public()
    private = Q()
    for path in restricted_paths(request):
        private |= Q(path__startswith=path)
    return pages.live().exclude(private) if private else pages.live()


def public_page_ids(page_ids):
    """The ids among `page_ids` of live pages under no view restriction, in one query."""
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    ).values("pk")
    found = Page.objects.filter(pk__in=page_ids, live=True).exclude(Exists(restricted))
    return set(found.values_list("pk", flat=True))


def is_public(page):
    """Whether an anonymous visitor may see `page`."""
    return page is not None and page.live and not page.get_view_restrictions().exists()


def _restricted_paths_from_database():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def restricted_paths(request=None):
    """The tree paths of the pages that carry a view restriction (their descendants are
    restricted too). With a request: once per request, from the cache kept with the pages'
    frame (cms.core.chrome: a restriction added or removed, or a page moved, computes it
    again)."""
    if request is None:
        return _restricted_paths_from_database()
    paths = getattr(request, "_restricted_page_paths", None)
    if paths is None:
        from cms.core.chrome import cached

        paths = cached(request, "restricted", (), _restricted_paths_from_database, tagged=False)
        request._restricted_page_paths = paths
    return paths


def keep_public(pages, request=None):
    """The pages of the iterable `pages` (any page type; None left out) that are live and
    public, in order, in at most one query (none more in the same `request`)."""
    pages = [page for page in pages if page is not None and page.live]
    if not pages:
        return []
    paths = restricted_paths(request)
    return [page for page in pages if not any(page.path.startswith(path) for path in paths)]


def can_view(request, page):
    """Whether the visitor of `request` may see the live page `page`."""
    if page is None or not page.live:
        return False
    return all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def visible_to(request, pages):
    """The live pages of `pages` that the visitor of `request` may see; without a request,
    the public ones."""
    if request is None:
        return public_pages(pages)
    pages = pages.live()
    for restriction in PageViewRestriction.objects.select_related("page"):
        if not restriction.accept_request(request):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def attached_to_public_pages(objects, field="page"):
    """The objects of the queryset `objects` whose page (`field`) is public."""
    return objects.filter(**{f"{field}__in": public_pages(Page.objects.all()).values("pk")})


def _as_id(value):
    try:
        return int(value)
    except (TypeError, ValueError) as error:
        raise Http404 from error


def visible_page_or_404(request, page_or_id, specific_type=None, *, in_language=False):
    """The page `page_or_id` (a page or its id) as its specific type, when it is live, on
    the site that serves `request`, of `specific_type` (if given), in the active language
    (with `in_language`) and the visitor passes all its view restrictions; else Http404."""
    model = specific_type or Page
    if isinstance(page_or_id, Page):
        page_id = page_or_id.pk
    else:
        page_id = _as_id(page_or_id)
    page = model.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    page = page.specific if specific_type is None else page
    site, page_site = Site.find_for_request(request), site_for_page(page)
    if site is None or page_site is None or page_site.root_page_id != site.root_page_id:
        raise Http404
    if in_language and page.locale.language_code != translation.get_language():
        raise Http404
    if not can_view(request, page):
        raise Http404
    return page


def restricted_collection_ids():
    """The ids of the collections under a view restriction, their own or an ancestor's."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    if not query:
        return []
    return list(Collection.objects.filter(query).values_list("pk", flat=True))


def public_documents(documents):
    """The documents of `documents` that anyone may find: marked public (when the model has
    the flag) and in no collection under a view restriction (its own or an ancestor's).
    Filters only on fields a search backend can filter on (`is_public`, `collection`)."""
    if any(field.name == "is_public" for field in documents.model._meta.get_fields()):
        documents = documents.filter(is_public=True)
    restricted = restricted_collection_ids()
    if restricted:
        documents = documents.exclude(collection__in=restricted)
    return documents


def keep_public_documents(documents):
    """The documents of the list `documents` that anyone may find, in order, in one query."""
    documents = [document for document in documents if document is not None]
    if not documents:
        return []
    model = type(documents[0])
    found = public_documents(model.objects.filter(pk__in=[d.pk for d in documents]))
    public = set(found.values_list("pk", flat=True))
    return [document for document in documents if document.pk in public]


def is_public_document(document):
    """Whether anyone may find `document` (see `public_documents`)."""
    if document is None or not getattr(document, "is_public", True):
        return False
    collection = document.collection
    return collection is None or not collection.get_view_restrictions().exists()
