"""The archive's listing kept with the page frame (cms.core.chrome) never shows what changed
since: documents added, made private or moved into a restricted collection, renamed types,
new topics; and what any text can ask for is answered without being kept."""

from datetime import date

import pytest
from taggit.models import Tag
from wagtail.models import Collection, CollectionViewRestriction, Locale

from cms.archive.tests.factories import doc_type, make_document
from cms.archive.tests.test_listing import ARCHIVE, titles
from cms.core.templatetags import core_tags

pytestmark = pytest.mark.django_db


def listed(get, query=""):
    return titles(get("banska-bystrica", ARCHIVE + query))


def test_a_kept_listing_follows_new_private_and_restricted_documents(get):
    collection = Collection.get_first_root_node().add_child(name="Rokovania komisie")
    public = make_document(
        "banska-bystrica", "Zápisnica komisie 2031", date_adopted=date(2031, 1, 5)
    )
    moved = make_document(
        "banska-bystrica", "Podklady komisie 2031", date_adopted=date(2031, 1, 4),
        collection=collection,
    )  # fmt: skip
    assert {"Zápisnica komisie 2031", "Podklady komisie 2031"} <= set(listed(get))
    assert listed(get) == listed(get)  # served again from the kept copy

    make_document("banska-bystrica", "Uznesenie 2031", date_adopted=date(2031, 2, 1))
    assert listed(get)[0] == "Uznesenie 2031"
    public.is_public = False
    public.save()
    assert "Zápisnica komisie 2031" not in listed(get)
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    assert moved.title not in listed(get)


def test_a_renamed_type_and_a_new_topic_show_on_the_kept_listing(get):
    document = make_document(
        "banska-bystrica", "Nariadenie o zeleni", document_type=doc_type("regulation"),
        date_adopted=date(2031, 3, 1),
    )  # fmt: skip
    html = get("banska-bystrica", ARCHIVE).content.decode()
    assert 'value="zelen"' not in html
    kind = doc_type("regulation").get_translation(Locale.objects.get(language_code="sk"))
    kind.name = "Všeobecne záväzné nariadenie (VZN)"
    kind.save()
    assert "Všeobecne záväzné nariadenie (VZN)" in get("banska-bystrica", ARCHIVE).content.decode()
    Tag.objects.create(name="zeleň", slug="zelen")
    get("banska-bystrica", ARCHIVE)
    document.tags.add("zeleň")  # an existing topic: only the document's tagging is saved
    assert '<option value="zeleň"' in get("banska-bystrica", ARCHIVE).content.decode()


def test_filters_and_pages_the_archive_has_are_kept_others_are_not(get, monkeypatch):
    make_document("banska-bystrica", "Zápisnica 2031", date_adopted=date(2031, 1, 5))
    kept = []
    real = core_tags.cached

    def spy(request, name, parts, *args, **kwargs):
        kept.append(list(parts))
        return real(request, name, parts, *args, **kwargs)

    monkeypatch.setattr(core_tags, "cached", spy)
    for query in ("?year=2031", "?year=2031&sort=title", "?page=1"):
        assert "Zápisnica 2031" in listed(get, query)
    assert [parts[-1] for parts in kept if parts[0] == "archive"] == [
        "year=2031&1",
        "sort=title&year=2031&1",
        "1",
    ]
    kept.clear()
    for query in ("?year=1066", "?type=nothing", "?page=9999", "?q=zápisnica", "?tag=<b>"):
        get("banska-bystrica", ARCHIVE + query)
    assert not any(parts[0] == "archive" for parts in kept)
