"""Voting codes of a school cycle in the admin: counts per batch, and generating a batch,
whose codes are shown once, on a printable page."""

from django import forms
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from plugins.budgets import rights
from plugins.budgets.codes import MAX_BATCH, generate_codes
from plugins.budgets.models import BudgetCyclePage, VotingCode


class CodesForm(forms.Form):
    batch = forms.CharField(
        label=_("Batch"), max_length=120, help_text=_("For example the school and class.")
    )
    count = forms.IntegerField(
        label=_("Number of codes"), min_value=1, max_value=MAX_BATCH, initial=30
    )


@never_cache
def codes(request, page_id):
    page = get_object_or_404(BudgetCyclePage, pk=page_id)
    if not rights.can_review(request.user, page):
        raise Http404
    form = CodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = form.cleaned_data["batch"].strip()
        created = generate_codes(page, form.cleaned_data["count"], batch)
        context = {"page": page, "batch": batch, "codes": created}
        return TemplateResponse(request, "budgets/admin/codes_print.html", context)
    batches = (
        VotingCode.objects.filter(cycle__translation_key=page.translation_key)
        .values("batch")
        .annotate(total=Count("pk"), used=Count("pk", filter=Q(used_at__isnull=False)))
        .order_by("batch")
    )
    context = {"page": page, "form": form, "batches": batches}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "budgets/admin/codes.html", context, status=status)


urlpatterns = [path("<int:page_id>/codes/", codes, name="codes")]
