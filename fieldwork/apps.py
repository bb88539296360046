from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FieldworkConfig(AppConfig):
    name = "fieldwork"
    verbose_name = _("Field work")

    def ready(self) -> None:
        from dashboards import panels
        from fieldwork import figures, reminders
        from reminders import registry

        registry.register_sweep(reminders.sweep_trip_reports)
        registry.register_weekly_digest_section(reminders.next_week_plan_line)
        panels.register(figures.groups_out_warning)
        panels.register(figures.fieldwork_panel)
