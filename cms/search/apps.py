from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "cms.search"
    label = "search"
    verbose_name = _("Site search")
    default_auto_field = "django.db.models.BigAutoField"

    def contributions(self):
        from cms.core.manifest import Contributions
        from cms.search.sources import PAGES

        return Contributions(
            search_sources=(PAGES,),
            public_urls="cms.search.urls",
            demo="cms.search.demo",  # the index of everything the other builders made
            demo_order=99,
        )

    def ready(self):
        from cms.search import signals

        signals.connect()
