from django.core.management.base import BaseCommand

from cms.frontcache.moments import sweep
from cms.frontcache.purging import enabled, send_due
from cms.frontcache.records import forget_expired


class Command(BaseCommand):
    help = (
        "Purge what changed by time (consultations opening and closing, events ending, ...) "
        "and send the front-cache purges that are due (retries what failed); run every minute."
    )

    def handle(self, *args, **options):
        if not enabled():
            return
        moments = sweep()
        sent, failed = send_due()
        forget_expired()
        if options["verbosity"] > 1:
            self.stdout.write(f"time-driven tags {len(moments)}, sent {sent}, put off {failed}")
