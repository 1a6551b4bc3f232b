"""Registrations are per occurrence: existing ones are for the event's (first) start."""

import zoneinfo
from datetime import datetime, time

from django.db import migrations, models


def set_occurrence_start(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    EventPage = apps.get_model("events", "EventPage")
    events = EventPage.objects.filter(
        pk__in=Registration.objects.values("event_id")
    ).only("start", "all_day", "time_zone")
    for event in events:
        start = event.start
        if event.all_day:  # an all-day event's occurrences start at local midnight
            tz = zoneinfo.ZoneInfo(event.time_zone or "UTC")
            start = datetime.combine(start.astimezone(tz).date(), time(0), tzinfo=tz)
        Registration.objects.filter(event_id=event.pk).update(occurrence_start=start)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_snippet_draft_state"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="registration",
            name="events_one_active_registration_per_user",
        ),
        migrations.RemoveIndex(
            model_name="registration",
            name="events_regi_event_i_436663_idx",
        ),
        migrations.AddField(
            model_name="registration",
            name="occurrence_start",
            field=models.DateTimeField(null=True, verbose_name="date"),
        ),
        migrations.RunPython(set_occurrence_start, migrations.RunPython.noop),
    ]
