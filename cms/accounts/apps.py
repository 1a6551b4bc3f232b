from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def contributions(self):
        from cms.accounts.views import erase_account, export_account
        from cms.core.manifest import Contributions, UserData

        return Contributions(
            userdata=(UserData("account", export_account, erase_account),),
            demo="cms.accounts.demo",  # after the sites (0) and the moderator groups
            demo_order=75,
        )
