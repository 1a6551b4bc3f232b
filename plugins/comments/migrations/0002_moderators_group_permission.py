from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_to_moderators(apps, schema_editor):
    """Wagtail's "Moderators" group may moderate comments too."""
    config = apps.get_app_config("comments")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        codename="moderate_comment", content_type__app_label="comments"
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name="Moderators"):
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_to_moderators, migrations.RunPython.noop)]
