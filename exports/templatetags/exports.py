"""`{% export_menu "exports:project_export" %}`: the export buttons of a list page, carrying the list's
current filter (its query string without the page)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from exports import permissions
from exports.services import filter_pairs

register = template.Library()


@register.inclusion_tag("exports/_export_menu.html", takes_context=True)
def export_menu(context, url_name: str) -> dict:
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
