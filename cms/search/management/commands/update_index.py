"""Wagtail's `update_index`, preceded by the public search entries and reporting progress
as counts (Wagtail prints only dots)."""

from wagtail.search.management.commands.update_index import Command as WagtailCommand

from cms.search.rebuild import rebuild


class Command(WagtailCommand):
    def handle(self, **options):
        self._progress_total = 0

        def progress(label, done, total):
            percent = 100 * done // total if total else 100
            self.write(f"search entries, {label}: {done}/{total} ({percent}%)")

        rebuild(progress=progress)
        super().handle(**options)

    def print_iter_progress(self, iterable):
        count = 0
        for item in iterable:
            yield item
            count += len(item) if isinstance(item, list) else 1
            self.write(f"  {count} objects")
