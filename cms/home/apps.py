from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "cms.home"
    label = "home"
    verbose_name = _("Home")

    def contributions(self):
        from cms.core.manifest import Contributions

        return Contributions(demo="cms.home.demo", demo_order=80)
