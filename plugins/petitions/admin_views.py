"""Petition moderation in the Wagtail admin: the queue of petitions by status, and one
petition with its actions (publish, refuse with a reason, set the council's answer). A
moderator sees and acts on the petitions of the sites they moderate only (see `rights`)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser

from cms.core.text import clean_plain_text
from plugins.petitions import rights, services
from plugins.petitions.models import Petition, PetitionStatus, RefusalReason

OVERDUE = "overdue"


class RefuseForm(forms.Form):
    reason = forms.ChoiceField(label=gettext_lazy("Reason"), choices=RefusalReason.choices)
    note = forms.CharField(
        label=gettext_lazy("Note to the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The author reads it; it is never public."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("The council's answer"), widget=forms.Textarea(attrs={"rows": 8})
    )
    document = forms.ModelChoiceField(
        label=gettext_lazy("Document from the archive"),
        queryset=get_document_model().objects.all(),
        required=False,
        widget=AdminDocumentChooser,
    )

    def clean_answer(self):
        value = clean_plain_text(self.cleaned_data["answer"])
        if not value:
            raise forms.ValidationError(_("This field cannot be empty."))
        return value


def _require_moderator(request):
    if not rights.is_moderator(request.user):
        raise PermissionDenied


def _filters():
    return [
        (PetitionStatus.PENDING, PetitionStatus.PENDING.label),
        (PetitionStatus.COLLECTING, PetitionStatus.COLLECTING.label),
        (PetitionStatus.CONSIDERATION, PetitionStatus.CONSIDERATION.label),
        (OVERDUE, _("Overdue")),
        (PetitionStatus.ANSWERED, PetitionStatus.ANSWERED.label),
        (PetitionStatus.FAILED, PetitionStatus.FAILED.label),
        (PetitionStatus.REFUSED, PetitionStatus.REFUSED.label),
    ]


def index(request):
    _require_moderator(request)
    filters = _filters()
    show = request.GET.get("show")
    if show not in {value for value, _label in filters}:
        show = PetitionStatus.PENDING
    petitions = rights.within_sites(
        Petition.objects.select_related("index", "index__locale", "author", "topic"), request.user
    )
    petitions = petitions.overdue() if show == OVERDUE else petitions.filter(status=show)
    query = request.GET.get("q", "").strip()[:200]
    if query:
        petitions = petitions.filter(Q(title__icontains=query) | Q(text__icontains=query))
    petitions = petitions.order_by("created_at" if show == PetitionStatus.PENDING else "-pk")
    page_obj = Paginator(petitions, 50).get_page(request.GET.get("p"))
    context = {"page_obj": page_obj, "filters": filters, "show": show, "query": query}
    return TemplateResponse(request, "petitions/admin/index.html", context)


def _petition(request, pk):
    _require_moderator(request)
    petition = get_object_or_404(
        Petition.objects.select_related("index", "author", "topic", "answer_document"), pk=pk
    )
    if not rights.can_moderate(request.user, petition):
        raise PermissionDenied
    return petition


def detail(request, pk, refuse_form=None, answer_form=None, status=200):
    petition = _petition(request, pk)
    context = {
        "petition": petition,
        "events": petition.events.select_related("by"),
        "attachments": petition.attachments.all(),
        "refuse_form": refuse_form or RefuseForm(),
        "answer_form": answer_form or AnswerForm(initial={"answer": petition.answer}),
        "public_url": petition.get_url(request) if petition.is_public else "",
    }
    return TemplateResponse(request, "petitions/admin/detail.html", context, status=status)


@require_POST
def act(request, pk):
    petition = _petition(request, pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.publish(petition, request.user)
            messages.success(request, _("The petition is published and collects signatures."))
        elif action == "refuse":
            form = RefuseForm(request.POST)
            if not form.is_valid():
                return detail(request, pk, refuse_form=form, status=400)
            note = clean_plain_text(form.cleaned_data["note"])
            services.refuse(petition, request.user, form.cleaned_data["reason"], note)
            messages.success(request, _("The petition is refused; its author has been told why."))
        elif action == "answer":
            form = AnswerForm(request.POST)
            if not form.is_valid():
                return detail(request, pk, answer_form=form, status=400)
            services.answer(
                petition, request.user, form.cleaned_data["answer"], form.cleaned_data["document"]
            )
            messages.success(request, _("The answer is published."))
        else:
            messages.error(request, _("Unknown action."))
    except services.PetitionError as error:
        messages.error(request, str(error.message))
    return redirect("petitions_admin:detail", pk=petition.pk)


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/act/", act, name="act"),
]
