import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

RETIRED = ("page_ptr_id", "comment_policy", "comment_moderation")
POLICIES = {"open", "closed", "hidden"}
MODERATIONS = {"post", "pre"}


def _retired_columns(connection):
    """(table, rows) of every page table that still has the comment columns the page models
    had before: the values editors chose there, wherever the page type comes from."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            names = {
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            }
            if not set(RETIRED) <= names:
                continue
            cursor.execute(
                f"SELECT {', '.join(map(quote, RETIRED))} FROM {quote(table)}"  # noqa: S608
                f" WHERE {quote('comment_policy')} <> '' OR {quote('comment_moderation')} <> ''"
            )
            yield table, cursor.fetchall()


def copy_page_choices(apps, schema_editor):
    """Each page's comment policy and moderation, chosen in the old page columns, become the
    page's comment settings (a page that already has settings keeps them)."""
    Settings = apps.get_model("comments", "PageCommentSettings")
    taken = set(Settings.objects.values_list("page_id", flat=True))
    new = []
    for _table, rows in _retired_columns(schema_editor.connection):
        for page_id, policy, moderation in rows:
            policy = policy if policy in POLICIES else ""
            moderation = moderation if moderation in MODERATIONS else ""
            if page_id in taken or not (policy or moderation):
                continue
            taken.add(page_id)
            new.append(Settings(page_id=page_id, policy=policy, moderation=moderation))
    Settings.objects.bulk_create(new)


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_site_scoped_moderation"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PageCommentSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "policy",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("open", "Open: signed-in citizens may comment"),
                            ("closed", "Closed: the thread is shown, no new comments"),
                            ("hidden", "Hidden: no thread"),
                        ],
                        help_text="Leave empty for the default of this page type.",
                        max_length=10,
                        verbose_name="comments",
                    ),
                ),
                (
                    "moderation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("post", "Post-moderation: visible at once"),
                            ("pre", "Pre-moderation: visible after approval"),
                        ],
                        help_text="Leave empty for the site's setting.",
                        max_length=10,
                        verbose_name="comment moderation",
                    ),
                ),
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comment_settings",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
            ],
            options={
                "verbose_name": "comment settings of a page",
                "verbose_name_plural": "comment settings of pages",
            },
        ),
        migrations.RunPython(copy_page_choices, migrations.RunPython.noop),
    ]
