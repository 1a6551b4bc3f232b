"""Export or import PO files for a page or a whole section (see cms.translations.po)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page

from cms.translations import po


class Command(BaseCommand):
    help = "Export a page or section to PO (a ZIP for a section) or import PO/ZIP files."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export")
        export.add_argument("page_id", type=int)
        export.add_argument("language")
        export.add_argument("output")
        export.add_argument("--section", action="store_true", help="the page and its subtree")
        imp = sub.add_parser("import")
        imp.add_argument("input")
        imp.add_argument("--publish", action="store_true", help="publish (default: draft)")

    def handle(self, *args, **options):
        if options["action"] == "export":
            try:
                page = Page.objects.get(pk=options["page_id"])
                locale = Locale.objects.get(language_code=options["language"])
            except (Page.DoesNotExist, Locale.DoesNotExist) as error:
                raise CommandError(str(error)) from error
            if options["section"]:
                Path(options["output"]).write_bytes(po.export_section_po(page, locale))
            else:
                Path(options["output"]).write_text(str(po.export_page_po(page, locale)))
            self.stdout.write(f"Wrote {options['output']}")
            return
        data = Path(options["input"]).read_bytes()
        if data[:2] == b"PK":
            done = po.import_section_po(data, publish=options["publish"])
        else:
            translation, _ = po.import_po(data, publish=options["publish"])
            done = [translation] if translation else []
        self.stdout.write(f"Imported {len(done)} translation(s)")
