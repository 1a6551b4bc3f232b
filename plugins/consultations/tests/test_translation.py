import pytest
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from .factories import make_consultation

pytestmark = pytest.mark.django_db


def test_wagtail_localize_translation_keeps_question_and_choice_keys():
    page = make_consultation()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    english = Locale.objects.get(language_code="en")
    source.create_or_update_translation(english, fallback=True)
    translated = page.get_translation(english).specific

    def keys(version):
        return [
            (question.key, question.kind, [choice.key for choice in question.choices])
            for question in version.question_list
        ]

    assert keys(translated) == keys(page)
    assert translated.translation_key == page.translation_key
