"""The "import a ledger" link that the project and company lists show (a list action, core/list_actions.py)
to whoever may import that kind."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from imports import permissions


def import_link_action(kind: str):
    def action(context) -> str:
        if not permissions.can_import(context["request"].user, kind):
            return ""
        return format_html(
            '<a class="btn btn-outline-secondary btn-sm mb-2 import-link" href="{}?kind={}">{}</a>',
            reverse("imports:import_list"),
            kind,
            _("Import a ledger"),
        )

    return action
