import uuid

from django.db import migrations, models


def first_token(apps, schema_editor):
    """Cached frames are kept only once a token exists (cms.core.chrome)."""
    apps.get_model("core", "ChromeVersion").objects.get_or_create(
        scope="chrome", defaults={"token": uuid.uuid4()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_locales"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChromeVersion",
            fields=[
                ("scope", models.CharField(max_length=20, primary_key=True, serialize=False)),
                ("token", models.UUIDField()),
            ],
        ),
        migrations.RunPython(first_token, migrations.RunPython.noop),
    ]
