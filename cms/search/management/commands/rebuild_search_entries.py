from django.core.management.base import BaseCommand

from cms.search.rebuild import rebuild


class Command(BaseCommand):
    help = "Rebuild the public search index (pages, documents and other sources), with progress."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-extract", action="store_true", help="Do not read text from document files."
        )
        parser.add_argument("--chunk", type=int, default=500)

    def handle(self, *args, **options):
        verbosity = options["verbosity"]

        def progress(label, done, total):
            if verbosity:
                percent = 100 * done // total if total else 100
                self.stdout.write(f"{label}: {done}/{total} ({percent}%)")

        kept, removed = rebuild(
            progress=progress, extract=not options["no_extract"], chunk=options["chunk"]
        )
        self.stdout.write(self.style.SUCCESS(f"Search entries: {kept} indexed, {removed} removed"))
