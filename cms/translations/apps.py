from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "cms.translations"
    label = "translations"
    verbose_name = _("Translations")

    def contributions(self):
        from cms.core.manifest import Contributions

        return Contributions(demo="cms.translations.demo", demo_order=95)

    def ready(self):
        from cms.translations import signals

        signals.connect()
