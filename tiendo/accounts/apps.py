from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tiendo.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models import Q
        from django.utils.translation import gettext_lazy as _

        from tiendo.agencies.open_work import register_open_work

        from .models import User

        # Active staff of a merged agency work for the successor from the effective date.
        register_open_work(User, "agency", Q(is_active=True), label="accounts.User.agency", title=_("active staff"))
