from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        from core.list_actions import register_list_action
        from exports.menu import export_menu_action

        for list_name, url_name in (
            ("projects", "exports:project_export"), ("companies", "exports:company_export"),
            ("activity", "exports:activity_export"), ("follow_ups", "exports:follow_up_export"),
        ):  # fmt: skip
            register_list_action(list_name, export_menu_action(url_name))
