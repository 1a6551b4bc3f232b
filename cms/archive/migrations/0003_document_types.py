import uuid

from django.db import migrations

TYPES = [
    ("decision", {"en": "Decision", "uk": "Рішення", "sk": "Uznesenie", "bg": "Решение"}),
    ("regulation", {"en": "Regulation", "uk": "Положення", "sk": "Nariadenie", "bg": "Наредба"}),
    ("plan", {"en": "Plan", "uk": "План", "sk": "Plán", "bg": "План"}),
    ("report", {"en": "Report", "uk": "Звіт", "sk": "Správa", "bg": "Отчет"}),
    ("minutes", {"en": "Minutes", "uk": "Протокол", "sk": "Zápisnica", "bg": "Протокол"}),
    ("form", {"en": "Form", "uk": "Бланк", "sk": "Tlačivo", "bg": "Формуляр"}),
    ("other", {"en": "Other", "uk": "Інше", "sk": "Iné", "bg": "Друго"}),
]


def create_types(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    DocumentType = apps.get_model("archive", "DocumentType")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for position, (slug, names) in enumerate(TYPES):
        existing = DocumentType.objects.filter(slug=slug).first()
        key = existing.translation_key if existing else uuid.uuid4()
        for code, name in names.items():
            locale = locales.get(code)
            if locale is None:
                continue
            DocumentType.objects.get_or_create(
                translation_key=key,
                locale=locale,
                defaults={"name": name, "slug": slug, "sort_order": position},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0002_original_filename"),
        ("core", "0001_locales"),
    ]

    operations = [migrations.RunPython(create_types, migrations.RunPython.noop)]
