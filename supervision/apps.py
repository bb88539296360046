from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervision (督办)")

    def ready(self) -> None:
        from core.list_actions import register_list_action
        from dashboards import panels
        from projects.extensions import ProjectLink, register_project_link
        from projects.permissions import can_view_project
        from reminders import registry
        from supervision import figures, my_day, permissions, reminders

        registry.register_sweep(reminders.sweep_orders)
        registry.register_weekly_digest_section(reminders.weekly_digest_line)
        panels.register(figures.supervision_panel)
        register_list_action("my_day", my_day.my_day_section)  # a section of My day
        register_project_link(ProjectLink(_("Issue a supervision order (发督办)"), "supervision:order_create",
                                          permissions.can_issue_order, "supervision-issue-link"))  # fmt: skip
        register_project_link(ProjectLink(_("Supervision orders (督办)"), "supervision:project_orders",
                                          can_view_project, "supervision-project-link"))  # fmt: skip
