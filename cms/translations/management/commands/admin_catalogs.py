from django.core.management.base import BaseCommand

from cms.translations import admin_catalog


class Command(BaseCommand):
    help = (
        "Rewrite the project's admin catalogs (uk, sk, bg) from the installed packages' "
        "English catalogs, keeping every translation made, and report what is left to do."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=admin_catalog.LANGUAGES, action="append")
        parser.add_argument("--list", action="store_true", help="print every message to do")

    def handle(self, *args, **options):
        for language in options["language"] or admin_catalog.LANGUAGES:
            for domain in admin_catalog.DOMAINS:
                po = admin_catalog.update(language, domain)
                todo = admin_catalog.problems(language, domain)
                self.stdout.write(f"{language} {domain}: {len(po)} messages, {len(todo)} to do")
                if options["list"]:
                    self.stdout.write("\n".join(f"  {line}" for line in todo))
