from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PremisesConfig(AppConfig):
    name = "premises"
    verbose_name = _("Premises")

    def ready(self) -> None:
        from premises import permissions, reminders
        from projects.extensions import ProjectLink, register_project_link
        from reminders import registry

        registry.register_sweep(reminders.sweep_reservations)
        register_project_link(ProjectLink(_("Matching premises"), "premises:project_matching",
                                          permissions.can_match_for, "premises-matching-link"))  # fmt: skip
