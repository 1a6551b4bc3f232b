from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from cms.accounts.views import erase_account, export_account
        from cms.core import userdata

        userdata.register("account", exporter=export_account, eraser=erase_account)
