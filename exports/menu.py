"""The export buttons of a list page, carrying the list's current filter (its query string without the page),
added to the project, company, activity and follow-up lists as a list action (core/list_actions.py)."""

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse

from exports import permissions
from exports.services import filter_pairs


def export_menu_context(context, url_name: str) -> dict:
    request = context["request"]
    pairs = filter_pairs(request.GET)
    base = reverse(url_name)

    def link(file_format: str, masked: bool) -> str:
        return f"{base}?{urlencode([*pairs, ('format', file_format), ('masked', '1' if masked else '0')])}"

    user = request.user
    return {
        "can_export": permissions.can_export(user),
        "masked_links": [("Excel", link("xlsx", True)), ("CSV", link("csv", True))],
        "full_links": [("Excel", link("xlsx", False)), ("CSV", link("csv", False))]
        if permissions.can_export_unmasked(user)
        else [],
    }


def export_menu_action(url_name: str):
    """The list action (core/list_actions.py) that renders this menu on a list page."""

    def action(context) -> str:
        return render_to_string("exports/_export_menu.html", export_menu_context(context, url_name),
                                request=context["request"])  # fmt: skip

    return action
