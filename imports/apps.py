from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = _("Imports")

    def ready(self) -> None:
        from core.list_actions import register_list_action
        from imports.menu import import_link_action

        for list_name, kind in (("projects", "projects"), ("companies", "companies")):
            register_list_action(list_name, import_link_action(kind))
