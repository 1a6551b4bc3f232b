from django.contrib.auth.management import create_permissions
from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant_to_editors(apps, schema_editor):
    """Wagtail's "Editors" and "Moderators" groups may switch emergency notices on and off."""
    config = apps.get_app_config("alerts")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="alerts",
        codename__in=[f"{action}_emergencynotice" for action in ACTIONS],
    )
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_to_editors, migrations.RunPython.noop)]
