"""The public archive of one site in one language, with a page for each document."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.search import index

from cms.archive.listing import (
    ArchiveFilters,
    apply_filters,
    facet_options,
    ordered,
    search,
    site_documents,
)
from cms.archive.models.documents import DocumentType
from cms.core.chrome import cached
from cms.core.models import BasePage
from cms.core.pagination import page_links
from cms.core.sites import site_for_page
from cms.core.visibility import public_pages


class DocumentArchivePage(RoutablePageMixin, BasePage):
    """Lists the site's public documents with filters, sorting and search; serves a detail
    page for each document at `<archive>/<id>-<slug>/`."""

    intro = models.TextField(_("introduction"), blank=True)
    documents_per_page = models.PositiveSmallIntegerField(
        _("documents per page"),
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    settings_panels = [*BasePage.settings_panels, FieldPanel("documents_per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "archive/document_archive_page.html"

    class Meta:
        verbose_name = _("document archive")
        verbose_name_plural = _("document archives")

    def _site(self, request):
        return Site.find_for_request(request) or site_for_page(self)

    def document_url(self, document, base_url=None):
        """The address of a document's page in this archive."""
        base = base_url if base_url is not None else self.url
        return base + self.reverse_subpage(
            "document", args=(document.pk, document.get_slug())
        ).lstrip("/")

    def sitemap_subpages(self, request, translations):
        """Each public document's page, with its pages in the archive's other languages."""
        bases = [(page.locale.language_code, page.get_full_url(request)) for page in translations]
        bases = [(language, base) for language, base in bases if base]
        own = self.get_full_url(request)
        entries = []
        documents = site_documents(self._site(request)).order_by("pk")
        for document in documents.only("pk", "title", "language", "created_at"):
            alternates = [
                {"lang_code": language, "location": self.document_url(document, base)}
                for language, base in bases
            ]
            entries.append(
                {
                    "item": document,
                    "location": self.document_url(document, own),
                    "lastmod": document.created_at,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        return entries

    def _choices(self, site):
        """What the filter form offers, and how many documents the archive lists."""
        return {
            "types": DocumentType.for_active_language(),
            "options": facet_options(site),
            "total": site_documents(site).count(),
        }

    def _listing(self, request, site, filters, page_number, types):
        """The page `page_number` of the documents `filters` select (a forgiving page number:
        the nearest page), their entries, the count, and whether the search failed."""
        types_by_slug = {item.slug: item for item in types}
        types_by_key = {item.translation_key: item for item in types}
        documents = site_documents(site).select_related("document_type")
        documents = apply_filters(documents, filters, types_by_slug)
        search_failed = False
        if filters.query:
            documents, search_failed = search(documents, filters, site)
        else:
            documents = ordered(documents, filters.sort)
        paginator = Paginator(documents, self.documents_per_page)
        page_obj = paginator.get_page(page_number)
        items = list(page_obj.object_list)
        prefetch_related_objects(items, "tags")
        base_url = self.get_url(request)
        entries = [
            {
                "document": document,
                "url": self.document_url(document, base_url),
                "type": document.localized_document_type(types_by_key),
            }
            for document in items
        ]
        return {
            "entries": entries,
            "count": paginator.count,
            "number": page_obj.number,
            "search_failed": search_failed,
        }

    def _kept_as(self, filters, page_number, choices):
        """What names a kept listing (cms.core.chrome): the filters and the page number, when
        they name what the archive has; None otherwise (searches included: any text can be
        asked for), and the listing is computed for the request alone."""
        options = choices["options"]
        pages = max(1, -(-choices["total"] // self.documents_per_page))
        understood = (
            not filters.query
            and (not filters.type or filters.type in {t.slug for t in choices["types"]})
            and (not filters.year or filters.year in {str(year) for year in options["years"]})
            and (not filters.body or filters.body in options["bodies"])
            and (not filters.tag or filters.tag in options["tags"])
            and page_number.isdigit()
            and 1 <= int(page_number) <= pages
        )
        if not understood:
            return None
        params = sorted(filters.as_params().items())
        return [*(f"{name}={value}" for name, value in params), int(page_number)]

    @path("", name="index")
    def index_view(self, request):
        """The archive's listing. Its choices, its pages and its HTML are kept with the page
        frame (cms.core.chrome: documents, document types, tags, collections and their
        restrictions renew it) for the language and the understood filters."""
        site = self._site(request)
        filters = ArchiveFilters.from_querydict(request.GET)
        language = translation.get_language()
        choices = cached(
            request, "archive-choices", (self.pk, language), lambda: self._choices(site)
        )
        page_number = (request.GET.get("page") or "1").strip()
        kept_as = self._kept_as(filters, page_number, choices)

        def listing():
            return self._listing(request, site, filters, page_number, choices["types"])

        if kept_as is None:
            found = listing()
        else:
            found = cached(request, "archive-listing", (self.pk, language, *kept_as), listing)
        paginator = Paginator(range(found["count"]), self.documents_per_page)
        page_obj = paginator.get_page(found["number"])
        context = self.get_context(request)
        context.update(
            kept_as=None if kept_as is None else "&".join(str(part) for part in kept_as),
            filters=filters,
            filter_params=filters.as_params(),
            types=choices["types"],
            options=choices["options"],
            paginator=paginator,
            entries=found["entries"],
            search_failed=found["search_failed"],
            archive_url=self.get_url(request),
            **page_links(page_obj, filters.as_params()),
        )
        return TemplateResponse(request, self.template, context)

    def _find_document(self, request, document_id):
        if len(document_id) > 12:
            raise Http404
        document = (
            site_documents(self._site(request))
            .select_related("document_type")
            .filter(pk=document_id)
            .first()
        )
        if document is None:
            raise Http404
        return document

    @re_path(r"^(\d+)/$", name="document_short")
    def document_short_view(self, request, document_id):
        document = self._find_document(request, document_id)
        return redirect(self.document_url(document, self.get_url(request)), permanent=True)

    @re_path(r"^(\d+)-([-a-z0-9]*)/$", name="document")
    def document_view(self, request, document_id, slug):
        document = self._find_document(request, document_id)
        if slug != document.get_slug():
            return redirect(self.document_url(document, self.get_url(request)), permanent=True)
        context = {
            "archive_page": self,
            "document": document,
            "document_type": document.localized_document_type(),
            "used_on": self._pages_using(document, request),
            "archive_url": self.get_url(request),
            "canonical_url": self.document_url(document, self.get_full_url(request)),
        }
        return TemplateResponse(request, "archive/document_detail.html", context)

    @staticmethod
    def _pages_using(document, request):
        """Live, public pages of this site (any of its languages) that use the document."""
        page_type = ContentType.objects.get_for_model(Page)
        page_ids = (
            ReferenceIndex.get_references_to(document)
            .filter(base_content_type=page_type)
            .values_list("object_id", flat=True)
        )
        site = Site.find_for_request(request)
        if site is None:
            return []
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        within_site = Q()
        for root in roots:
            within_site |= Q(path__startswith=root.path)
        pages = (
            public_pages(Page.objects.all())
            .filter(within_site, pk__in=[int(pk) for pk in page_ids])
            .select_related("locale")
            .order_by("title")[:50]
        )
        used = []
        for page in pages:
            url = page.get_url(request)
            if url:
                used.append(
                    {"title": page.title, "url": url, "language": page.locale.language_code}
                )
        return used
