from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cms.ops.backup import create_backup


class Command(BaseCommand):
    help = (
        "Write one timestamped archive with the database dump, the media files and the "
        "site profiles (default folder: var/backups, or BACKUP_DIR)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", help="Folder for the archive.")

    def handle(self, *args, **options):
        default = Path(settings.BASE_DIR) / "var" / "backups"
        output_dir = options["output_dir"] or settings.BACKUP_DIR or default
        archive = create_backup(output_dir)
        self.stdout.write(str(archive))
