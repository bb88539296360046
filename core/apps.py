from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import request_finished

        from core.middleware import start_session_clock
        from core.request_id import clear_request_id

        # The session timeouts count from the sign-in (written with the login itself, not by a later page).
        user_logged_in.connect(start_session_clock, dispatch_uid="juneng_session_clock")
        # A finished request's id does not stay on the thread's later log lines.
        request_finished.connect(clear_request_id, dispatch_uid="juneng_clear_request_id")
