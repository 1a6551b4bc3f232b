"""Registrations are per occurrence: the date is required, one active registration per
citizen and occurrence (a separate migration: PostgreSQL does not alter a table with the
data migration's pending triggers in the same transaction)."""

from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_registration_occurrence_start"),
    ]

    operations = [
        migrations.AlterField(
            model_name="registration",
            name="occurrence_start",
            field=models.DateTimeField(verbose_name="date"),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                condition=~Q(status="cancelled"),
                fields=("event", "occurrence_start", "user"),
                name="events_one_active_registration_per_occurrence",
            ),
        ),
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(
                fields=["event", "occurrence_start", "status", "created_at"],
                name="events_reg_occurrence_idx",
            ),
        ),
    ]
