"""Starting a petition: verified citizens only, in the site's language, attachments checked
by their content; bad input comes back filled in with translated errors and stores nothing."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plugins.petitions.models import Petition, PetitionAttachment, PetitionStatus

from .writing import host, index_of, make_citizen, petition_url, start_url, topic_of

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _png(name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _pdf(name="plan.pdf", size=None):
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    if size:
        body += b"0" * (size - len(body))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _form(index, **overrides):
    data = {
        "title": "Більше лавок у парку",
        "text": "У Старому парку замало лавок для літніх людей.",
        "request": "Встановити двадцять нових лавок.",
        "topic": str(topic_of(index).pk),
    }
    data.update(overrides)
    return data


def _count():
    return Petition.objects.count(), PetitionAttachment.objects.count()


def test_a_verified_citizen_starts_a_petition_that_waits_for_moderation(
    client, django_capture_on_commit_callbacks
):
    index = index_of("ternopil")
    citizen = make_citizen()
    client.force_login(citizen)
    form = client.get(start_url(index), headers=host())
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    data = {**_form(index), "attachments": [_pdf(), _png()]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(start_url(index), data, headers=host())
    petition = Petition.objects.get(author=citizen)
    assert response.status_code == 302
    assert response["Location"].startswith(petition_url(petition))
    assert petition.status == PetitionStatus.PENDING
    assert petition.language == "uk"
    assert petition.index == index
    assert sorted(a.title for a in petition.attachments.all()) == ["photo.png", "plan.pdf"]
    assert [event.status for event in petition.events.all()] == ["pending"]
    # the author is told by mail, in the petition's language
    assert mail.outbox[-1].to == [citizen.email]
    assert "Більше лавок у парку" in mail.outbox[-1].subject

    # the author sees it with its status; another citizen and an anonymous visitor do not
    own = client.get(response["Location"], headers=host())
    assert own.status_code == 200
    assert "Більше лавок у парку" in own.content.decode()
    client.force_login(make_citizen())
    assert client.get(response["Location"], headers=host()).status_code == 404
    client.logout()
    assert client.get(response["Location"], headers=host()).status_code == 404


def test_the_author_sees_the_status_on_the_account_page(client):
    index = index_of("ternopil")
    citizen = make_citizen()
    client.force_login(citizen)
    client.post(start_url(index), _form(index, title="Мій статус"), headers=host())
    page = client.get("/uk/accounts/", headers=host()).content.decode()
    assert "Мій статус" in page
    assert "Очікує модерації" in page


def test_anonymous_visitors_are_sent_to_sign_in_and_unverified_accounts_refused(client):
    index = index_of("ternopil")
    response = client.get(start_url(index), headers=host())
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    before = _count()
    assert client.post(start_url(index), _form(index), headers=host()).status_code == 403
    client.force_login(make_citizen(verified=False))
    refused = client.post(start_url(index), _form(index), headers=host())
    assert refused.status_code == 403
    assert "підтвердженою адресою" in refused.content.decode()
    assert _count() == before


def test_empty_fields_get_translated_errors_and_the_form_comes_back_filled(client):
    index = index_of("ternopil")
    client.force_login(make_citizen())
    before = _count()
    response = client.post(
        start_url(index),
        _form(index, title="Зберегти мій текст", text="   ", request="", topic=""),
        headers=host(),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Зберегти мій текст" in page  # nothing the citizen wrote is lost
    assert "Це поле необхідно заповнити" in page
    assert _count() == before


def test_hostile_html_is_stored_as_text_and_renders_inert(client):
    index = index_of("ternopil")
    citizen = make_citizen()
    client.force_login(citizen)
    response = client.post(
        start_url(index),
        _form(index, title=HOSTILE[:100], text=HOSTILE, request=HOSTILE),
        headers=host(),
    )
    assert response.status_code == 302
    petition = Petition.objects.get(author=citizen)
    assert petition.text == HOSTILE
    for page in (
        client.get(response["Location"], headers=host()),
        client.get("/uk/accounts/", headers=host()),
    ):
        html = page.content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_too_long_text_is_refused_and_kept(client):
    index = index_of("ternopil")
    client.force_login(make_citizen())
    long_title = "Д" * 201
    response = client.post(start_url(index), _form(index, title=long_title), headers=host())
    assert response.status_code == 400
    assert long_title in response.content.decode()
    assert Petition.objects.filter(title__startswith="ДДД").count() == 0


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: _pdf(size=6 * 1024 * 1024), "завеликий"),
        (
            lambda: SimpleUploadedFile("page.pdf", b"<html><script>x</script></html>"),
            "не є коректним файлом PDF",
        ),
        (lambda: SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "лише файли PDF, JPEG і PNG"),
        (lambda: _png("renamed.jpg"), "не є коректним файлом JPG"),
    ],
    ids=["too-large", "html-named-pdf", "wrong-type", "png-named-jpg"],
)
def test_a_bad_attachment_stores_nothing_and_keeps_the_text(client, upload, message):
    index = index_of("ternopil")
    client.force_login(make_citizen())
    before = _count()
    data = {**_form(index, title="Текст лишається"), "attachments": [upload()]}
    response = client.post(start_url(index), data, headers=host())
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Текст лишається" in page
    assert _count() == before


def test_at_most_three_attachments(client):
    index = index_of("ternopil")
    client.force_login(make_citizen())
    before = _count()
    data = {**_form(index), "attachments": [_pdf(f"{n}.pdf") for n in range(4)]}
    response = client.post(start_url(index), data, headers=host())
    assert response.status_code == 400
    assert "не більше 3" in response.content.decode()
    assert _count() == before


def test_the_form_speaks_the_site_language_and_offers_its_topics(client):
    index = index_of("levski")
    client.force_login(make_citizen())
    page = client.get(start_url(index), headers=host("levski")).content.decode()
    assert 'lang="bg"' in page
    assert "Започнете петиция" in page
    assert topic_of(index).name in page
    assert f'value="{topic_of(index_of("ternopil")).pk}"' not in page


def test_a_topic_of_another_language_is_refused(client):
    index = index_of("ternopil")
    client.force_login(make_citizen())
    foreign = topic_of(index_of("levski"))
    before = _count()
    response = client.post(start_url(index), _form(index, topic=str(foreign.pk)), headers=host())
    assert response.status_code == 400
    assert _count() == before


def test_attachments_go_out_only_to_who_may_see_the_petition(client):
    from plugins.petitions import services

    index = index_of("ternopil")
    citizen = make_citizen()
    client.force_login(citizen)
    data = {**_form(index, title="З додатком"), "attachments": [_pdf("план.pdf")]}
    client.post(start_url(index), data, headers=host())
    attachment = PetitionAttachment.objects.get(petition__author=citizen)
    assert attachment.file.name.startswith("documents/petitions/")
    own = client.get(attachment.url, headers=host())
    assert own.status_code == 200
    assert b"".join(own.streaming_content).startswith(b"%PDF-")
    assert own["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "attachment" in own["Content-Disposition"]
    assert "no-store" in own["Cache-Control"]
    # never by the file's own address, nor before publication for anyone else
    assert client.get(attachment.file.url, headers=host()).status_code == 404
    client.force_login(make_citizen())
    assert client.get(attachment.url, headers=host()).status_code == 404
    client.logout()
    assert client.get(attachment.url, headers=host()).status_code == 404
    # once public, anyone gets it, and the petition's page links to it
    services.publish(attachment.petition, None)
    assert client.get(attachment.url, headers=host()).status_code == 200
    page = client.get(petition_url(attachment.petition), headers=host()).content.decode()
    assert f'href="{attachment.url}"' in page
