import tempfile

from django.core.management.base import BaseCommand, CommandError

from cms.ops.backup import read_backup, restore_database, restore_media, restore_profiles


class Command(BaseCommand):
    help = (
        "Replace the database, the media files and the site profiles with those of a backup "
        "made by `manage.py backup` (stop the site and the worker first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A hromada-backup-*.tar.gz file.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )
        parser.add_argument(
            "--skip-profiles",
            action="store_true",
            help="Keep the site/*.toml profiles as they are.",
        )

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory(prefix="hromada-restore.") as tmp:
            folder, manifest = read_backup(options["archive"], tmp)
            if not options["yes"]:
                answer = input(
                    f"Replace this installation's data with the backup of {manifest['created']}? "
                    "[y/N] "
                )
                if answer.strip().lower() not in ("y", "yes"):
                    raise CommandError("Nothing was changed.")
            restore_database(folder, manifest)
            self.stdout.write(f"Database restored ({manifest['database']}).")
            if restore_media(folder):
                self.stdout.write("Media files restored.")
            else:
                self.stdout.write("Media are on object storage: restore the bucket separately.")
            if not options["skip_profiles"]:
                names = restore_profiles(folder)
                self.stdout.write(f"Site profiles restored: {', '.join(names)}.")
        self.stdout.write(
            "Next: manage.py migrate (a backup from an older release), then restart the site "
            "and the worker."
        )
