"""The kind of the occurrences this app puts on the civic calendar."""

KIND = "event"
