"""The public reading side: the list of a site's petitions (filters, search, pages) and a
petition's page (status, timeline, count, chart, signers' names, the answer).

Both are anonymous, cacheable answers: neither reads the session, except the page of a
petition that is not public, which only its author may see (then it is private)."""

import logging
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Count, F, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from cms.core.pagination import page_links
from cms.core.sites import profile_for_request
from cms.core.visibility import is_public, keep_public_documents
from plugins.petitions.chart import signature_chart
from plugins.petitions.models import (
    PUBLIC_STATUSES,
    Petition,
    PetitionStatus,
    PetitionTopic,
    SignatureDay,
)
from plugins.petitions.visibility import site_petitions

logger = logging.getLogger(__name__)

PER_PAGE = 20
MAX_PARAM_LENGTH = 200
MAX_SEARCH_WORDS = 12
SIGNER_NAMES_SHOWN = 100
OVERDUE = "overdue"
STATUS_FILTERS = (*(str(status) for status in PUBLIC_STATUSES), OVERDUE)


def clean_param(value):
    """A GET value without control characters, trimmed and limited in length."""
    value = "".join(ch for ch in (value or "") if ch.isprintable())
    return value[:MAX_PARAM_LENGTH].strip()


@dataclass(frozen=True)
class ListFilters:
    status: str = ""
    topic: str = ""
    query: str = ""

    @classmethod
    def from_querydict(cls, params):
        return cls(
            status=clean_param(params.get("status")),
            topic=clean_param(params.get("topic")),
            query=clean_param(params.get("q")),
        )

    @property
    def active(self):
        return bool(self.status or self.topic or self.query)

    def as_params(self):
        """The filters as query parameters, for the page links that keep them."""
        return {"status": self.status, "topic": self.topic, "q": self.query}


def public_petitions(page, request=None):
    """The site's petitions that the public may see, with the language they were written
    in (from the index they were started on)."""
    return (
        site_petitions(page, request)
        .public()
        .select_related("topic")
        .annotate(written_in=F("index__locale__language_code"))
    )


def topics_in_language(page, petitions):
    """The topics of `petitions` in the page's language (by translation key)."""
    keys = PetitionTopic.objects.filter(pk__in=petitions.values("topic_id")).values(
        "translation_key"
    )
    return list(
        PetitionTopic.objects.filter(
            locale_id=page.locale_id, translation_key__in=keys, live=True
        )
    )


def status_counts(petitions, now):
    found = petitions.aggregate(
        **{str(status): Count("pk", filter=Q(status=status)) for status in PUBLIC_STATUSES},
        overdue=Count("pk", filter=Q(status=PetitionStatus.CONSIDERATION, answer_due_at__lt=now)),
        all=Count("pk"),
    )
    return found


def _search(petitions, query, request):
    """The petitions the site search finds for `query` (inflected forms too), best first.
    Returns (petitions, failed)."""
    from django.db.models import Case, When

    from cms.search.engine import matched_object_ids

    words = " ".join(
        "".join(ch if ch.isalnum() else " " for ch in query).split()[:MAX_SEARCH_WORDS]
    )
    if not words:
        return petitions.none(), False
    from wagtail.models import Site

    site = Site.find_for_request(request)
    try:
        ids = matched_object_ids(
            query=words,
            site=site,
            languages=profile_for_request(request).languages,
            kind="petitions",
            model=Petition,
        )
    except DatabaseError:
        logger.exception("Petition search failed for %r", words)
        return petitions.none(), True
    if not ids:
        return petitions.none(), False
    rank = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ids)))
    return petitions.filter(pk__in=ids).order_by(rank, "-pk"), False


def petition_list(page, request):
    """The list on the petitions index: filters by status (and "overdue"), topic and text,
    twenty a page, newest first."""
    now = timezone.now()
    filters = ListFilters.from_querydict(request.GET)
    petitions = public_petitions(page, request)
    topics = topics_in_language(page, petitions)
    counts = status_counts(petitions, now)
    problems = []

    shown = petitions
    if filters.status == OVERDUE:
        shown = shown.overdue(now)
    elif filters.status in STATUS_FILTERS:
        shown = shown.filter(status=filters.status)
    elif filters.status:
        shown = shown.none()
        problems.append("status")
    chosen_topic = None
    if filters.topic:
        chosen_topic = next((topic for topic in topics if topic.slug == filters.topic), None)
        if chosen_topic is None:
            shown = shown.none()
            problems.append("topic")
        else:
            shown = shown.filter(topic__translation_key=chosen_topic.translation_key)
    search_failed = False
    if filters.query:
        shown, search_failed = _search(shown, filters.query, request)
    else:
        shown = shown.order_by(F("published_at").desc(nulls_last=True), "-pk")

    paginator = Paginator(shown, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    names = {topic.translation_key: topic.name for topic in topics}
    items = list(page_obj.object_list)
    topic_keys = {p.topic.translation_key for p in items if p.topic_id}
    missing = topic_keys - set(names)
    if missing:  # a topic not translated into this language: its own name
        names.update({p.topic.translation_key: p.topic.name for p in items if p.topic_id})
    for petition in items:
        petition.language = petition.language or petition.written_in
        petition.topic_name = names.get(petition.topic.translation_key) if petition.topic_id else ""
        petition.url = petition_url(page, petition, request)
    context = {
        "page": page,
        "self": page,
        "filters": filters,
        "status_options": status_options(counts),
        "counts": counts,
        "topics": topics,
        "chosen_topic": chosen_topic,
        "problems": problems,
        "search_failed": search_failed,
        "paginator": paginator,
        "petitions": items,
        **page_links(page_obj, filters.as_params()),
        "feeds": feed_links(page, request),
        "data_urls": data_urls(page, request),
        "start_url": subpage_url(page, request, "start_view"),
        "page_language": page.locale.language_code,
        "now": now,
    }
    return TemplateResponse(request, "petitions/petition_index_page.html", context)


def status_options(counts):
    """(value, label, count) of each status filter, "overdue" after "under consideration"."""
    from django.utils.translation import gettext

    options = []
    for status in PUBLIC_STATUSES:
        options.append((str(status), status.label, counts[str(status)]))
        if status == PetitionStatus.CONSIDERATION:
            options.append(
                (OVERDUE, gettext("Overdue: no answer by the deadline"), counts[OVERDUE])
            )
    return options


def petition_url(page, petition, request=None):
    """The petition's address under this translation of the index."""
    return petition.get_url(request=request, index=page)


def feed_links(page, request):
    from plugins.petitions.views.feeds import feed_links as links

    return links(page, request)


def subpage_url(page, request, name, **kwargs):
    return (page.get_url(request=request) or "") + page.reverse_subpage(name, kwargs=kwargs)


def data_urls(page, request):
    base = page.get_url(request=request) or ""
    return {
        fmt: base + page.reverse_subpage("data_view", kwargs={"fmt": fmt})
        for fmt in ("csv", "json")
    }


def signer_names(petition, limit=SIGNER_NAMES_SHOWN):
    """The public names of the latest signers who chose to show it (names only)."""
    rows = (
        petition.signatures.filter(show_name=True, user__isnull=False)
        .order_by("-created_at")
        .values_list("user__citizen_profile__display_name", "user__first_name", "user__last_name")[
            :limit
        ]
    )
    names = []
    for display, first, last in rows:
        name = (display or "").strip() or f"{first or ''} {last or ''}".strip()
        if name:
            names.append(name)
    return names


def chart_for(petition):
    rows = SignatureDay.objects.filter(petition=petition).values_list("day", "count")
    start = timezone.localtime(petition.published_at).date() if petition.published_at else None
    end = None
    if petition.collection_ends_at:
        end = min(timezone.localdate(), timezone.localtime(petition.collection_ends_at).date())
    return signature_chart(rows, threshold=petition.signatures_needed, start=start, end=end)


def _visible_petition(page, petition, request):
    """A public petition to anyone; one awaiting moderation or refused to its author only
    (the answer is then private: the session was read). Under another language version of
    the index, only while the version it was started on is public."""
    if petition.index_id != page.pk and not is_public(petition.index):
        return False
    if petition.status in PUBLIC_STATUSES:
        return True
    user = request.user
    return user.is_authenticated and petition.author_id == user.pk


def _language_of(petition, page):
    from wagtail.models import Locale

    if petition.index.locale_id == page.locale_id:
        return page.locale.language_code
    return Locale.objects.get(pk=petition.index.locale_id).language_code


def petition_detail(page, request, petition):
    if not _visible_petition(page, petition, request):
        raise Http404
    now = timezone.now()
    public = petition.status in PUBLIC_STATUSES
    written_in = _language_of(petition, page)
    answer_document = None
    if petition.answer_document_id:
        found = keep_public_documents([petition.answer_document])
        answer_document = found[0] if found else None
    topic_name = ""
    if petition.topic_id:
        localized = (
            PetitionTopic.objects.filter(
                locale_id=page.locale_id,
                translation_key=petition.topic.translation_key,
                live=True,
            )
            .values_list("name", flat=True)
            .first()
        )
        topic_name = localized or petition.topic.name
    needed = petition.signatures_needed or 0
    context = {
        "page": page,
        "self": page,
        "petition": petition,
        "public": public,
        "written_in": written_in,
        "topic_name": topic_name,
        "events": list(petition.events.all()),
        "attachments": list(petition.attachments.all()),
        "answer_document": answer_document,
        "signer_names": signer_names(petition) if public else [],
        "chart": chart_for(petition) if public else None,
        "collecting": petition.is_collecting(now),
        "overdue": petition.is_overdue,
        "needed": needed,
        "missing": max(needed - petition.signature_count, 0),
        "list_url": page.get_url(request=request),
        "petition_url": petition_url(page, petition, request),
        "sign_url": subpage_url(page, request, "sign_view", pk=petition.pk),
        "page_language": page.locale.language_code,
        "now": now,
    }
    response = TemplateResponse(request, "petitions/petition_page.html", context)
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response
