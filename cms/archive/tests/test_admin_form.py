"""The admin's document form offers each translatable document type once."""

import pytest
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Locale

from cms.archive.tests.factories import doc_type, make_document

pytestmark = pytest.mark.django_db


def type_choices(form):
    return [label for value, label in form.fields["document_type"].choices if value]


def test_types_are_named_in_the_editors_language_once_each():
    Form = get_document_form(get_document_model())
    with translation.override("uk"):
        labels = type_choices(Form())
    assert labels == ["Рішення", "Положення", "План", "Звіт", "Протокол", "Бланк", "Інше"]


def test_a_document_with_a_type_in_another_language_keeps_its_type():
    slovak = doc_type("report").get_translation(Locale.objects.get(language_code="sk"))
    document = make_document("banska-bystrica", "Správa", document_type=slovak)
    Form = get_document_form(get_document_model())
    with translation.override("en"):
        form = Form(instance=document)
    chosen = form.fields["document_type"].queryset.get(pk=form.initial["document_type"])
    assert chosen.name == "Report"


def test_a_new_upload_starts_on_the_site_of_the_editors_last_upload():
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    editor = get_user_model().objects.create_superuser("archivist", "a@example.org", "x-Pass-42")
    Form = get_document_form(get_document_model())
    assert Form(user=editor).initial.get("site") is None  # three sites: no guess
    earlier = make_document("levski", "Протокол")
    earlier.uploaded_by_user = editor
    earlier.save()
    assert Form(user=editor).initial["site"] == Site.objects.get(site_name="levski").pk
    other = make_document("ternopil", "Звіт")
    other.site = None
    assert Form(user=editor, instance=other).initial["site"] == earlier.site_id
