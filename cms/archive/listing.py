"""Reading the archive's filters from a query string and applying them to documents.

Every parameter is optional and forgiving: an unknown value gives an empty list, a malformed
page number the first page, a hostile search string is reduced to plain words.
"""

import logging
import re
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.db.models import Case, F, When
from taggit.models import Tag, TaggedItem
from wagtail.documents import get_document_model

from cms.core.sites import profile_for_site
from cms.core.visibility import public_documents

logger = logging.getLogger(__name__)

MAX_PARAM_LENGTH = 200
MAX_SEARCH_WORDS = 12
SORTS = ("date", "oldest", "title")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
NOT_A_WORD = re.compile(r"[^\w]+")


def clean_param(value):
    """A GET value without control characters, trimmed and limited in length."""
    return CONTROL_CHARACTERS.sub("", value or "")[:MAX_PARAM_LENGTH].strip()


def search_words(query):
    """Plain words only: quotes, operators and NUL bytes break full-text query parsers."""
    return " ".join(NOT_A_WORD.sub(" ", query).split()[:MAX_SEARCH_WORDS])


@dataclass(frozen=True)
class ArchiveFilters:
    query: str = ""
    type: str = ""
    year: str = ""
    body: str = ""
    tag: str = ""
    sort: str = "date"

    @classmethod
    def from_querydict(cls, params):
        sort = clean_param(params.get("sort"))
        return cls(
            query=clean_param(params.get("q")),
            type=clean_param(params.get("type")),
            year=clean_param(params.get("year")),
            body=clean_param(params.get("body")),
            tag=clean_param(params.get("tag")),
            sort=sort if sort in SORTS else "date",
        )

    @property
    def active(self):
        return any((self.query, self.type, self.year, self.body, self.tag))

    def as_params(self):
        """The non-empty filters, for links that keep them (pagination)."""
        names = {"q": self.query, "type": self.type, "year": self.year, "body": self.body}
        names |= {"tag": self.tag, "sort": "" if self.sort == "date" else self.sort}
        return {key: value for key, value in names.items() if value}


def site_documents(site):
    """The public documents that the archive of `site` lists (none in a restricted
    collection)."""
    return public_documents(get_document_model().objects.filter(site=site))


def _year_range(value):
    if not value.isdigit() or len(value) != 4:
        return None
    year = int(value)
    return (date(year, 1, 1), date(year, 12, 31)) if year >= 1 else None


def apply_filters(documents, filters, types):
    """`documents` narrowed by `filters`; `types` are the DocumentType rows by slug."""
    Document = get_document_model()
    if filters.type:
        chosen = types.get(filters.type)
        if chosen is None:
            return documents.none()
        documents = documents.filter(
            document_type__in=type(chosen).objects.filter(translation_key=chosen.translation_key)
        )
    if filters.year:
        years = _year_range(filters.year)
        if years is None:
            return documents.none()
        documents = documents.filter(date_adopted__gte=years[0], date_adopted__lte=years[1])
    if filters.body:
        documents = documents.filter(issuing_body=filters.body)
    if filters.tag:
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Document), tag__name=filters.tag
        ).values("object_id")
        documents = documents.filter(id__in=tagged)
    return documents


def ordered(documents, sort):
    if sort == "title":
        return documents.order_by("title", "id")
    if sort == "oldest":
        return documents.order_by(F("date_adopted").asc(nulls_last=True), "id")
    return documents.order_by(F("date_adopted").desc(nulls_last=True), "-id")


def search(documents, filters, site):
    """The documents of `documents` that the site search finds for the query (inflected
    forms included: "цифрова трансформація" finds "цифрової трансформації"), with the other
    filters kept; best match first unless a sort was chosen. At most
    `MAX_MATCHED_OBJECTS` matches are considered, so the queries stay bounded.

    Returns (results, failed): `failed` is True when the search backend refused the query.
    """
    from cms.search.engine import matched_object_ids

    words = search_words(filters.query)
    if not words:
        return documents.order_by("-id").none(), False
    try:
        ids = matched_object_ids(
            query=words,
            site=site,
            languages=profile_for_site(site).languages,
            kind="documents",
            model=get_document_model(),
        )
    except DatabaseError:
        logger.exception("Archive search failed for %r", words)
        return documents.order_by("-id").none(), True
    documents = documents.filter(pk__in=ids)
    if filters.sort in ("title", "oldest"):
        return ordered(documents, filters.sort), False
    if not ids:
        return documents.order_by("-id").none(), False
    rank = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ids)))
    return documents.order_by(rank, "-id"), False


def facet_options(site):
    """What the filter form offers: years and issuing bodies and tags that have documents."""
    Document = get_document_model()
    documents = site_documents(site)
    years = [day.year for day in documents.dates("date_adopted", "year", order="DESC")]
    bodies = list(
        documents.exclude(issuing_body="")
        .order_by("issuing_body")
        .values_list("issuing_body", flat=True)
        .distinct()
    )
    tags = list(
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(Document),
            taggit_taggeditem_items__object_id__in=documents.values("id"),
        )
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()
    )
    return {"years": years, "bodies": bodies, "tags": tags}
