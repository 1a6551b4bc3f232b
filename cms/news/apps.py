from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "cms.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from cms.news import signals

        signals.connect()

    def contributions(self):
        from cms.core.manifest import Contributions
        from cms.core.search_sources import SearchSource

        return Contributions(
            search_sources=(
                SearchSource(
                    kind="news", label=_("News"), order=10, page_models=("news.NewsPage",)
                ),
            ),
            demo="cms.news.demo",
            demo_order=20,
        )
