from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "cms.translations"
    label = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from cms.translations import signals

        signals.connect()
