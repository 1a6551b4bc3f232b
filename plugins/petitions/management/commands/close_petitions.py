from django.core.management.base import BaseCommand

from plugins.petitions.services import close_expired


class Command(BaseCommand):
    help = (
        "Close the petitions whose collection period has ended without the signatures "
        "needed (their authors and signers are told by mail). Run by the scheduler."
    )

    def handle(self, *args, **options):
        closed = close_expired()
        if options["verbosity"]:
            self.stdout.write(f"{closed} petition(s) closed")
