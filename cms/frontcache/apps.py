from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontCacheConfig(AppConfig):
    """Exact purging of the shipped nginx front cache (see cms.core.frontcache)."""

    name = "cms.frontcache"
    label = "frontcache"
    verbose_name = _("Front cache")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.frontcache import changes, tracking

        tracking.connect()
        changes.connect()
