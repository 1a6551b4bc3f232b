from django.core.management.base import BaseCommand

from cms.frontcache.purging import enabled, send_due
from cms.frontcache.records import forget_expired


class Command(BaseCommand):
    help = "Send the front-cache purges that are due (retries what failed); run every minute."

    def handle(self, *args, **options):
        if not enabled():
            return
        sent, failed = send_due()
        forget_expired()
        if options["verbosity"] > 1:
            self.stdout.write(f"sent {sent}, put off {failed}")
