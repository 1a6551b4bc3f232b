"""Admin views: the translation status report and submitting a translation for approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page, Site
from wagtail_localize.models import Translation

from cms.core.pagination import page_links
from cms.translations.forms import StatusFilterForm
from cms.translations.status import StatusReport
from cms.translations.workflow import NoWorkflowError, submit_for_moderation, target_of


def _next_url(request, default):
    from wagtail.admin.utils import get_valid_next_url_from_request

    return get_valid_next_url_from_request(request) or default


def _site_holds(site, page):
    roots = site.root_page.get_translations(inclusive=True).values_list("path", flat=True)
    return any(page.path.startswith(path) for path in roots)


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """What is missing, in progress, up to date or out of date, per object and language."""

    template_name = "translations/status_report.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "site"
    breadcrumbs_items = []  # Wagtail's header with a visible title, not the slim header
    per_page = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = StatusFilterForm(self.request.GET or None)
        site, language, section, status = form.filters() if form.is_bound else (None,) * 4
        sites = [site] if site else list(Site.objects.select_related("root_page"))
        if section is not None and site is None:
            sites = [s for s in sites if _site_holds(s, section)]
        rows = StatusReport(sites, language=language, section=section).rows()
        if status:
            rows = [row for row in rows if any(c.status == status for c in row.cells.values())]
        page = Paginator(rows, self.per_page).get_page(self.request.GET.get("p"))
        for row in page.object_list:
            self._add_urls(row)
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form,
            rows=page,
            count=len(rows),
            **page_links(page, query),
            report_url=self.request.get_full_path(),
        )
        return context

    def _add_urls(self, row):
        source = row.source
        if row.kind == "page":
            row.edit_url = reverse("wagtailadmin_pages:edit", args=[source.pk])
            row.translate_url = reverse(
                "wagtail_localize:submit_page_translation", args=[source.pk]
            )
        else:
            meta = source._meta
            row.edit_url = reverse(
                f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[source.pk]
            )
            row.translate_url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[meta.app_label, meta.model_name, source.pk],
            )
        if row.translation_source is not None:
            row.sync_url = reverse(
                "wagtail_localize:update_translations", args=[row.translation_source.pk]
            )
        for cell in row.cells.values():
            target = cell.target
            if target is None:
                continue
            if row.kind == "page":
                cell.edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
            else:
                meta = target._meta
                cell.edit_url = reverse(
                    f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[target.pk]
                )
            if cell.translation is not None and row.kind == "page":
                cell.submit_url = reverse(
                    "translations:submit_for_moderation", args=[cell.translation.pk]
                )


@require_POST
def submit_translation_for_moderation(request, translation_id):
    """Save the translation as a draft of its page and start the page's workflow."""
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale"), pk=translation_id
    )
    target = target_of(translation)
    if not isinstance(target, Page):
        raise PermissionDenied
    if not target.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    default = reverse("wagtailadmin_pages:edit", args=[target.pk])
    try:
        page = submit_for_moderation(translation, request.user)
    except NoWorkflowError:
        messages.error(request, _("No approval workflow covers this page; ask an administrator."))
    else:
        messages.success(
            request,
            _("'%(title)s' in %(language)s was submitted for approval.")
            % {
                "title": page.get_admin_display_title(),
                "language": translation.target_locale.get_display_name(),
            },
        )
    return redirect(_next_url(request, default))


status_view = user_passes_test(lambda user: user.has_perm("wagtailadmin.access_admin"))(
    TranslationStatusView.as_view()
)
