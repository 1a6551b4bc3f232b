"""Body blocks: images need alternative text unless the editor marks them decorative (then
they render with an empty `alt`); a call to action needs a page or an address."""

import pytest
from django.utils import translation
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.core.blocks import ImageBlock

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Ратуша", file=get_test_image_file())


def _value(block, **data):
    return block.to_python({"image": data.pop("image"), "caption": "", **data})


def test_an_image_without_alternative_text_is_refused_in_the_editors_language(image):
    block = ImageBlock()
    value = _value(block, image=image.pk, alt_text="  ", decorative=False)
    with translation.override("uk"):
        with pytest.raises(StructBlockValidationError) as raised:
            block.clean(value)
        message = " ".join(raised.value.block_errors["alt_text"].messages)
    assert "альтернативний текст" in message and "Декоративне" in message


def test_a_decorative_image_needs_no_text_and_has_an_empty_alt(image):
    block = ImageBlock()
    cleaned = block.clean(_value(block, image=image.pk, alt_text="leftover", decorative=True))
    assert cleaned["alt_text"] == ""
    html = block.render(cleaned)
    assert 'alt=""' in html


def test_the_alternative_text_is_the_images_alt(image):
    block = ImageBlock()
    cleaned = block.clean(_value(block, image=image.pk, alt_text="Ратуша взимку"))
    assert 'alt="Ратуша взимку"' in block.render(cleaned)


def test_a_call_to_action_needs_a_page_or_an_address():
    from cms.core.blocks import CallToActionBlock

    block = CallToActionBlock()
    value = block.to_python({"title": "Подати петицію", "button_label": "Подати", "url": ""})
    with translation.override("uk"), pytest.raises(StructBlockValidationError) as raised:
        block.clean(value)
    assert "url" in raised.value.block_errors
