"""Proposing a project, and its author editing it until the proposals close. Never cached;
a valid form is stored whole (project and images in one transaction) and redirected."""

from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cms.core.citizens import verified_citizen
from plugins.budgets.abuse import PROPOSALS_PER_DAY, TOO_MANY_PROPOSALS
from plugins.budgets.forms import ProjectForm
from plugins.budgets.models import Phase, ProjectImage, ProjectStatus
from plugins.budgets.views.common import citizen_view, closed, sign_in_needed, subpage_url


def _save(form, page, author=None):
    """Store the project and its images at once."""
    with transaction.atomic():
        project = form.save(commit=False)
        if author is not None:
            project.cycle = page.source
            project.author = author
        project.save()
        for image in form.cleaned_data.get("remove_images") or []:
            image.image.delete(save=False)
            image.delete()
        alt = form.cleaned_data.get("image_alt", "")
        start = project.images.count()
        for number, upload in enumerate(form.cleaned_data.get("images") or [], start=start):
            ProjectImage.objects.create(project=project, image=upload, alt=alt, sort_order=number)
    return project


def _form_page(request, page, form, project=None, status=200):
    context = {"page": page, "form": form, "project": project}
    return render(request, "budgets/propose.html", context, status=status)


@citizen_view
def propose(page, request):
    if page.phase != Phase.PROPOSALS:
        return closed(page, request, _("Projects can be proposed only while proposals are open."))
    citizen = verified_citizen(request)
    if citizen is None:
        return sign_in_needed(page, request)
    form = ProjectForm(request.POST or None, request.FILES or None, cycle=page)
    if request.method == "GET":
        return _form_page(request, page, form)
    if not form.is_valid():
        return _form_page(request, page, form, status=400)
    if not PROPOSALS_PER_DAY.consume(citizen.pk):
        form.add_error(None, TOO_MANY_PROPOSALS)
        return _form_page(request, page, form, status=429)
    project = _save(form, page, author=citizen)
    return redirect(subpage_url(page, request, "project_view", project.pk) + "?proposed=1")


@citizen_view
def edit(page, request, project):
    citizen = verified_citizen(request)
    if citizen is None:
        return sign_in_needed(page, request)
    if project.author_id != citizen.pk:
        return closed(page, request, _("Only the author of a project can change it."))
    if page.phase != Phase.PROPOSALS or project.status != ProjectStatus.PROPOSED:
        return closed(page, request, _("A project can be changed only while proposals are open."))
    form = ProjectForm(request.POST or None, request.FILES or None, cycle=page, instance=project)
    if request.method == "GET":
        return _form_page(request, page, form, project)
    if not form.is_valid():
        return _form_page(request, page, form, project, status=400)
    _save(form, page)
    return redirect(subpage_url(page, request, "project_view", project.pk) + "?changed=1")
