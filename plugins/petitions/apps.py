from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """E-petitions: citizens start petitions, others sign, the council answers in public."""

    name = "plugins.petitions"
    label = "petitions"
    verbose_name = _("Petitions")
    default_auto_field = "django.db.models.BigAutoField"

    def contributions(self):
        from cms.core.manifest import Contributions

        return Contributions()
