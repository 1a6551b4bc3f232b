from django.core.management.base import BaseCommand

from cms.search.indexing import process_pending


class Command(BaseCommand):
    help = "Retry indexing search entries that a search backend (Elasticsearch) missed."

    def handle(self, *args, **options):
        left = process_pending(limit=10_000)
        if options["verbosity"]:
            self.stdout.write(f"Search entries still waiting for indexing: {left}")
