"""Documents are never on a public address: only the download view sends them.

Under `make run` and in tests Django serves public media (images) itself; documents are
refused there at every address. In production the download view checks, then hands the
file to nginx with X-Accel-Redirect (its `internal` location in site/deploy/nginx.conf).
"""

import re

import pytest
from django.contrib.auth.models import User
from django.core.files.images import ImageFile
from django_sendfile.utils import _get_sendfile
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from cms.archive.tests.factories import Document, make_document, png_bytes

pytestmark = pytest.mark.django_db

STORED_NAME = re.compile(r"^documents/[0-9a-f]{32}/[^/]+$")
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def private_document():
    return make_document("ternopil", "Draft budget", filename="draft.pdf", is_public=False)


@pytest.fixture
def image():
    import io

    picture = get_image_model()(title="Town hall")
    picture.file.save("town-hall.png", ImageFile(io.BytesIO(png_bytes()), "town-hall.png"))
    return picture


@pytest.fixture
def behind_nginx(settings):
    """The production settings of the download view (site/deploy/nginx.conf's contract)."""
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    settings.SENDFILE_ROOT = settings.MEDIA_ROOT / "documents"
    settings.SENDFILE_URL = "/media/documents"
    _get_sendfile.cache_clear()
    yield
    _get_sendfile.cache_clear()


def editor():
    from django.contrib.auth.models import Group

    user = User.objects.create_user("editor", "editor@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_two_uploads_of_one_name_are_stored_under_different_random_folders():
    first = make_document("ternopil", "Minutes", filename="minutes.pdf")
    second = make_document("levski", "Minutes", filename="minutes.pdf")
    assert STORED_NAME.match(first.file.name) and STORED_NAME.match(second.file.name)
    assert first.file.name != second.file.name
    assert first.file.name.endswith("/minutes.pdf")
    assert first.url == f"/documents/{first.pk}/minutes.pdf"


def test_a_hostile_upload_name_is_made_safe_inside_the_random_folder():
    document = make_document("ternopil", "Odd", filename="../../Звіт <script>.pdf")
    assert STORED_NAME.match(document.file.name)
    assert "<" not in document.file.name and ".." not in document.file.name


def test_the_demo_documents_have_unguessable_names():
    names = list(Document.objects.exclude(site=None).values_list("file", flat=True))
    assert names
    assert [name for name in names if not STORED_NAME.match(name)] == []


def test_images_are_served_from_media_with_nosniff(client, image):
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_documents_are_not_served_at_any_media_address(client, private_document, image):
    public = make_document("ternopil", "Adopted budget", filename="budget.pdf")
    stored = private_document.file.name
    token = stored.split("/")[1]
    addresses = [
        f"/media/{stored}",
        f"/media/{public.file.name}",
        "/media/documents/draft.pdf",
        f"/media/documents/{token}/",
        "/media/documents/",
        f"/media/images/../{stored}",
        f"/media/original_images/..%2f{stored.replace('/', '%2f')}",
        f"/media/original_images/../../media/{stored}",
        f"/media//{stored}",
        f"/media/./{stored}",
    ]
    for address in addresses:
        response = client.get(address, follow=True)  # a folder goes to /<lang>/...: 404
        assert response.status_code == 404, address
        assert b"%PDF" not in response.content, address
    assert client.get(image.file.url).status_code == 200


def test_media_serving_never_leaves_the_public_folders(client, image):
    for address in [
        "/media/original_images/../../../cms/settings/base.py",
        "/media/images/%2e%2e/%2e%2e/manage.py",
    ]:
        response = client.get(address, follow=True)
        assert response.status_code == 404 and b"import" not in response.content


def test_the_download_view_answers_x_accel_redirect_behind_nginx(client, behind_nginx):
    document = make_document("ternopil", "Adopted budget", filename="budget.pdf")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/media/{document.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="budget.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.get("Content-Length", "0") == "0"  # nginx sends the length


def test_behind_nginx_active_content_is_still_only_a_download(client, behind_nginx):
    document = make_document("ternopil", "Page", filename="page.html", content=HTML)
    response = client.get(document.url)
    assert response["X-Accel-Redirect"] == f"/media/{document.file.name}"
    assert response["Content-Disposition"] == 'attachment; filename="page.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_behind_nginx_a_private_document_goes_only_to_editors(
    client, behind_nginx, private_document
):
    anonymous = client.get(private_document.url)
    assert anonymous.status_code == 404
    assert not anonymous.has_header("X-Accel-Redirect")
    citizen = User.objects.create_user("citizen", "citizen@example.org", "x")
    client.force_login(citizen)
    assert not client.get(private_document.url).has_header("X-Accel-Redirect")
    client.force_login(editor())
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/media/{private_document.file.name}"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("restriction_type", ["login", "groups"])
def test_a_document_in_a_restricted_collection_is_refused(client, behind_nginx, restriction_type):
    from django.contrib.auth.models import Group

    collection = Collection.get_first_root_node().add_child(name="Council only")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type
    )
    members = Group.objects.create(name="Council members")
    restriction.groups.add(members)
    document = make_document("ternopil", "Council memo", filename="memo.pdf", collection=collection)
    anonymous = client.get(document.url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    assert not anonymous.has_header("X-Accel-Redirect")
    member = User.objects.create_user("member", "member@example.org", "x")
    member.groups.add(members)
    client.force_login(member)
    assert client.get(document.url)["X-Accel-Redirect"] == f"/media/{document.file.name}"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("evil.html", HTML),
    ],
)
def test_active_content_in_a_media_folder_never_renders_as_a_page(client, settings, name, content):
    """A file put into an image folder by code or by hand is offered only as a download."""
    folder = settings.MEDIA_ROOT / "original_images"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content)
    response = client.get(f"/media/original_images/{name}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
