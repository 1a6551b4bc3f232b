"""The comment policy and moderation leave the page models: the comments plugin keeps them
in its own per-page settings (`comments.PageCommentSettings`) and copies the values already
chosen from these columns whenever it is installed, now or later. So the columns stay in
the database (with an empty default, unused by this app) and only the models forget them;
a later release may drop them."""

from django.db import migrations, models

POLICY = models.CharField(
    blank=True,
    choices=[
        ("open", "Open: signed-in citizens may comment"),
        ("closed", "Closed: the thread is shown, no new comments"),
        ("hidden", "Hidden: no thread"),
    ],
    db_default="",
    help_text="Leave empty for the default of this page type.",
    max_length=10,
    verbose_name="comments",
)
MODERATION = models.CharField(
    blank=True,
    choices=[
        ("post", "Post-moderation: visible at once"),
        ("pre", "Pre-moderation: visible after approval"),
    ],
    db_default="",
    help_text="Leave empty for the site's setting.",
    max_length=10,
    verbose_name="comment moderation",
)


def _retire(model_name):
    return migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.AlterField(model_name=model_name, name="comment_policy", field=POLICY),
            migrations.AlterField(
                model_name=model_name, name="comment_moderation", field=MODERATION
            ),
        ],
        state_operations=[
            migrations.RemoveField(model_name=model_name, name="comment_policy"),
            migrations.RemoveField(model_name=model_name, name="comment_moderation"),
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0003_progress_update_draft_state")]

    operations = [_retire("actionplanpage"), _retire("commitmentpage")]
