"""PO round trips for one page or a whole section, on wagtail-localize's own functions.

A section is exported as a ZIP of one PO file per page (each carries wagtail-localize's
`X-WagtailLocalize-TranslationID`, so the import finds its translation whatever the file name).
"""

import io
import zipfile

import polib
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from cms.translations.workflow import save_translation_draft


def translation_for(page, locale, user=None):
    """The enabled wagtail-localize Translation of `page` into `locale` (created when missing,
    as "Translate this page" does: the new page is a draft)."""
    page = page.specific
    source = TranslationSource.objects.get_for_instance_or_none(page)
    if source is not None:
        translation = source.translations.filter(target_locale=locale).first()
        if translation is not None:
            if not translation.enabled:
                translation.enabled = True
                translation.save(update_fields=["enabled"])
            return translation
    TranslationCreator(user, [locale]).create_translations(page)
    source = TranslationSource.objects.get_for_instance(page)
    return source.translations.get(target_locale=locale)


def export_page_po(page, locale, user=None):
    return translation_for(page, locale, user).export_po()


def section_pages(section):
    return Page.objects.descendant_of(section, inclusive=True).filter(locale=section.locale)


def export_section_po(section, locale, user=None):
    """A ZIP (bytes) with `<url path>.po` for the section's page and every page under it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for page in section_pages(section).order_by("path"):
            po = export_page_po(page, locale, user)
            name = page.url_path.strip("/").replace("/", "__") or "root"
            archive.writestr(f"{name}.{locale.language_code}.po", str(po))
    return buffer.getvalue()


@transaction.atomic
def import_po(po, user=None, publish=False):
    """Import one PO file into its translation; save the page as a draft (or publish).

    Returns (translation, warnings); translation is None when the file names none.
    """
    if isinstance(po, bytes | str):
        po = polib.pofile(po.decode("utf-8") if isinstance(po, bytes) else po)
    uuid = po.metadata.get("X-WagtailLocalize-TranslationID")
    translation = Translation.objects.filter(uuid=uuid).first() if uuid else None
    if translation is None:
        return None, []
    warnings = translation.import_po(po, user=user, tool_name="PO file")
    if publish:
        translation.save_target(user=user, publish=True)
    else:
        save_translation_draft(translation, user)
    return translation, warnings


def import_section_po(data, user=None, publish=False):
    """Import every PO file of a ZIP made by `export_section_po`; returns the translations."""
    imported = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith(".po"):
                translation, _ = import_po(archive.read(name), user=user, publish=publish)
                if translation is not None:
                    imported.append(translation)
    return imported
