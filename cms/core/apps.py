from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # checks and identity register system checks when imported.
        from cms.core import checks, chrome, identity  # noqa: F401

        chrome.connect()
