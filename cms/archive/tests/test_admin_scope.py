"""An editor with rights on one municipality's collection sees only its documents and
images in the admin API and the choosers (titles, addresses, private ones included)."""

import io

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission

from cms.archive.tests.factories import make_document, png_bytes

pytestmark = pytest.mark.django_db

#: Wagtail checks rights on any document model by wagtaildocs.Document's permission names.
COLLECTION_RIGHTS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def make_image(title, collection):
    image = get_image_model()(title=title, collection=collection)
    image.file.save(f"{title}.png", ImageFile(io.BytesIO(png_bytes()), f"{title}.png"))
    return image


@pytest.fixture
def two_municipalities():
    root = Collection.get_first_root_node()
    ours, theirs = root.add_child(name="Ternopil files"), root.add_child(name="Levski files")
    return {
        "ours": ours,
        "own_document": make_document(
            "ternopil", "Ternopil draft budget", collection=ours, is_public=False
        ),
        "their_document": make_document(
            "levski", "Levski secret tender", collection=theirs, is_public=False
        ),
        "own_image": make_image("ternopil-bridge", ours),
        "their_image": make_image("levski-tender-plan", theirs),
    }


@pytest.fixture
def ternopil_editor(two_municipalities):
    group = Group.objects.create(name="Ternopil archivists")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for app_label, codename in COLLECTION_RIGHTS:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=two_municipalities["ours"],
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    user = User.objects.create_user("archivist", "archivist@example.org", "x")
    user.groups.add(group)
    return user


def api(client, endpoint, suffix=""):
    return client.get(reverse(f"wagtailadmin_api:{endpoint}:listing") + suffix)


def detail(client, endpoint, pk):
    """The API's detail answer (a 404 there goes on to the language-prefixed address: 404)."""
    return client.get(reverse(f"wagtailadmin_api:{endpoint}:detail", args=[pk]), follow=True)


def titles(response):
    return {item["title"] for item in response.json()["items"]}


def test_the_admin_api_lists_only_documents_of_the_users_collections(
    client, two_municipalities, ternopil_editor
):
    client.force_login(ternopil_editor)
    response = api(client, "documents")
    assert response.status_code == 200
    assert "Ternopil draft budget" in titles(response)
    assert "Levski secret tender" not in titles(response)
    their = two_municipalities["their_document"]
    assert their.url not in response.content.decode()
    assert detail(client, "documents", their.pk).status_code == 404
    found = api(client, "documents", "?search=tender")
    assert "Levski secret tender" not in titles(found)


def test_the_admin_api_lists_only_images_of_the_users_collections(
    client, two_municipalities, ternopil_editor
):
    client.force_login(ternopil_editor)
    response = api(client, "images")
    assert response.status_code == 200
    assert "ternopil-bridge" in titles(response)
    assert "levski-tender-plan" not in titles(response)
    their = two_municipalities["their_image"]
    assert detail(client, "images", their.pk).status_code == 404


def test_a_superuser_still_sees_every_municipality_in_the_admin_api(client, two_municipalities):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    for endpoint, title in [
        ("documents", "Ternopil draft budget"),
        ("documents", "Levski secret tender"),
        ("images", "ternopil-bridge"),
        ("images", "levski-tender-plan"),
    ]:
        assert titles(api(client, endpoint, f"?title={title}")) == {title}


def test_the_choosers_offer_only_the_users_collections(client, two_municipalities, ternopil_editor):
    client.force_login(ternopil_editor)
    documents = client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
    assert "Ternopil draft budget" in documents and "Levski secret tender" not in documents
    searched = client.get(reverse("wagtaildocs_chooser:choose_results") + "?q=tender")
    assert "Levski secret tender" not in searched.content.decode()
    their = two_municipalities["their_document"]
    refused = client.get(reverse("wagtaildocs_chooser:chosen", args=[their.pk]))
    assert refused.status_code in (302, 403) and "Levski" not in refused.content.decode()
    images = client.get(reverse("wagtailimages_chooser:choose")).content.decode()
    assert "ternopil-bridge" in images and "levski-tender-plan" not in images
    their_image = two_municipalities["their_image"]
    refused = client.get(reverse("wagtailimages_chooser:chosen", args=[their_image.pk]))
    assert refused.status_code in (302, 403) and "levski" not in refused.content.decode()


def test_the_document_and_image_libraries_show_only_the_users_collections(
    client, two_municipalities, ternopil_editor
):
    client.force_login(ternopil_editor)
    documents = client.get(reverse("wagtaildocs:index")).content.decode()
    assert "Ternopil draft budget" in documents and "Levski secret tender" not in documents
    images = client.get(reverse("wagtailimages:index")).content.decode()
    assert "ternopil-bridge" in images and "levski-tender-plan" not in images
    their = two_municipalities["their_document"]
    edit = client.get(reverse("wagtaildocs:edit", args=[their.pk]))
    assert edit.status_code in (302, 403) and "Levski secret tender" not in edit.content.decode()


def test_an_editor_downloads_only_private_documents_of_their_collections(
    client, two_municipalities, ternopil_editor
):
    client.force_login(ternopil_editor)
    assert client.get(two_municipalities["own_document"].url).status_code == 200
    assert client.get(two_municipalities["their_document"].url).status_code == 404
