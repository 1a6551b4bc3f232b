"""Give the groups that manage Wagtail's stock documents the same rights on council documents
(Wagtail's own migrations grant them only for `wagtaildocs.Document`)."""

from django.db import migrations

ACTIONS = ("add", "change", "delete")


def copy_permissions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    stock, _ = ContentType.objects.get_or_create(app_label="wagtaildocs", model="document")
    ours, _ = ContentType.objects.get_or_create(app_label="archive", model="councildocument")
    codenames = {f"{action}_document": f"{action}_councildocument" for action in ACTIONS}
    codenames["choose_document"] = "choose_document"
    for stock_codename, our_codename in codenames.items():
        stock_permission = Permission.objects.filter(
            content_type=stock, codename=stock_codename
        ).first()
        if stock_permission is None:
            continue
        name = stock_permission.name.replace("document", "council document", 1)
        permission, _ = Permission.objects.get_or_create(
            content_type=ours, codename=our_codename, defaults={"name": name[:255]}
        )
        for grant in GroupCollectionPermission.objects.filter(permission=stock_permission):
            GroupCollectionPermission.objects.get_or_create(
                group_id=grant.group_id, collection_id=grant.collection_id, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0004_archive_page"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(copy_permissions, migrations.RunPython.noop)]
