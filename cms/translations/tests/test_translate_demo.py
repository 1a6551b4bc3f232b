"""Translating the demo home page and a standard page through the admin's own views
(wagtail-localize's "Translate this page", its editor, its PO upload and its Publish)."""

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from cms.translations.tests.helpers import home, locale, make_user, translate_po

pytestmark = pytest.mark.django_db


def _english(msgid):
    return f"[en] {msgid}"


def test_translate_home_and_a_page_in_the_admin_and_serve_them(
    client, get, django_capture_on_commit_callbacks
):
    bg_home = home("levski")
    home("levski", "en").delete()  # start from a site with no English yet
    child = bg_home.get_children().live().first().specific
    admin = make_user(superuser=True)
    client.force_login(admin)

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[bg_home.pk]),
        {"locales": [locale("en").pk], "include_subtree": "on"},
    )
    assert response.status_code == 302
    en_home = bg_home.get_translation(locale("en"))
    en_child = child.get_translation(locale("en"))
    assert not en_home.live and not en_child.live
    assert get("levski", "/en/").status_code == 404

    # The home page through a PO file upload.
    home_translation = Translation.objects.get(
        source__object_id=bg_home.translation_key, target_locale=locale("en")
    )
    download = client.get(reverse("wagtail_localize:download_pofile", args=[home_translation.pk]))
    file = translate_po(polib.pofile(download.content.decode()), _english)
    client.post(
        reverse("wagtail_localize:upload_pofile", args=[home_translation.pk]),
        {"file": SimpleUploadedFile("home.po", str(file).encode()), "next": "/admin/"},
    )
    # The standard page segment by segment, as the editor does.
    child_translation = Translation.objects.get(
        source__object_id=child.translation_key, target_locale=locale("en")
    )
    for segment in StringSegment.objects.filter(source=child_translation.source).select_related(
        "string"
    ):
        value = segment.string.data
        if segment.context.path != "slug":
            value = _english(value)
        url = reverse(
            "wagtail_localize:edit_string_translation",
            args=[child_translation.pk, segment.pk],
        )
        response = client.generic("PUT", url, _form(value), _FORM)
        assert response.status_code in (200, 201)

    for page in (en_home, en_child):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
            )
        assert response.status_code == 302
        assert Page.objects.get(pk=page.pk).live

    client.logout()
    response = get("levski", "/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert f"[en] {bg_home.title}" in html
    assert 'hreflang="bg"' in html and 'hreflang="en"' in html

    path = f"/en/{child.slug}/"
    response = get("levski", path)
    html = response.content.decode()
    assert response.status_code == 200, path
    assert '<html lang="en">' in html and f"[en] {child.title}" in html
    assert (
        f'hreflang="bg" href="http://levski.localhost/bg/{child.slug}/"'
        in html.replace(":80/", "/")
        or 'hreflang="bg"' in html
    )


_FORM = "application/x-www-form-urlencoded"


def _form(value):
    from urllib.parse import urlencode

    return urlencode({"value": value})
