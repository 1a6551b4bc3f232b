"""Translation status of every page and translatable snippet in every language of a site.

For each object (grouped by `translation_key`) and each target language: missing, in
progress (percent of segments translated, as wagtail-localize's `Translation.get_progress()`
counts them), up to date, or out of date (the source was published or changed after the
translation was last synchronised). A fixed number of queries whatever the number of pages.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Max, Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page, RevisionMixin, WorkflowState
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cms.core.sites import profile_for_site
from cms.translations.roles import translatable_snippet_models

MISSING, IN_PROGRESS, UP_TO_DATE, OUT_OF_DATE = (
    "missing",
    "in_progress",
    "up_to_date",
    "out_of_date",
)
STATUS_LABELS = {
    MISSING: _("Missing"),
    IN_PROGRESS: _("In progress"),
    UP_TO_DATE: _("Up to date"),
    OUT_OF_DATE: _("Out of date"),
}


@dataclass
class Cell:
    language: str
    status: str
    percent: int | None = None
    machine: int = 0
    notes: list = field(default_factory=list)
    target: object = None
    translation: object = None

    @property
    def label(self):
        return STATUS_LABELS[self.status]


@dataclass
class Row:
    kind: str  # "page" or "snippet"
    source: object
    source_language: str
    type_label: str
    site_name: str
    cells: dict = field(default_factory=dict)
    translation_source: object = None


@dataclass
class _Progress:
    """Bulk answers to the questions wagtail-localize asks one translation at a time."""

    totals: dict
    done: dict
    machine: dict
    strings_changed_at: dict

    @classmethod
    def load(cls, sources):
        source_ids = [source.pk for source in sources]
        object_ids = [source.object_id for source in sources]
        if not source_ids:
            return cls({}, {}, {}, {})
        segments = StringSegment.objects.filter(source_id__in=source_ids)
        totals = dict(segments.values_list("source_id").annotate(n=Count("id")))
        translated = segments.filter(
            string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        ).values_list("source_id", "string__translations__locale_id")
        done = {
            (source_id, locale_id): n
            for source_id, locale_id, n in translated.annotate(n=Count("id", distinct=True))
        }
        machine = {}
        changed = {}
        rows = (
            StringTranslation.objects.filter(context__object_id__in=object_ids)
            .values_list("context__object_id", "locale_id")
            .annotate(
                machine=Count("id", filter=Q(translation_type="machine")),
                last=Max("updated_at"),
            )
        )
        for object_id, locale_id, machine_count, last in rows:
            machine[(object_id, locale_id)] = machine_count
            changed[(object_id, locale_id)] = last
        return cls(totals, done, machine, changed)

    def percent(self, source, locale_id):
        total = self.totals.get(source.pk, 0)
        if not total:
            return 100
        return int(100 * self.done.get((source.pk, locale_id), 0) / total)


class StatusReport:
    """Rows of the report for one site (or every site), one language, one section."""

    def __init__(self, sites, language=None, section=None, include_snippets=True):
        self.sites = list(sites)
        self.language = language
        self.section = section
        self.include_snippets = include_snippets and section is None
        self.locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
        self.locale_ids = {code: pk for pk, code in self.locales.items()}

    # Pages -----------------------------------------------------------------------------

    def _page_query(self, site):
        roots = list(site.root_page.get_translations(inclusive=True).only("path", "locale_id"))
        if self.section is not None:
            roots = list(self.section.get_translations(inclusive=True).only("path", "locale_id"))
        languages = profile_for_site(site).languages
        condition = Q()
        for root in roots:
            if self.locales.get(root.locale_id) in languages:
                condition |= Q(path__startswith=root.path)
        if not condition:
            return Page.objects.none()
        return (
            Page.objects.filter(condition)
            .select_related("locale", "content_type")
            .only(
                "id",
                "title",
                "draft_title",
                "path",
                "depth",
                "live",
                "locale",
                "translation_key",
                "has_unpublished_changes",
                "last_published_at",
                "latest_revision_created_at",
                "first_published_at",
                "content_type",
            )
            .order_by("path")
        )

    def page_rows(self, site):
        pages = list(self._page_query(site))
        profile = profile_for_site(site)
        in_moderation = set(
            WorkflowState.objects.filter(
                status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=[str(page.pk) for page in pages],
            ).values_list("object_id", flat=True)
        )
        groups = defaultdict(dict)
        for page in pages:
            groups[page.translation_key][page.locale.language_code] = page
        return self._rows(
            "page",
            groups,
            profile.languages,
            profile,
            site.site_name,
            in_moderation=in_moderation,
        )

    # Snippets --------------------------------------------------------------------------

    def snippet_rows(self):
        """Snippets with a `site` belong to that site; the others are listed once, in the
        languages of all the selected sites."""
        profiles = {site.pk: profile_for_site(site) for site in self.sites}
        languages = []
        for profile in profiles.values():
            languages += [code for code in profile.languages if code not in languages]
        rows = []
        for model in translatable_snippet_models():
            has_site = any(f.name == "site" for f in model._meta.get_fields())
            query = model.objects.select_related("locale")
            if issubclass(model, RevisionMixin):
                query = query.select_related("latest_revision")
            groups = defaultdict(lambda: defaultdict(dict))
            if has_site:
                query = query.filter(site__in=list(profiles))
            for obj in query:
                site_id = obj.site_id if has_site else None
                groups[site_id][obj.translation_key][obj.locale.language_code] = obj
            for site_id, by_key in groups.items():
                if site_id is None:
                    rows += self._rows("snippet", by_key, languages, None, "")
                else:
                    profile = profiles[site_id]
                    rows += self._rows("snippet", by_key, profile.languages, profile, profile.slug)
        return rows

    # Both ------------------------------------------------------------------------------

    def _rows(self, kind, groups, languages, profile, site_name, in_moderation=frozenset()):
        if not groups:
            return []
        sources = defaultdict(dict)
        for source in TranslationSource.objects.filter(object_id__in=list(groups)):
            sources[source.object_id][self.locales[source.locale_id]] = source
        all_sources = [s for by_language in sources.values() for s in by_language.values()]
        translations = {}
        if all_sources:
            translations = {
                (t.source_id, t.target_locale_id): t
                for t in Translation.objects.filter(source__in=all_sources, enabled=True)
            }
        progress = _Progress.load(all_sources)
        rows = []
        for key, versions in groups.items():
            source_language = self._source_language(versions, sources.get(key, {}), profile)
            source = versions[source_language]
            translation_source = sources.get(key, {}).get(source_language)
            row = Row(
                kind=kind,
                source=source,
                source_language=source_language,
                type_label=self._type_label(source),
                site_name=site_name,
                translation_source=translation_source,
            )
            for language in languages:
                if language == source_language:
                    continue
                if self.language and language != self.language:
                    continue
                row.cells[language] = self._cell(
                    language,
                    source,
                    versions.get(language),
                    translation_source,
                    translations,
                    progress,
                    in_moderation,
                )
            if row.cells:
                rows.append(row)
        return rows

    @staticmethod
    def _source_language(versions, sources, profile):
        default = profile.default_language if profile else None
        for language in (default, *versions):
            if language in sources and language in versions:
                return language
        if default in versions:
            return default
        return min(versions, key=lambda code: versions[code].pk)

    @staticmethod
    def _type_label(obj):
        if isinstance(obj, Page):
            return obj.content_type.model_class()._meta.verbose_name
        return obj._meta.verbose_name

    def _cell(self, language, source, target, ts, translations, progress, in_moderation):
        if target is None:
            return Cell(language, MISSING)
        locale_id = self.locale_ids[language]
        translation = translations.get((ts.pk, locale_id)) if ts else None
        cell = Cell(language, UP_TO_DATE, target=target, translation=translation)
        is_page = isinstance(target, Page)
        if is_page and str(target.pk) in in_moderation:
            cell.notes.append(_("awaiting approval"))
        if translation is not None:
            cell.percent = progress.percent(ts, locale_id)
            machine = cell.machine = progress.machine.get((ts.object_id, locale_id), 0)
            if machine:
                cell.notes.append(_("%(count)s machine-translated, to review") % {"count": machine})
            if self._source_changed_since(source, ts):
                cell.status = OUT_OF_DATE
            elif cell.percent < 100 or self._unpublished(target, ts, progress, locale_id):
                cell.status = IN_PROGRESS
            return cell
        if self._changed_at(source) and self._changed_at(target):
            if self._changed_at(source) > self._changed_at(target):
                cell.status = OUT_OF_DATE
        if isinstance(target, DraftStateMixin) and not target.live and cell.status == UP_TO_DATE:
            cell.status = IN_PROGRESS
            cell.notes.append(_("draft"))
        return cell

    @staticmethod
    def _changed_at(obj):
        if isinstance(obj, Page):
            return obj.last_published_at or obj.latest_revision_created_at
        if isinstance(obj, DraftStateMixin) and obj.last_published_at:
            return obj.last_published_at
        if isinstance(obj, RevisionMixin) and obj.latest_revision_id:
            return obj.latest_revision.created_at
        return None

    def _source_changed_since(self, source, ts):
        changed_at = self._changed_at(source)
        if changed_at is not None:
            return changed_at > ts.last_updated_at
        if isinstance(source, Page):
            return False
        return _snippet_content(source) != _stored_content(ts)

    def _unpublished(self, target, ts, progress, locale_id):
        """A page or snippet whose translated text is not (all) public yet: never published,
        or a draft (snippets: a revision) newer than what is live."""
        if not isinstance(target, DraftStateMixin):
            return False
        if not target.live:
            return True
        if target.last_published_at is None:
            # A snippet live since before it had draft state: only a pending draft counts.
            return isinstance(target, Page) or target.has_unpublished_changes
        if target.has_unpublished_changes and not isinstance(target, Page):
            return True
        if target.last_published_at < ts.last_updated_at:
            return True
        strings_changed = progress.strings_changed_at.get((ts.object_id, locale_id))
        return bool(strings_changed and strings_changed > target.last_published_at)

    def rows(self):
        result = []
        for site in self.sites:
            result += self.page_rows(site)
        if self.include_snippets and self.sites:
            result += self.snippet_rows()
        return result


def _snippet_content(obj):
    from wagtail_localize.models import get_serializable_data_for_fields

    if hasattr(obj, "to_json"):
        data = json.loads(obj.to_json())
    else:
        data = json.loads(json.dumps(get_serializable_data_for_fields(obj), default=str))
    return _without_volatile(data)


def _stored_content(ts):
    return _without_volatile(json.loads(ts.content_json))


#: Not content: identity, and the draft state (a sync stored before a snippet had it, or a
#: publication, does not make its translations out of date).
VOLATILE_FIELDS = frozenset(
    {
        "pk",
        "id",
        "locale",
        "translation_key",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "go_live_at",
        "expire_at",
        "expired",
    }
)


def _without_volatile(data):
    return {k: v for k, v in data.items() if k not in VOLATILE_FIELDS}
