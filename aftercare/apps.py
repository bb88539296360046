from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AftercareConfig(AppConfig):
    name = "aftercare"
    verbose_name = _("Aftercare")

    def ready(self) -> None:
        from aftercare import figures, permissions, reminders
        from crm.extensions import CompanyLink, register_company_link
        from dashboards import panels
        from reminders import registry

        registry.register_sweep(reminders.sweep_service_requests)
        registry.register_weekly_digest_section(reminders.weekly_digest_line)
        panels.register(figures.aftercare_panel)
        register_company_link(
            CompanyLink(_("Aftercare (企业服务)"), "aftercare:company_detail", permissions.can_view_landed_company,
                        "aftercare-company-link")
        )  # fmt: skip
